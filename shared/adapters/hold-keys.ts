/**
 * How a litigation hold names what it keeps (CT-06), shared by the holds repository and the disposal
 * of every kind of record, and free of other adapters so the audit adapter can use it.
 * - active holds on a subject: table `contacts`, pk HELD#<subject>, sk ACTIVE, `holdIds` a string set.
 */
import { tableName } from '../config.ts';

/** What a hold covers: one case, one account (its incidents and audit trail too), a request or a suggestion. */
export type HoldSubject = { caseId: string } | { accountId: string } | { requestId: string } | { suggestionId: string };

/** The subject as records name it in their retention's `holdKeys` and audit entries in `subject`. */
export const holdKeyOf = (subject: HoldSubject): string =>
  'caseId' in subject
    ? `CASE#${subject.caseId}`
    : 'accountId' in subject
      ? `ACCOUNT#${subject.accountId}`
      : 'requestId' in subject
        ? `REQUEST#${subject.requestId}`
        : `SUGGESTION#${subject.suggestionId}`;

/** The item listing the active holds on a subject. */
export const heldKey = (holdKey: string) => ({ pk: `HELD#${holdKey}`, sk: 'ACTIVE' });

/** The check a disposal makes in its transaction: no hold is active on the subject a record names. */
export const noActiveHoldKeyCheck = (holdKey: string) => ({
  TableName: tableName('contacts'),
  Key: heldKey(holdKey),
  ConditionExpression: 'attribute_not_exists(holdIds)',
});
