/**
 * The directory every local start begins with: the regions and staff of local/personas.ts, written
 * through the same adapters the functions use, and a bearer token per persona from the local OpenID
 * Provider, so a developer can call the API at once. The tokens only name the persona: what it may do
 * is read from the directory on every request (issue 15.3).
 */
import { putRegion, putStaffMember } from '../shared/adapters/directory.ts';
import type { Persona } from './endpoints.ts';
import type { OpenIdProvider } from './openid-provider.ts';
import { personas, regions } from './personas.ts';

/** Writes the regions and staff members; the functions' environment must be installed first. */
export async function seedDirectory(): Promise<void> {
  await Promise.all(regions.map((r) => putRegion(r)));
  await Promise.all(Object.values(personas).map((member) => putStaffMember(member)));
}

/** Persona keys of case systems: they get tokens through client credentials, not a browser sign-in. */
export const machinePersonaKeys = Object.keys(personas).filter((key) => personas[key]!.roles.includes('case-system'));

/** Each persona as endpoints.json lists it, with a token the provider issued; it names them only (`sub`). */
export async function mintPersonaTokens(
  provider: OpenIdProvider,
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
    tokens[key] = machinePersonaKeys.includes(key)
      ? await provider.mintClientToken(member.staffId)
      : await provider.mintPersonToken(member.staffId);
  }
  return { personas: personaList, tokens };
}
