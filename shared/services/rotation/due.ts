/** When a rotation's task falls due, one clock whether the API or Secrets Manager's own schedule opened it. */
import { activeProfile } from '../../policy/index.ts';

/** The task's due time: the profile's allowance from the moment the rotation opens. */
export const taskDueAt = (now: Date): string =>
  new Date(now.getTime() + activeProfile().rotation.taskDueHours * 3_600_000).toISOString();
