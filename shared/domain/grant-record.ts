/**
 * What a new grant's audit entry says: whom it lets in, from which office, until when and, where the
 * platform is mobile-only, the department-issued device its application goes on. NJ-10 asks for that
 * device under the same procedure as any access, so it is recorded with the grant and cited there.
 * NJ-03 asks each grant to say why access is needed and whether public information would have done;
 * the answers go into the same entry, citing NJ-03.
 */

/** The grant as its audit entry describes it. */
export interface GrantFacts {
  staffId: string;
  office: string | undefined;
  expiresAt?: string | undefined;
  device?: string | undefined;
  accessPurpose?: string | undefined;
  publicInformationSufficed?: boolean | undefined;
}

/**
 * The `details` of a `grant.created` audit entry.
 * @records NJ-10 — the department device a mobile-only platform runs on, in the grant.created audit
 *   entry of its grant (`details.device`, with `details.rule`)
 * @records NJ-03 — the purpose of access and whether public information would have sufficed, in the
 *   same entry (`details.accessPurpose`, `details.publicInformationSufficed`, with `details.purposeRule`)
 */
export function grantCreatedDetails(grant: GrantFacts): Record<string, unknown> {
  return {
    staffId: grant.staffId,
    office: grant.office,
    ...(grant.expiresAt ? { expiresAt: grant.expiresAt } : {}),
    ...(grant.device ? { device: grant.device, rule: 'NJ-10' } : {}),
    ...(grant.accessPurpose !== undefined || grant.publicInformationSufficed !== undefined
      ? {
          ...(grant.accessPurpose !== undefined ? { accessPurpose: grant.accessPurpose } : {}),
          ...(grant.publicInformationSufficed !== undefined
            ? { publicInformationSufficed: grant.publicInformationSufficed }
            : {}),
          purposeRule: 'NJ-03',
        }
      : {}),
  };
}
