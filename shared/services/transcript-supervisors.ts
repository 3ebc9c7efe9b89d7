/**
 * TN-12: who answers for a worker's owed transcripts, for the reminder's recipients and for the
 * supervisor's console home (issue 18), so both follow one rule.
 */
import { findStaffByRole, getStaffMember } from '../adapters/directory.ts';
import { owedInRegion } from '../adapters/transcripts.ts';
import type { StaffMember } from '../schemas/staff.ts';

/**
 * Who answers for a worker's owed transcripts (TN-12): their supervisor, or else their region's
 * supervisors. The reminder emails them and their console home lists the transcripts: one rule.
 */
export async function supervisorsOf(
  workerId: string,
  workerRegion: string,
): Promise<{ supervisors: StaffMember[]; workerName: string }> {
  const worker = await getStaffMember(workerId);
  const supervisor = worker?.supervisorId ? await getStaffMember(worker.supervisorId) : undefined;
  if (supervisor && !supervisor.departedAt) return { supervisors: [supervisor], workerName: worker!.name };
  const regional = await findStaffByRole('supervisor', worker?.region ?? workerRegion);
  return { supervisors: regional.filter((s) => !s.departedAt), workerName: worker?.name ?? workerId };
}

/** The transcripts owed by the workers `supervisorId` answers for in `region`, oldest conversation first. */
export async function transcriptsOwedTo(supervisorId: string, region: string) {
  const owed = await owedInRegion(region);
  const answers = new Map<string, Promise<boolean>>();
  const mine = await Promise.all(
    owed.map((item) => {
      const answered =
        answers.get(item.workerId) ??
        supervisorsOf(item.workerId, item.workerRegion).then(({ supervisors }) =>
          supervisors.some((s) => s.staffId === supervisorId),
        );
      answers.set(item.workerId, answered);
      return answered;
    }),
  );
  return owed
    .filter((_, index) => mine[index])
    .map(({ contactId, caseId, workerId, occurredAt }) => ({ contactId, caseId, workerId, occurredAt }));
}
