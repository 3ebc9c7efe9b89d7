/**
 * Contact records on tn-dcs, driven over HTTP as a case system, supervisors, operations and
 * directors would: recording (TN-12) and its refusals (TN-01, TN-07, TN-11, TN-13), idempotency
 * under concurrency, corrections, paged reads and their access rules, audited exports, and
 * litigation holds across the disposal job's boundary (CT-06), the job run as the schedule CLI runs it.
 */
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedAccount, grant } from '../support/accounts.ts';
import { apiClient, mailbox, waitForEmail } from '../support/api.ts';
import { findLeaks } from '../support/leaks.ts';
import { repositoryRoot, startRuntime, type TestRuntime } from '../support/runtime.ts';
import { countItems, dynamoClient, putDirectoryEntry } from '../support/tables.ts';
import { validToken } from '../support/tokens.ts';

const run = promisify(execFile);
const day = 86_400_000;
const retentionDays = 7 * 365;

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
let accountId: string;

beforeAll(async () => {
  runtime = await startRuntime({ name: 'contacts' });
  api = apiClient(runtime.endpoints);
  accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
  for (const staffId of ['stf-staff', 'stf-staff2'])
    expect((await grant(runtime.endpoints, accountId, staffId)).status).toBe(201);
});
afterAll(() => runtime?.stop());

const contact = (overrides: Record<string, unknown> = {}) => ({
  caseId: 'case-record',
  accountId,
  workerId: 'stf-staff',
  workerName: 'Sky Caseworker',
  workerContact: { email: 'sky.caseworker@agency.example', phone: '865-555-0142' },
  recipient: { handle: 'facebook.com/jamie.r', verified: true },
  channel: 'private-message',
  direction: 'outbound',
  purpose: 'diligent-search',
  messageKind: 'conversation',
  occurredAt: new Date(Date.now() - 60_000).toISOString(),
  summary: 'Talked with the mother about a visit.',
  ...overrides,
});
const unverified = { handle: 'facebook.com/someone', verified: false };

const post = (body: unknown, key?: string) =>
  api.post('/contacts', { as: 'caseSystem', body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });
const list = (query: string, as = 'caseSystem') => api.get(`/contacts?${query}`, { as });
const contactsInTable = async () => (await countItems(runtime.endpoints)).Contacts ?? 0;

/** A supervisor of another region, signed by the local issuer as the identity provider would. */
async function knoxSupervisorToken(): Promise<string> {
  // Roles and region come from the directory (issue 15.3): register the supervisor there first.
  await putDirectoryEntry(runtime.endpoints, {
    staffId: 'stf-knox-supervisor',
    name: 'Kit Knox Supervisor',
    email: 'knox.supervisor@agency.example',
    roles: ['supervisor', 'staff'],
    region: 'knox',
    office: 'knox-central',
  });
  return validToken(runtime.endpoints, runtime.dataDir, 'stf-knox-supervisor');
}

/** Runs a scheduled job now, as `npm run schedule -- <name>` does, and returns its summary. */
async function runSchedule<T>(name: string): Promise<T> {
  const { stdout } = await run(process.execPath, ['local/run-schedule.ts', name, '--data-dir', runtime.dataDir], {
    cwd: repositoryRoot,
  });
  const line = stdout.split('\n').find((l) => l.startsWith(`${name}: `));
  if (!line) throw new Error(`No summary from the ${name} job:\n${stdout}`);
  return JSON.parse(line.slice(`${name}: `.length)) as T;
}

/** Runs the disposal job now, as `npm run schedule -- contactDisposal` does, and returns its summary. */
const runDisposal = () => runSchedule<{ disposed: number; held: number; complete: boolean }>('contactDisposal');

/** A subject's audit trail, read from the local DynamoDB as an auditor would. */
async function auditOf(subject: string): Promise<Array<Record<string, any>>> {
  const client = DynamoDBDocumentClient.from(dynamoClient(runtime.endpoints));
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: 'Audit',
      KeyConditionExpression: 'pk = :s',
      ExpressionAttributeValues: { ':s': subject },
    }),
  );
  client.destroy();
  return Items;
}

describe('TN-12: a case system records a contact', () => {
  it("201 with the record's id; the record reads back with its retention (CT-06)", async () => {
    const body = contact({ caseId: 'case-recorded', disclosed: ['case-details'] });
    const response = await post(body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toEqual({ contactId: expect.stringMatching(/^ctc_[A-Za-z0-9_-]{22}$/) });
    const { body: page } = await list('caseId=case-recorded');
    expect(page.items).toEqual([
      expect.objectContaining({
        ...body,
        contactId: response.body.contactId,
        recordedBy: 'stf-case-system',
        workerRegion: 'smoky-mountain',
        retentionSchedule: { profile: 'tn-dcs', days: retentionDays },
      }),
    ]);
    expect(Date.parse(page.items[0].retainUntil) - Date.parse(body.occurredAt)).toBe(retentionDays * day);
    expect(page.nextCursor).toBeNull();
  });

  it('only a case system records contacts', async () => {
    expect((await api.post('/contacts', { as: 'staff', body: contact() })).status).toBe(403);
  });
});

describe('policy refusals: 422 with the rule id, nothing written', () => {
  it.each([
    [
      'TN-01',
      'an account that is not a registered official account',
      { accountId: 'acc_not-registered' },
      'body.accountId',
    ],
    [
      'TN-07',
      'a worker holding no grant on the account',
      { workerId: 'stf-staff3', workerName: 'Jordan Caseworker' },
      'body.workerId',
    ],
    ['TN-11', 'a blank worker name', { workerName: '   ' }, 'body.workerName'],
    ['TN-11', 'no email or telephone for the worker', { workerContact: {} }, 'body.workerContact'],
    [
      'TN-13',
      'a conversation with an unverified recipient',
      { recipient: unverified, messageKind: 'conversation' },
      'body.messageKind',
    ],
    [
      'TN-13',
      "a child's name disclosed to an unverified recipient",
      { recipient: unverified, messageKind: 'initial-contact-request', disclosed: ['child-name'] },
      'body.disclosed',
    ],
  ])('%s refuses %s', async (rule, _, overrides, field) => {
    const before = await countItems(runtime.endpoints);
    const response = await post(contact({ caseId: 'case-refused', ...overrides }));
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe(rule);
    expect(response.body.error.details).toContainEqual({ field, message: expect.stringContaining(rule) });
    expect(await countItems(runtime.endpoints)).toEqual(before);
  });

  it('TN-13 lets an initial contact request with nothing disclosed through, and limits only what the agency sends', async () => {
    expect(
      (
        await post(
          contact({
            caseId: 'case-unverified',
            recipient: unverified,
            messageKind: 'initial-contact-request',
            disclosed: [],
          }),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await post(
          contact({
            caseId: 'case-unverified',
            recipient: unverified,
            direction: 'inbound',
            messageKind: 'conversation',
          }),
        )
      ).status,
    ).toBe(201);
  });

  it('tn-dcs does not put NJ-06, NJ-07, DC-04 or DC-07 in force: those records stand here', async () => {
    const response = await post(
      contact({ caseId: 'case-tn-settings', channel: 'public-comment', purpose: 'research' }),
    );
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect((await post(contact({ caseId: 'case-tn-settings', purpose: 'case-management' }))).status).toBe(201);
  });
});

describe('confidentiality is checked, not only declared (issue 17.6)', () => {
  // Names used nowhere else, so that a leak scan can tell where they went.
  const names = ['Quillon Vantreece', 'Zoë Vantreece'];
  const refusals: Array<[string, string, Record<string, unknown>, string]> = [
    [
      'CT-03',
      'a public comment that declares a disclosure',
      { channel: 'public-comment', disclosed: ['location'] },
      'body.disclosed',
    ],
    [
      'CT-03',
      "a public comment naming the child to a 'verified' recipient",
      { channel: 'public-comment', protectedNames: names, summary: 'Commented to ZOE  vantreece about the visit.' },
      'body.summary',
    ],
    [
      'CT-03',
      'a public comment whose text names the case id, with nothing declared',
      { channel: 'public-comment', disclosed: [], messageText: 'About CASE-CONFIDENTIAL: please call us.' },
      'body.messageText',
    ],
    [
      'TN-13',
      'an initial request to an unconfirmed recipient that names the child',
      {
        recipient: unverified,
        messageKind: 'initial-contact-request',
        protectedNames: names,
        messageText: 'Please call us about Quillon Vantreece.',
      },
      'body.messageText',
    ],
  ];

  it.each(refusals)(
    '%s refuses %s, naming the field and never what matched',
    async (refusedBy, _, overrides, field) => {
      const before = await countItems(runtime.endpoints);
      const response = await post(contact({ caseId: 'case-confidential', ...overrides }));
      expect(response.status, response.text).toBe(422);
      expect(response.body.error.code).toBe(refusedBy);
      expect(response.body.error.details).toContainEqual({ field, message: expect.stringContaining(refusedBy) });
      expect(response.text).not.toMatch(/vantreece|quillon|zo[eë]|case-confidential|please call/i);
      expect(await countItems(runtime.endpoints)).toEqual(before);
    },
  );

  it('a private message to a verified recipient may name the child; the protected names are never kept or logged', async () => {
    const response = await post(
      contact({ caseId: 'case-named', protectedNames: names, summary: 'Talked with the mother about her son.' }),
    );
    expect(response.status, response.text).toBe(201);
    const { body: page } = await list('caseId=case-named');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).not.toHaveProperty('protectedNames');
    // Neither the refusals above nor this record left a protected name in a log, an email or an item.
    expect(await findLeaks(runtime, names)).toEqual([]);
  });
});

describe('TN-12: the transcript is owed (issue 17.7)', () => {
  const twoDaysAgo = () => new Date(Date.now() - 2 * day).toISOString();
  const owedOf = async (caseId: string, as = 'caseSystem') =>
    (await api.get(`/contacts/transcripts-owed?caseId=${caseId}`, { as })).body.items as Array<Record<string, any>>;
  const supervisorEmail = () =>
    Object.values(runtime.endpoints.personas).find((persona) => persona.id === 'stf-supervisor')!.email;
  const remindersNaming = async (contactId: string) =>
    (await mailbox(runtime.endpoints)).filter(
      (e) => e.destination.to.includes(supervisorEmail()) && (e.body.text ?? '').includes(contactId),
    ).length;
  const supply = (contactId: string, transcriptDocumentId: string) =>
    api.post(`/contacts/${contactId}/transcript`, { as: 'caseSystem', body: { transcriptDocumentId } });

  it('TN-12: a finished conversation without its transcript is recorded as owing one, reminded until supplied', async () => {
    const owing = await post(contact({ caseId: 'case-owed', occurredAt: twoDaysAgo() }));
    expect(owing.status, owing.text).toBe(201);
    const { contactId } = owing.body;
    const { body: page } = await list('caseId=case-owed');
    expect(page.items[0]).toMatchObject({
      transcriptOwed: true,
      evidence: [{ rule: 'TN-12', note: expect.any(String) }],
    });
    expect(await owedOf('case-owed')).toEqual([
      expect.objectContaining({ contactId, caseId: 'case-owed', workerId: 'stf-staff', accountId }),
    ]);
    // The worker's supervisor sees it too; a supervisor of another region does not.
    expect(await owedOf('case-owed', 'supervisor')).toHaveLength(1);

    const first = await runSchedule<{ reminded: number }>('transcriptReminders');
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const reminder = await waitForEmail(
      runtime.endpoints,
      (e) => e.destination.to.includes(supervisorEmail()) && (e.body.text ?? '').includes(contactId),
    );
    expect(reminder.subject).toMatch(/transcripts? owed/);
    expect((await owedOf('case-owed'))[0]).toMatchObject({ remindedAt: expect.any(String), reminders: 1 });
    // Within the profile's interval (24 hours) nobody is reminded twice.
    await runSchedule('transcriptReminders');
    expect(await remindersNaming(contactId)).toBe(1);

    const supplied = await supply(contactId, 'doc-owed-1');
    expect(supplied.status, supplied.text).toBe(200);
    expect(supplied.body).toMatchObject({
      contactId,
      transcriptDocumentId: 'doc-owed-1',
      suppliedBy: 'stf-case-system',
    });
    expect(await owedOf('case-owed')).toEqual([]);
    // The record itself never changes; a retry answers the same; another document is a conflict.
    expect((await list('caseId=case-owed')).body.items[0]).toMatchObject({ transcriptOwed: true });
    const retry = await supply(contactId, 'doc-owed-1');
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(supplied.body);
    const other = await supply(contactId, 'doc-owed-2');
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('TranscriptAlreadySupplied');
    await runSchedule('transcriptReminders');
    expect(await remindersNaming(contactId)).toBe(1);
  });

  it('TN-12: a correction carrying the transcript settles what the superseded record owed', async () => {
    const owing = await post(contact({ caseId: 'case-owed-corrected', occurredAt: twoDaysAgo() }));
    expect(await owedOf('case-owed-corrected')).toHaveLength(1);
    const correction = await post(
      contact({
        caseId: 'case-owed-corrected',
        occurredAt: twoDaysAgo(),
        supersedes: owing.body.contactId,
        transcriptDocumentId: 'doc-corrected-1',
      }),
    );
    expect(correction.status, correction.text).toBe(201);
    expect(await owedOf('case-owed-corrected')).toEqual([]);
    const settled = await supply(owing.body.contactId, 'doc-late');
    expect(settled.status).toBe(409);
    expect(settled.body.error.code).toBe('TranscriptNotOwed');
  });

  it('TN-12: an ongoing conversation, an initial request or a record with its transcript owes nothing', async () => {
    const before = await contactsInTable();
    for (const overrides of [
      { conversationEnded: false },
      { messageKind: 'initial-contact-request' },
      { transcriptDocumentId: 'doc-with-record' },
    ]) {
      const response = await post(contact({ caseId: 'case-owes-nothing', ...overrides }));
      expect(response.status, response.text).toBe(201);
    }
    expect(await owedOf('case-owes-nothing')).toEqual([]);
    expect((await contactsInTable()) - before).toBe(3);
    const { body: page } = await list('caseId=case-owes-nothing');
    for (const item of page.items) expect(item).not.toHaveProperty('transcriptOwed');
  });

  it('only the case system that wrote the record supplies its transcript; an unknown record is 404', async () => {
    const unknown = await supply('ctc_AAAAAAAAAAAAAAAAAAAAAA', 'doc-x');
    expect(unknown.status).toBe(404);
    const bad = await api.post('/contacts/ctc_AAAAAAAAAAAAAAAAAAAAAA/transcript', {
      as: 'caseSystem',
      body: { transcriptDocumentId: '' },
    });
    expect(bad.status).toBe(400);
    expect((await api.post('/contacts/ctc_AAAAAAAAAAAAAAAAAAAAAA/transcript', { as: 'staff', body: {} })).status).toBe(
      403,
    );
  });
});

describe('bad input: refused before any rule, nothing written', () => {
  it('400 names each bad field', async () => {
    const before = await countItems(runtime.endpoints);
    const { workerName: _omitted, ...body } = contact();
    const response = await post({ ...body, channel: 'sms', occurredAt: 'yesterday', favouriteColour: 'blue' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'body',
      'body.channel',
      'body.occurredAt',
      'body.workerName',
    ]);
    expect(response.body.error.details).toContainEqual({
      field: 'body.channel',
      message: 'one of: private-message, public-comment',
    });
    expect(await countItems(runtime.endpoints)).toEqual(before);
  });

  it('400 for a contact dated in the future, and for an Idempotency-Key that is not 1-255 visible characters', async () => {
    const future = await post(contact({ occurredAt: new Date(Date.now() + day).toISOString() }));
    expect(future.body.error.details).toEqual([{ field: 'body.occurredAt', message: 'in the future' }]);
    const badKey = await post(contact(), 'k'.repeat(256));
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.details[0].field).toBe('header.idempotency-key');
  });

  it('413 over the size limit and 415 for a body that is not JSON', async () => {
    const before = await countItems(runtime.endpoints);
    const big = await post(contact({ summary: 'x'.repeat(70 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PayloadTooLarge');
    const text = await api.post('/contacts', {
      as: 'caseSystem',
      rawBody: 'caseId=1',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect(await countItems(runtime.endpoints)).toEqual(before);
  });
});

describe('Idempotency-Key: retries are safe', () => {
  it('100 concurrent duplicates get identical 201s and make exactly one record', async () => {
    const key = randomUUID();
    const body = contact({ caseId: 'case-idempotent' });
    const before = await contactsInTable();
    const responses = await Promise.all(Array.from({ length: 100 }, () => post(body, key)));
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(201));
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    const { body: page } = await list('caseId=case-idempotent');
    expect(page.items.map((item: { contactId: string }) => item.contactId)).toEqual([responses[0]!.body.contactId]);
    // The record (its own disposal-bucket entry, CT-06) and, a finished conversation without its
    // transcript, its TN-12 owed marker (issue 17.7); nothing else.
    expect((await contactsInTable()) - before).toBe(2);
  });

  it('a retry returns the original response and writes nothing, even after the rules changed (TN-07: grant revoked)', async () => {
    const key = randomUUID();
    const body = contact({ caseId: 'case-retry', workerId: 'stf-staff2', workerName: 'Robin Caseworker' });
    const first = await post(body, key);
    expect(first.status).toBe(201);
    expect((await api.delete(`/accounts/${accountId}/grants/stf-staff2`, { as: 'director' })).status).toBe(204);
    const before = await countItems(runtime.endpoints);
    const retry = await post(body, key);
    expect(retry.status).toBe(201);
    expect(retry.text).toBe(first.text);
    expect(await countItems(runtime.endpoints)).toEqual(before);
    // A new key is a new record, and the rules apply to it.
    expect((await post(body, randomUUID())).body.error.code).toBe('TN-07');
    expect((await grant(runtime.endpoints, accountId, 'stf-staff2')).status).toBe(201);
  });

  it('the same key with a different body is 409, writing nothing', async () => {
    const key = randomUUID();
    expect((await post(contact({ caseId: 'case-key-reuse' }), key)).status).toBe(201);
    const before = await countItems(runtime.endpoints);
    const reused = await post(contact({ caseId: 'case-key-reuse', summary: 'Something else entirely.' }), key);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('IdempotencyKeyReused');
    expect(await countItems(runtime.endpoints)).toEqual(before);
  });
});

describe('corrections: a new record supersedes, the old one never changes', () => {
  it('a correction supersedes once; a second correction of the same record is 409; an unknown one 400', async () => {
    const original = await post(contact({ caseId: 'case-corrected', summary: 'Wrong summary.' }));
    const correction = await post(
      contact({ caseId: 'case-corrected', summary: 'Right summary.', supersedes: original.body.contactId }),
    );
    expect(correction.status).toBe(201);
    const { body: page } = await list('caseId=case-corrected');
    expect(page.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ contactId: original.body.contactId, summary: 'Wrong summary.' }),
        expect.objectContaining({ contactId: correction.body.contactId, supersedes: original.body.contactId }),
      ]),
    );
    const second = await post(contact({ caseId: 'case-corrected', supersedes: original.body.contactId }));
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('AlreadySuperseded');
    const unknown = await post(contact({ caseId: 'case-corrected', supersedes: 'ctc_AAAAAAAAAAAAAAAAAAAAAA' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ field: 'body.supersedes', message: 'unknown contact record' }]);
  });
});

describe('reading: one case, account or worker, a page at a time', () => {
  const base = Date.parse('2024-03-01T10:00:00.000Z');
  const at = (hour: number) => new Date(base + hour * 3_600_000).toISOString();
  const ids: string[] = [];

  beforeAll(async () => {
    for (let hour = 0; hour < 5; hour++) {
      const summary =
        hour === 2 ? '=HYPERLINK("https://attacker.example","click")' : `Contact ${hour}, "quoted", on two\nlines`;
      const response = await post(
        contact({
          caseId: 'case-read',
          workerId: 'stf-staff2',
          workerName: 'Robin Caseworker',
          occurredAt: at(hour),
          summary,
        }),
      );
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      ids.push(response.body.contactId);
    }
  });

  it('pages oldest first with an opaque cursor, ending with nextCursor null', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await list(`caseId=case-read&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      sizes.push(response.body.items.length);
      seen.push(...response.body.items.map((item: { contactId: string }) => item.contactId));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual(ids);
  });

  it('from and to bound occurredAt, inclusive, on every index (case, account, worker)', async () => {
    for (const subject of ['caseId=case-read', `accountId=${accountId}`, 'workerId=stf-staff2']) {
      const { body } = await list(`${subject}&from=${at(1)}&to=${at(3)}`);
      expect(
        body.items.map((item: { contactId: string }) => item.contactId),
        subject,
      ).toEqual(ids.slice(1, 4));
    }
  });

  it('400 for a tampered cursor, a reversed range, or not exactly one of caseId, accountId, workerId', async () => {
    const { body } = await list('caseId=case-read&limit=2');
    const tampered = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body.nextCursor, 'base64url').toString()), pk: 'CASE#other' }),
    ).toString('base64url');
    for (const query of [
      `caseId=case-read&cursor=${tampered}`,
      'caseId=case-read&cursor=not-a-cursor',
      `caseId=case-read&from=${at(3)}&to=${at(1)}`,
      `caseId=case-read&workerId=stf-staff`,
      'limit=5',
    ]) {
      const response = await list(query);
      expect(response.status, query).toBe(400);
    }
  });

  it('DC-09: a supervisor reads what workers of their region recorded; a supervisor of another region is refused', async () => {
    const own = await list('workerId=stf-staff2', 'supervisor');
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThanOrEqual(5);
    const token = await knoxSupervisorToken();
    expect((await api.get('/contacts?workerId=stf-staff2', { token })).status).toBe(403);
    expect((await api.get(`/contacts?accountId=${accountId}`, { token })).status).toBe(403);
    // A case spans regions: they see only their own region's workers' records, here none.
    const ofCase = await api.get('/contacts?caseId=case-read', { token });
    expect(ofCase.status).toBe(200);
    expect(ofCase.body.items).toEqual([]);
    expect((await list('caseId=case-read', 'staff')).status).toBe(403);
  });

  it('CT-06: an NDJSON export for a records request, one record per line, audited', async () => {
    const response = await api.get('/contacts/export?caseId=case-read&requestReference=FOIA-2026-17', {
      as: 'caseSystem',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(response.headers.get('next-cursor')).toBeNull();
    const lines = response.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual((await list('caseId=case-read')).body.items);
    expect(await auditOf('CASE#case-read')).toContainEqual(
      expect.objectContaining({
        action: 'contacts.exported',
        actorId: 'stf-case-system',
        details: expect.objectContaining({
          caseId: 'case-read',
          format: 'ndjson',
          records: 5,
          complete: true,
          requestReference: 'FOIA-2026-17',
        }),
      }),
    );
  });

  it('CT-06: a CSV export by Accept header, with quoting and formulas neutralized, audited', async () => {
    const response = await api.get(`/contacts/export?caseId=case-read&from=${at(2)}`, {
      as: 'operations',
      headers: { accept: 'text/csv' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...rows] = response.text.trimEnd().split('\r\n');
    expect(header!.split(',').slice(0, 4)).toEqual(['contactId', 'caseId', 'accountId', 'occurredAt']);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(`"'=HYPERLINK(""https://attacker.example"",""click"")"`);
    expect(rows[1]).toContain('"Contact 3, ""quoted"", on two\nlines"');
    expect(await auditOf('CASE#case-read')).toContainEqual(
      expect.objectContaining({
        actorId: 'stf-operations',
        details: expect.objectContaining({ format: 'csv', records: 3 }),
      }),
    );
    expect((await api.get('/contacts/export?caseId=case-read', { as: 'supervisor' })).status).toBe(403);
  });

  it('CT-06: the records officer answering a records request exports contact records, any region, audited', async () => {
    const response = await api.get('/contacts/export?caseId=case-read&requestReference=FOIA-2026-40', {
      as: 'recordsOfficer',
    });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('x-record-count'))).toBe(5);
    expect(await auditOf('CASE#case-read')).toContainEqual(
      expect.objectContaining({
        action: 'contacts.exported',
        actorId: 'stf-records-officer',
        details: expect.objectContaining({ requestReference: 'FOIA-2026-40', records: 5 }),
      }),
    );
    // Reading the records one page at a time stays with the case systems and supervisors.
    expect((await api.get('/contacts?caseId=case-read', { as: 'recordsOfficer' })).status).toBe(403);
  });

  it('an export of an account that does not exist is 404 and writes nothing (no audit chain for it)', async () => {
    const before = await countItems(runtime.endpoints);
    for (const format of ['ndjson', 'bundle']) {
      const response = await api.get(`/contacts/export?accountId=acc_AAAAAAAAAAAAAAAAAAAAAA&format=${format}`, {
        as: 'operations',
      });
      expect(response.status, format).toBe(404);
    }
    // The route fuzzer found it: each such export opened an audit chain for an account no one has.
    expect(await countItems(runtime.endpoints)).toEqual(before);
  });

  it("issue 21.4: a bundle of an account's contact records, with its audit chain, verifies offline", async () => {
    const { verifyBundle } = await import('../../shared/domain/audit-bundle.ts');
    const response = await api.get(
      `/contacts/export?accountId=${accountId}&format=bundle&requestReference=FOIA-2026-21`,
      { as: 'operations' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toContain('contacts.bundle.json');
    expect(verifyBundle(response.text)).toMatchObject({ ok: true, chain: `ACCOUNT#${accountId}` });
    const { files } = JSON.parse(response.text);
    const records = (files['records.ndjson'] as string)
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { accountId: string });
    expect(records.length).toBe(Number(response.headers.get('x-record-count')));
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((record) => record.accountId === accountId)).toBe(true);
    // The export's own entry is in the chain the bundle carries.
    expect(files['audit-chain.ndjson']).toContain('contacts.exported');
    expect(files['audit-chain.ndjson']).toContain('FOIA-2026-21');
    // One byte changed in the records, and the bundle no longer verifies.
    expect(verifyBundle(response.text.replace(accountId, `${accountId.slice(0, -1)}x`)).ok).toBe(false);
    // A case's contacts cross accounts, so chains: refused before anything is read or audited.
    const ofCase = await api.get('/contacts/export?caseId=case-read&format=bundle', { as: 'operations' });
    expect(ofCase.status).toBe(400);
    expect(ofCase.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'query.format' })]),
    );
  });
});

describe('CT-06: holds and the disposal job across the retention boundary', () => {
  const retention = retentionDays * day;
  const records: Record<string, string> = {};
  let otherAccountId: string;
  let caseHoldId: string;
  let accountHoldId: string;

  beforeAll(async () => {
    otherAccountId = await approvedAccount(runtime.endpoints, { platform: 'instagram' });
    expect((await grant(runtime.endpoints, otherAccountId, 'stf-staff')).status).toBe(201);
    const now = Date.now();
    // Retention counts from occurredAt: these expired five minutes ago, or expire in ten.
    const expired = new Date(now - retention - 5 * 60_000).toISOString();
    const fresh = new Date(now - retention + 10 * 60_000).toISOString();
    const seed: Array<[string, Record<string, unknown>]> = [
      ['expired', { caseId: 'case-dispose', occurredAt: expired }],
      ['fresh', { caseId: 'case-keep', occurredAt: fresh }],
      ['expiredCaseHeld', { caseId: 'case-held', occurredAt: expired }],
      ['freshCaseHeld', { caseId: 'case-held', occurredAt: fresh }],
      ['expiredAccountHeld', { caseId: 'case-account-held', accountId: otherAccountId, occurredAt: expired }],
    ];
    for (const [name, overrides] of seed) {
      const response = await post(contact(overrides));
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      records[name] = response.body.contactId;
    }
  });

  const present = async (caseId: string) =>
    (await list(`caseId=${caseId}`)).body.items.map((item: { contactId: string }) => item.contactId);

  it('operations hold a case and a director holds an account of their region; others are refused', async () => {
    const onCase = await api.post('/holds', {
      as: 'operations',
      body: { caseId: 'case-held', reason: 'Subpoena 26-CV-1182' },
    });
    expect(onCase.status).toBe(201);
    caseHoldId = onCase.body.holdId;
    const onAccount = await api.post('/holds', {
      as: 'director',
      body: { accountId: otherAccountId, reason: 'Records request FOIA-2026-17' },
    });
    expect(onAccount.status).toBe(201);
    accountHoldId = onAccount.body.holdId;
    expect((await api.post('/holds', { as: 'staff', body: { caseId: 'case-held', reason: 'x' } })).status).toBe(403);
    expect((await api.post('/holds', { as: 'otherDirector', body: { accountId, reason: 'x' } })).status).toBe(403);
    const both = await api.post('/holds', { as: 'operations', body: { caseId: 'case-held', accountId, reason: 'x' } });
    expect(both.status).toBe(400);
    expect(both.body.error.details).toEqual([
      { field: 'body.caseId', message: 'exactly one of caseId, accountId, requestId, suggestionId' },
    ]);
    // A post suggestion or account request no one has is 404, and nothing is held (CI's route fuzzer held one).
    for (const body of [
      { suggestionId: 'sug_AAAAAAAAAAAAAAAAAAAAAA', reason: 'x' },
      { requestId: 'req_AAAAAAAAAAAAAAAAAAAAAA', reason: 'x' },
    ]) {
      expect((await api.post('/holds', { as: 'operations', body })).status, Object.keys(body)[0]).toBe(404);
    }
    const { body: holds } = await api.get('/holds?status=active', { as: 'operations' });
    expect(holds.items.map((h: { holdId: string }) => h.holdId)).toEqual([caseHoldId, accountHoldId]);
  });

  it('the job disposes of the expired, unheld record only, and logs what, when and under which schedule', async () => {
    expect(await runDisposal()).toMatchObject({ disposed: 1, held: 2, complete: true });
    expect(await present('case-dispose')).toEqual([]);
    expect(await present('case-keep')).toEqual([records.fresh]);
    expect((await present('case-held')).sort()).toEqual([records.expiredCaseHeld, records.freshCaseHeld].sort());
    expect(await present('case-account-held')).toEqual([records.expiredAccountHeld]);
    const log = await api.get(`/disposals?date=${new Date().toISOString().slice(0, 10)}`, { as: 'operations' });
    expect(log.body.items).toEqual([
      expect.objectContaining({
        contactId: records.expired,
        caseId: 'case-dispose',
        retentionSchedule: { profile: 'tn-dcs', days: retentionDays },
        job: 'contactDisposal',
        disposedAt: expect.any(String),
      }),
    ]);
    expect((await api.get(`/disposals?date=${new Date().toISOString().slice(0, 10)}`, { as: 'director' })).status).toBe(
      403,
    );
  });

  it('lifting a hold needs a reason and the right person; a second lift is 409', async () => {
    expect((await api.delete(`/holds/${caseHoldId}`, { as: 'operations', body: {} })).status).toBe(400);
    // CT-06: neither the director whose region is held nor operations lifts it; a records officer does.
    for (const as of ['director', 'operations']) {
      const refused = await api.delete(`/holds/${caseHoldId}`, { as, body: { reason: 'done' } });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('CT-06');
    }
    const lifted = await api.delete(`/holds/${caseHoldId}`, {
      as: 'recordsOfficer',
      body: { reason: 'Matter closed by final order' },
    });
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({
      holdId: caseHoldId,
      status: 'lifted',
      liftedBy: 'stf-records-officer',
      liftReason: 'Matter closed by final order',
    });
    const again = await api.delete(`/holds/${caseHoldId}`, { as: 'recordsOfficer', body: { reason: 'again' } });
    expect(again.status).toBe(409);
    expect(await auditOf(`HOLD#${caseHoldId}`)).toEqual([
      expect.objectContaining({ action: 'hold.placed' }),
      expect.objectContaining({ action: 'hold.lifted' }),
    ]);
  });

  it('once the case hold is lifted its expired record goes; the unexpired one and the account-held one stay', async () => {
    expect(await runDisposal()).toMatchObject({ disposed: 1, held: 1, complete: true });
    expect(await present('case-held')).toEqual([records.freshCaseHeld]);
    expect(await present('case-keep')).toEqual([records.fresh]);
    expect(await present('case-account-held')).toEqual([records.expiredAccountHeld]);
    // Run after run, a held record is never deleted.
    await runDisposal();
    expect(await present('case-account-held')).toEqual([records.expiredAccountHeld]);
  });
});

describe('API description', () => {
  it('GET /openapi.json describes the contact routes: fields, enums, errors, the Idempotency-Key header and examples', async () => {
    const { body: doc } = await api.get('/openapi.json');
    const record = doc.paths['/contacts'].post;
    expect(record.parameters).toContainEqual(
      expect.objectContaining({ name: 'idempotency-key', in: 'header', required: false }),
    );
    const schema = record.requestBody.content['application/json'].schema;
    expect(schema.required.sort()).toEqual([
      'accountId',
      'caseId',
      'channel',
      'direction',
      'messageKind',
      'occurredAt',
      'purpose',
      'recipient',
      'workerContact',
      'workerId',
      'workerName',
    ]);
    expect(schema.properties.channel.enum).toEqual(['private-message', 'public-comment']);
    expect(schema.properties.disclosed.items.enum).toContain('child-name');
    expect(schema.properties.researchJustification.enum).toContain('suspected-trafficking');
    expect(schema.examples[0]).toMatchObject({ messageKind: 'initial-contact-request' });
    expect(Object.keys(record.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '409', '413', '415', '422']),
    );
    expect(record.responses['422'].content['application/json'].schema.examples[0].error.code).toBe('TN-13');
    for (const [path, method] of [
      ['/contacts', 'get'],
      ['/contacts/export', 'get'],
      ['/holds', 'post'],
      ['/holds', 'get'],
      ['/holds/{holdId}', 'delete'],
      ['/disposals', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method]?.summary, `${method} ${path}`).toEqual(expect.any(String));
    }
  });
});
