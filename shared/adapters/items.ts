/** Small helpers every repository shares: stripping key attributes, reading transaction refusals. */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** Attributes that only serve DynamoDB (keys, index keys, TTL, item type, stored task tokens). */
const internal = new Set([
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
  'ttl',
  'type',
  'taskToken',
  // CT-06: the record's retention (shared/domain/retention.ts), read by the disposal job only.
  'retention',
]);

/** The domain object stored in an item: everything but the internal attributes. */
export function fromItem<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !internal.has(key))) as T;
}

/** The per-item codes of a cancelled transaction (`ConditionalCheckFailed`, `None`, …); empty for other errors. */
export const cancellationCodes = (error: unknown): Array<string | undefined> =>
  error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map((reason) => reason.Code) : [];

/** Whether the transaction's item `index` failed its condition. */
export const conditionFailedAt = (error: unknown, index: number): boolean =>
  cancellationCodes(error)[index] === 'ConditionalCheckFailed';
