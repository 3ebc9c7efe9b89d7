/**
 * The mail dead-letter queue (table `outbox`): messages SES refused after every retry, sealed
 * (shared/adapters/sealed.ts), until the redelivery job sends them.
 * - a message:             pk MAIL#<id>, sk MAIL
 * - undelivered, oldest first: gsi1pk OUTBOX#undelivered, gsi1sk <queuedAt>
 */
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../config.ts';
import type { EmailMessage } from '../views/emails/message.ts';
import { newId } from '../domain/ids.ts';
import { dynamo } from './clients.ts';
import { seal, unseal } from './sealed.ts';

export interface QueuedMail {
  mailId: string;
  kind: string;
  queuedAt: string;
  attempts: number;
  lastError: string;
  /** Undefined when the sealed message cannot be opened (altered, or sealed under another key). */
  message: EmailMessage | undefined;
}

const table = () => tableName('outbox');

export async function enqueueUndelivered(
  message: EmailMessage,
  error: string,
  attempts: number,
  at: string,
): Promise<string> {
  const mailId = newId('mail');
  await dynamo().send(
    new PutCommand({
      TableName: table(),
      Item: {
        pk: `MAIL#${mailId}`,
        sk: 'MAIL',
        gsi1pk: 'OUTBOX#undelivered',
        gsi1sk: at,
        mailId,
        kind: message.kind,
        queuedAt: at,
        attempts,
        lastError: error,
        sealed: await seal(JSON.stringify(message), `MAIL#${mailId}`),
      },
    }),
  );
  return mailId;
}

/** The message, or undefined when it cannot be opened: one such item must not hold back the rest. */
async function opened(item: Record<string, unknown>): Promise<EmailMessage | undefined> {
  try {
    return JSON.parse(await unseal(item.sealed as string, item.pk as string)) as EmailMessage;
  } catch {
    return undefined;
  }
}

/** Undelivered messages, oldest first. */
export async function undelivered(limit = 50): Promise<QueuedMail[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': 'OUTBOX#undelivered' },
      Limit: limit,
    }),
  );
  return Promise.all(
    Items.map(async (item) => ({
      mailId: item.mailId as string,
      kind: item.kind as string,
      queuedAt: item.queuedAt as string,
      attempts: item.attempts as number,
      lastError: item.lastError as string,
      message: await opened(item),
    })),
  );
}

export async function markDelivered(mailId: string): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: table(), Key: { pk: `MAIL#${mailId}`, sk: 'MAIL' } }));
}

export async function recordFailedRedelivery(mailId: string, error: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: table(),
      Key: { pk: `MAIL#${mailId}`, sk: 'MAIL' },
      UpdateExpression: 'SET attempts = attempts + :one, lastError = :e',
      ExpressionAttributeValues: { ':one': 1, ':e': error },
    }),
  );
}
