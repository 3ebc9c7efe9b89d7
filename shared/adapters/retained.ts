/**
 * The retention attributes a record of another kind than a contact carries when written (CT-06), apart
 * from the disposal job's adapter (record-retention.ts) so that the audit writer, which the disposal job
 * also uses, can take them without an import circle.
 */
import { type RecordKind, retentionAttributes } from '../domain/retention.ts';
import { activeProfile } from '../policy/index.ts';

/**
 * The retention attribute and bucket keys of a record written now, under the profile in force:
 * audit entries for `auditRecordDays` (CT-10), the others for `recordDays`.
 */
export function retained(kind: RecordKind, id: string, at: string, holdKeys: readonly (string | undefined)[]) {
  const profile = activeProfile();
  const days = kind === 'audit-entry' ? profile.retention.auditRecordDays : profile.retention.recordDays;
  return retentionAttributes({ kind, id, at, holdKeys }, { profile: profile.id, days }, new Date().toISOString());
}
