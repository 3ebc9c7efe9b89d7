/**
 * The directory every local start begins with: the regions and staff of local/personas.ts, written
 * through the same adapters the functions use, and a bearer token per persona from the development
 * issuer, so a developer can call the API at once. The tokens only name the persona: what it may do
 * is read from the directory on every request (issue 15.3).
 */
import { putRegion, putStaffMember } from '../shared/adapters/directory.ts';
import type { DevIssuer } from './dev-issuer.ts';
import type { Persona } from './endpoints.ts';
import { personas, regions } from './personas.ts';

/** Writes the regions and staff members; the functions' environment must be installed first. */
export async function seedDirectory(): Promise<void> {
  await Promise.all(regions.map((r) => putRegion(r)));
  await Promise.all(Object.values(personas).map((member) => putStaffMember(member)));
}

/** Each persona as endpoints.json lists it, with a token the issuer signed for it. */
export async function mintPersonaTokens(
  issuer: DevIssuer,
): Promise<{ personas: Record<string, Persona>; tokens: Record<string, string> }> {
  const tokens: Record<string, string> = {};
  const personaList: Record<string, Persona> = {};
  for (const [key, member] of Object.entries(personas)) {
    personaList[key] = {
      id: member.staffId,
      email: member.email,
      roles: member.roles,
      region: member.region,
      office: member.office,
    };
    // No roles, region or office: they would grant nothing. The dev issuer's type still asks for a roles list.
    tokens[key] = await issuer.sign({
      sub: member.staffId,
      roles: [],
      name: member.name,
      email: member.email,
    });
  }
  return { personas: personaList, tokens };
}
