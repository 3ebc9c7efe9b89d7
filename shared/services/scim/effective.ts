/**
 * A person's effective roles, region and office: recomputed on every write that could change them
 * (their groups, their attributes, a group's membership), so that authorizing a request stays one
 * GetItem on the person's record.
 */
import { getGroup, getGroupMapping, type GroupMapping, type ScimGroupRecord } from '../../adapters/directory-scim.ts';
import { roles as roleOrder, type Role } from '../../auth/roles.ts';
import { attributeMapping } from './schemas.ts';
import type { UserAttributes } from './user-resource.ts';

/** What the directory's authorization reads. */
export interface EffectiveAccess {
  roles: Role[];
  region: string;
  office: string;
  unit?: string;
  supervisorId?: string;
}

/** The mapping of a group: by its displayName first (what an agency names), else by its id. */
async function mappingOf(group: ScimGroupRecord): Promise<GroupMapping | undefined> {
  return (await getGroupMapping(group.displayName)) ?? (await getGroupMapping(group.groupId));
}

/**
 * Roles from the person's groups through the mapping; region, office and unit from the attributes
 * the deployment maps, else from a group mapping that names one. `groups` overrides stored groups
 * being changed in the same write (absent from it: deleted).
 */
export async function effectiveAccess(
  attributes: UserAttributes,
  groupIds: readonly string[],
  groups: ReadonlyMap<string, ScimGroupRecord | undefined> = new Map(),
): Promise<EffectiveAccess> {
  const records = await Promise.all(groupIds.map((id) => (groups.has(id) ? groups.get(id) : getGroup(id))));
  const mappings = (await Promise.all(records.map((group) => (group ? mappingOf(group) : undefined)))).filter(
    (m): m is GroupMapping => m !== undefined,
  );
  const granted = new Set(mappings.flatMap((m) => m.roles));
  const mapping = attributeMapping();
  const unit = attributes.enterprise[mapping.unit];
  return {
    roles: roleOrder.filter((role) => granted.has(role)),
    region: attributes.enterprise[mapping.region] ?? mappings.find((m) => m.region)?.region ?? '',
    office: attributes.enterprise[mapping.office] ?? mappings.find((m) => m.office)?.office ?? '',
    ...(unit ? { unit } : {}),
    ...(attributes.managerId ? { supervisorId: attributes.managerId } : {}),
  };
}
