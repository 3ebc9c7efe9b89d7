/**
 * Suggested public posts (table `accounts`). Access patterns:
 * - a suggestion:                 pk SUGGESTION#<id>, sk SUGGESTION
 * - its history, in order:        pk SUGGESTION#<id>, sk EVENT#<at>#<random> (append-only)
 * - a submitter's suggestions:     gsi1pk SUGGESTIONS#<submitterId>, gsi1sk <submittedAt>
 * - the review queue by status:    gsi2pk SUGGESTION-STATUS#<status>, gsi2sk <submittedAt>
 */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { tableName } from '../config.ts';
import { ConflictError } from '../errors.ts';
import { dynamo } from './clients.ts';
import { spendFailure, spendLink, type DecisionLink } from './decision-links.ts';
import { conditionFailedAt, fromItem } from './items.ts';
import { retained } from './record-retention.ts';

export type SuggestionStatus =
  | 'with-supervisor'
  | 'returned'
  | 'with-communications'
  | 'held'
  | 'approved'
  | 'declined';

export interface PostSuggestion {
  suggestionId: string;
  submitterId: string;
  supervisorId: string;
  text: string;
  eventDate?: string;
  timeSensitive: boolean;
  visuals: Array<{ reference: string; description?: string }>;
  attestations: { photoPermission: true; confidentiality: true };
  status: SuggestionStatus;
  submittedAt: string;
  holdUntil?: string;
}

export interface SuggestionEvent {
  at: string;
  actorId: string;
  action: string;
  comment?: string;
  holdUntil?: string;
}

const table = () => tableName('accounts');
const key = (id: string) => ({ pk: `SUGGESTION#${id}`, sk: 'SUGGESTION' });
const eventItem = (id: string, event: SuggestionEvent) => ({
  pk: `SUGGESTION#${id}`,
  sk: `EVENT#${event.at}#${randomBytes(4).toString('hex')}`,
  type: 'suggestion-event',
  ...event,
});
const strip = (item: Record<string, unknown>) => fromItem<PostSuggestion>(item);

export async function createSuggestion(suggestion: PostSuggestion): Promise<void> {
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: table(),
            Item: {
              ...key(suggestion.suggestionId),
              type: 'post-suggestion',
              ...suggestion,
              gsi1pk: `SUGGESTIONS#${suggestion.submitterId}`,
              gsi1sk: suggestion.submittedAt,
              gsi2pk: `SUGGESTION-STATUS#${suggestion.status}`,
              gsi2sk: suggestion.submittedAt,
              // CT-06: kept with its history for recordDays, and while a hold names it.
              ...retained('post-suggestion', suggestion.suggestionId, suggestion.submittedAt, [
                `SUGGESTION#${suggestion.suggestionId}`,
              ]),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: table(),
            Item: eventItem(suggestion.suggestionId, {
              at: suggestion.submittedAt,
              actorId: suggestion.submitterId,
              action: 'submitted',
            }),
          },
        },
      ],
    }),
  );
}

export async function getSuggestion(
  id: string,
): Promise<{ suggestion: PostSuggestion; history: SuggestionEvent[] } | undefined> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `SUGGESTION#${id}` },
      ConsistentRead: true,
    }),
  );
  const main = Items.find((item) => item.sk === 'SUGGESTION');
  if (!main) return undefined;
  const history = Items.filter((item) => String(item.sk).startsWith('EVENT#')).map(
    ({ at, actorId, action, comment, holdUntil }) =>
      ({
        at,
        actorId,
        action,
        ...(comment ? { comment } : {}),
        ...(holdUntil ? { holdUntil } : {}),
      }) as SuggestionEvent,
  );
  return { suggestion: strip(main), history };
}

/**
 * Spends the decision link and moves the suggestion from `from` to `to` in one transaction, with
 * the decision appended to its history: of concurrent decisions exactly one commits.
 */
export async function decideSuggestion(
  link: DecisionLink,
  presentedHash: string,
  from: SuggestionStatus,
  to: SuggestionStatus,
  event: SuggestionEvent,
  submittedAt: string,
): Promise<void> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          spendLink(link, presentedHash, event.at),
          {
            Update: {
              TableName: table(),
              Key: key(link.subject.id),
              UpdateExpression:
                'SET #s = :to, gsi2pk = :index, gsi2sk = :submitted' +
                (event.holdUntil ? ', holdUntil = :hold' : ' REMOVE holdUntil'),
              ConditionExpression: '#s = :from',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: {
                ':to': to,
                ':from': from,
                ':index': `SUGGESTION-STATUS#${to}`,
                ':submitted': submittedAt,
                ...(event.holdUntil ? { ':hold': event.holdUntil } : {}),
              },
            },
          },
          { Put: { TableName: table(), Item: eventItem(link.subject.id, event) } },
        ],
      }),
    );
  } catch (error) {
    if (conditionFailedAt(error, 0)) throw await spendFailure(link, event.at);
    if (conditionFailedAt(error, 1)) throw new ConflictError('This suggestion has already moved on.', 'AlreadyDecided');
    throw error;
  }
}

/** A held suggestion comes back to the reviewers (the workflow's hold has ended). */
export async function reopenHeld(id: string, at: string): Promise<boolean> {
  const found = await getSuggestion(id);
  if (found?.suggestion.status !== 'held') return false;
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: table(),
            Key: key(id),
            UpdateExpression: 'SET #s = :to, gsi2pk = :index REMOVE holdUntil',
            ConditionExpression: '#s = :held',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':to': 'with-communications',
              ':held': 'held',
              ':index': 'SUGGESTION-STATUS#with-communications',
            },
          },
        },
        {
          Put: {
            TableName: table(),
            Item: eventItem(id, { at, actorId: 'system:post-suggestion', action: 'back-from-hold' }),
          },
        },
      ],
    }),
  );
  return true;
}

export async function suggestionsByStatus(status: SuggestionStatus): Promise<PostSuggestion[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :s',
      ExpressionAttributeValues: { ':s': `SUGGESTION-STATUS#${status}` },
    }),
  );
  return Items.map(strip);
}

export async function suggestionsOf(submitterId: string): Promise<PostSuggestion[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :s',
      ExpressionAttributeValues: { ':s': `SUGGESTIONS#${submitterId}` },
    }),
  );
  return Items.map(strip);
}

export async function storeSuggestionToken(id: string, taskToken: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: key(id),
      UpdateExpression: 'SET taskToken = :t',
      ExpressionAttributeValues: { ':t': taskToken },
    }),
  );
}

export async function suggestionToken(id: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: table(), Key: key(id), ProjectionExpression: 'taskToken', ConsistentRead: true }),
  );
  return Item?.taskToken as string | undefined;
}
