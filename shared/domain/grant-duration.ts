/**
 * NJ-09: limited-duration access states its end in advance. A pure check of the requested end
 * against the profile's limit, so it is tested without a runtime (no shipped profile sets a limit).
 */
import { PolicyViolationError } from '../errors.ts';

const days = (n: number) => n * 86_400_000;

/**
 * 422 unless, where the profile limits grants to `maxGrantDays`, the grant states an end within it.
 * @enforces NJ-09
 */
export function requireStatedEnd(expiresAt: string | undefined, maxGrantDays: number | null, now: Date): void {
  if (maxGrantDays !== null && (!expiresAt || Date.parse(expiresAt) > now.getTime() + days(maxGrantDays))) {
    throw new PolicyViolationError('NJ-09', `Access is limited to ${maxGrantDays} days; state when it ends.`, [
      { field: 'expiresAt', message: `required, at most ${maxGrantDays} days ahead` },
    ]);
  }
}
