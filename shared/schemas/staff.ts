/** The staff directory as the API shows it. */
import * as z from 'zod/mini';
import { roles } from '../auth/roles.ts';

export const staffMember = z.object({
  staffId: z.string(),
  name: z.string(),
  email: z.email(),
  roles: z.array(z.enum(roles)),
  region: z.string(),
  office: z.string(),
  unit: z.optional(z.string()),
  supervisorId: z.optional(z.string()),
  /** Set when HR or a director reports the person's departure; reveals stop at once. */
  departedAt: z.optional(z.string()),
  /** The identity provider's id for the person (SCIM `externalId`). */
  externalId: z.optional(z.string()),
  /** The SCIM `userName`: the person's sign-in name, unique case-insensitively. */
  userName: z.optional(z.string()),
  /** False once the identity provider deprovisioned the person. */
  active: z.optional(z.boolean()),
  /** SCIM group ids the person belongs to; their roles come from these through the group mapping. */
  groups: z.optional(z.array(z.string())),
  /** Where the record came from. */
  source: z.optional(z.enum(['scim', 'csv', 'seed'])),
});
export type StaffMember = z.infer<typeof staffMember>;

export const whoAmI = z.object({
  caller: z.object({
    id: z.string(),
    roles: z.array(z.string()),
    region: z.optional(z.string()),
    office: z.optional(z.string()),
  }),
  staff: z.nullable(staffMember),
  profile: z.string(),
  /** The agency's name, for the console's header and footer (issue 18.4). */
  agency: z.string(),
  /** What an account request may name under the profile (TN-03 platforms, the allowed purposes): the console's form. */
  platforms: z.array(z.string()),
  purposes: z.array(z.string()),
  /**
   * The IANA zone of the caller's region under the profile, else the agency's (issue 19.4): the console
   * shows every time in it, the zone named, and counts "until end of day" in it.
   */
  timeZone: z.string(),
});

/** A region and its offices, for approver look-ups and the About text (TN-15). */
export const region = z.object({
  regionId: z.string(),
  name: z.string(),
  offices: z.array(
    z.object({
      officeId: z.string(),
      name: z.string(),
      address: z.string(),
      phone: z.string(),
      fax: z.optional(z.string()),
      email: z.email(),
    }),
  ),
});
export type Region = z.infer<typeof region>;

/** GET /staff/lookup: the start of a name, surname or email (what a person types in the grant form). */
export const staffLookupQuery = z.strictObject({
  q: z.string().check(z.trim(), z.minLength(2), z.maxLength(100)),
});
/** What the lookup shows of a person: enough to pick the right one, nothing more. */
export const staffLookupList = z.object({
  items: z.array(z.object({ staffId: z.string(), name: z.string(), email: z.string(), office: z.string() })),
});
