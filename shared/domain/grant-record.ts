/**
 * What a new grant's audit entry says: whom it lets in, from which office, until when and, where the
 * platform is mobile-only, the department-issued device its application goes on. NJ-10 asks for that
 * device under the same procedure as any access, so it is recorded with the grant and cited there.
 */

/** The grant as its audit entry describes it. */
export interface GrantFacts {
  staffId: string;
  office: string | undefined;
  expiresAt?: string | undefined;
  device?: string | undefined;
}

/**
 * The `details` of a `grant.created` audit entry.
 * @records NJ-10 — the department device a mobile-only platform runs on, in the grant.created audit
 *   entry of its grant (`details.device`, with `details.rule`)
 */
export function grantCreatedDetails(grant: GrantFacts): Record<string, unknown> {
  return {
    staffId: grant.staffId,
    office: grant.office,
    ...(grant.expiresAt ? { expiresAt: grant.expiresAt } : {}),
    ...(grant.device ? { device: grant.device, rule: 'NJ-10' } : {}),
  };
}
