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
