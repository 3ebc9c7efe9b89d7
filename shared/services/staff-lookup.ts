/**
 * The console's staff lookup (issue 18): a director, designee or office manager finds the person to
 * grant access to, or to name as an account's administrator, by name or email instead of by staff id.
 * Only their own region's people: a grant goes to staff of the account's region (TN-07).
 */
import { findStaffByPrefix } from '../adapters/staff-lookup.ts';
import type { Caller } from '../auth/caller.ts';

const maxResults = 10;

/** GET /staff/lookup?q=: present staff of the caller's region whose name, surname or email starts with `q`. */
export async function lookUpStaff(caller: Caller, q: string) {
  if (!caller.region) return { items: [] };
  const people = await findStaffByPrefix(caller.region, q, maxResults);
  return { items: people.map(({ staffId, name, email, office }) => ({ staffId, name, email, office })) };
}
