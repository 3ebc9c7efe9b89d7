/**
 * Emailed decision links (table `accounts`), one mechanism for every decision a person makes from
 * their mailbox: account approvals, post suggestions, grant approvals (NJ-02). Access patterns:
 * - a link:               pk APPROVAL#<approvalId>, sk LINK (the token is stored only as a hash)
 * - a subject's links:    gsi1pk LINKS#<kind>#<subjectId>
 * - a person's links:     gsi2pk LINKHOLDER#<holderId> (a departure voids every open one at once)
 * A link is bound to one person, one subject and one slot (the position being decided), offers a
 * fixed set of choices, expires, and is spent by the transaction that records the decision.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../auth/roles.ts';
import { tableName } from '../config.ts';
import { ConflictError, GoneError } from '../errors.ts';
import { dynamo } from './clients.ts';
import { fromItem } from './items.ts';

export type DecisionSubjectKind = 'account-request' | 'post-suggestion' | 'grant-request';

export interface DecisionLink {
  approvalId: string;
  subject: { kind: DecisionSubjectKind; id: string };
  /** The position being decided (an approver slot, a review step). */
  slot: number;
  role: Role;
  /** The one person this link is for. */
  holderId: string;
  /** The person a delegate decides for. */
  onBehalfOf?: string;
  choices: string[];
  tokenHash: string;
  expiresAt: string;
  status: 'open' | 'used' | 'revoked';
  issuedAt: string;
  why: 'request' | 'reminder' | 'escalation' | 'review';
}

const table = () => tableName('accounts');
const linkKey = (approvalId: string) => ({ pk: `APPROVAL#${approvalId}`, sk: 'LINK' });
const subjectIndex = (kind: DecisionSubjectKind, id: string) => `LINKS#${kind}#${id}`;
const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const toLink = (item: Record<string, unknown>): DecisionLink => {
  const { usedAt: _u, ...link } = fromItem<DecisionLink & { usedAt?: string }>(item);
  return link;
};

/** Stores a new link; the caller holds the only copy of the raw token. */
export async function putLink(link: DecisionLink): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: table(),
      // Kept 90 days past expiry as evidence of who was asked, then removed by TTL.
      Item: {
        ...linkKey(link.approvalId),
        type: 'decision-link',
        gsi1pk: subjectIndex(link.subject.kind, link.subject.id),
        gsi1sk: link.approvalId,
        gsi2pk: `LINKHOLDER#${link.holderId}`,
        gsi2sk: link.approvalId,
        ttl: epochSeconds(link.expiresAt) + 90 * 86_400,
        ...link,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getLink(approvalId: string): Promise<DecisionLink | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: linkKey(approvalId), ConsistentRead: true }),
  );
  return Item ? toLink(Item) : undefined;
}

/** Every link of a subject (a handful). */
export async function listLinks(kind: DecisionSubjectKind, id: string): Promise<DecisionLink[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': subjectIndex(kind, id) },
    }),
  );
  return Items.map(toLink);
}

/** Revokes a subject's open links (all, or those of some slots); spent links stay as evidence. */
export async function revokeOpenLinks(kind: DecisionSubjectKind, id: string, slots?: readonly number[]): Promise<void> {
  await revokeLinks(
    (await listLinks(kind, id)).filter((link) => link.status === 'open' && (!slots || slots.includes(link.slot))),
  );
}

/** Every link issued to `holderId` that is still open, whatever its subject. */
export async function openLinksHeldBy(holderId: string): Promise<DecisionLink[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      FilterExpression: '#s = :open',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':pk': `LINKHOLDER#${holderId}`, ':open': 'open' },
    }),
  );
  return Items.map(toLink);
}

/** Marks `links` revoked; one spent or revoked meanwhile is left as it is. */
export async function revokeLinks(links: readonly DecisionLink[]): Promise<void> {
  await Promise.all(
    links.map((link) =>
      dynamo()
        .send(
          new UpdateCommand({
            TableName: table(),
            Key: linkKey(link.approvalId),
            UpdateExpression: 'SET #s = :revoked',
            ConditionExpression: '#s = :open',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':revoked': 'revoked', ':open': 'open' },
          }),
        )
        .catch((error: Error) => {
          if (error.name !== 'ConditionalCheckFailedException') throw error;
        }),
    ),
  );
}

/**
 * The update that spends a link inside the caller's decision transaction: it must still be open,
 * match the presented token's hash and be unexpired. Of concurrent spends exactly one commits.
 */
export function spendLink(link: DecisionLink, presentedHash: string, at: string) {
  return {
    Update: {
      TableName: table(),
      Key: linkKey(link.approvalId),
      UpdateExpression: 'SET #s = :used, usedAt = :now',
      ConditionExpression: '#s = :open AND tokenHash = :hash AND expiresAt > :now',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':used': 'used', ':open': 'open', ':hash': presentedHash, ':now': at },
    },
  };
}

/** Why a spend failed: expired (410) or already used (409). */
export async function spendFailure(link: DecisionLink, at: string): Promise<Error> {
  const current = await getLink(link.approvalId);
  if (current && current.status === 'open' && current.expiresAt <= at) return new GoneError('This link has expired.');
  return new ConflictError('This link has already been used.', 'AlreadyDecided');
}
