/**
 * Contact records for the benchmarks: valid `POST /contacts` bodies from a fixed seed, so every run
 * (and both sides of a comparison) sees the same inputs, and copies of records the API wrote, so
 * bulk-loaded and baseline items have exactly the shape and size the product gives them.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { newId } from '../shared/domain/ids.ts';

/** mulberry32: a tiny seeded generator; Math.random cannot be seeded. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const words =
  'asked the mother to call office about visit her son school placement worker left message kin aunt grandmother phone number address confirmed agreed meet next week court date reminder thanked'.split(
    ' ',
  );
const disclosures = ['case-details', 'placement', 'family-members', 'education', 'court-proceedings'];

/**
 * `count` bodies a tn-dcs case system may post for `accountId`, over `cases` case ids starting
 * with `casePrefix`. Summaries run from a few words to a long paragraph, as case notes do.
 */
export function contactBodies(options: {
  count: number;
  seed: number;
  accountId: string;
  casePrefix: string;
  cases: number;
  now: number;
}): Array<Record<string, unknown>> {
  const random = seeded(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: options.count }, () => {
    const verified = random() < 0.8;
    const summaryWords = 5 + Math.floor(random() ** 2 * 120);
    return {
      caseId: `${options.casePrefix}${String(Math.floor(random() * options.cases)).padStart(5, '0')}`,
      accountId: options.accountId,
      workerId: 'stf-staff',
      workerName: 'Sky Caseworker',
      workerContact: { email: 'sky.caseworker@agency.example', phone: '865-555-0142' },
      recipient: { handle: `facebook.com/relative.${Math.floor(random() * 10_000)}`, verified },
      channel: 'private-message',
      direction: random() < 0.7 ? 'outbound' : 'inbound',
      purpose: pick(['diligent-search', 'engage-kin', 'locate-missing-child'] as const),
      messageKind: verified ? 'conversation' : 'initial-contact-request',
      occurredAt: new Date(options.now - 60_000 - Math.floor(random() * 90 * 86_400_000)).toISOString(),
      summary: Array.from({ length: summaryWords }, () => pick(words)).join(' '),
      ...(verified ? { disclosed: disclosures.filter(() => random() < 0.25) } : {}),
    };
  });
}

/** A fresh contact id, made as the service makes them: same length, so copies keep their size. */
export const newContactId = (): string => newId('ctc');

/**
 * A copy of a stored item with every occurrence of each `from` string replaced by its `to`: a
 * record the API wrote becomes another record with its own id (and, say, another case) in
 * exactly the product's shape, without this code knowing how keys are built. Ids are random
 * 22-character strings, so they occur nowhere else by accident.
 */
export function copyItem(
  item: Record<string, AttributeValue>,
  replacements: ReadonlyArray<readonly [from: string, to: string]>,
): Record<string, AttributeValue> {
  let json = JSON.stringify(item);
  for (const [from, to] of replacements) json = json.replaceAll(from, to);
  return JSON.parse(json) as Record<string, AttributeValue>;
}
