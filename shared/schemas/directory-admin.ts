/** The directory's shape as system-admin manages it: regions, the group mapping, machine clients (issue 15.4). */
import * as z from 'zod/mini';
import { roles } from '../auth/roles.ts';
import { id, nonEmptyText } from './common.ts';
import { region } from './staff.ts';

export const regionParams = z.object({ regionId: id });

const office = z.strictObject({
  officeId: id,
  name: nonEmptyText(200),
  address: nonEmptyText(400),
  phone: nonEmptyText(40),
  fax: z.optional(nonEmptyText(40)),
  email: z.email(),
});

/** PUT /regions/{regionId}: the region as a whole (its offices replace the ones stored). */
export const regionBody = z.strictObject({ name: nonEmptyText(200), offices: z.array(office) });

export const regionList = z.object({ regions: z.array(region) });

/** A group as the identity provider names it (displayName, else its id); spaces allowed. */
export const groupParams = z.object({ group: nonEmptyText(256) });

/** PUT /directory/group-mappings/{group}: what membership gives. */
export const groupMappingBody = z.strictObject({
  roles: z.array(z.enum(roles)),
  region: z.optional(id),
  office: z.optional(id),
});

export const groupMapping = z.object({
  group: z.string(),
  roles: z.array(z.enum(roles)),
  region: z.optional(z.string()),
  office: z.optional(z.string()),
});

/** A mapping as written, with how many of the group's members had their effective access rewritten. */
export const groupMappingChange = z.object({ mapping: z.nullable(groupMapping), recomputed: z.number() });

export const groupMappingList = z.object({ mappings: z.array(groupMapping) });

export const clientParams = z.object({ clientId: id });

/** PUT /directory/clients/{clientId}: a case system and the regions it serves. */
export const clientBody = z.strictObject({
  name: nonEmptyText(200),
  regions: z.array(id).check(z.minLength(1)),
  /** Who answers for the system; a client with none gets an address that reaches no one. */
  email: z.optional(z.email()),
});

export const clientView = z.object({
  clientId: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.enum(roles)),
  regions: z.array(z.string()),
});

export const clientList = z.object({ clients: z.array(clientView) });
