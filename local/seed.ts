/**
 * The directory every local start begins with: the regions of local/personas.ts and the agency's
 * group mapping, written through the same adapters the functions use; the staff themselves come
 * through SCIM as an identity provider would send them (provision-personas.ts), once the gateway
 * answers. And a bearer token per persona from the development issuer, so a developer can call the
 * API at once.
 */
import { putRegion } from '../shared/adapters/directory.ts';
import type { DevIssuer } from './dev-issuer.ts';
import type { Persona } from './endpoints.ts';
import { personas, regions } from './personas.ts';
import { mapPersonaGroups, provisionPersonas, scimClient } from './provision-personas.ts';

/** Writes the regions and the group mapping; the functions' environment must be installed first. */
export async function seedDirectory(): Promise<void> {
  await Promise.all(regions.map((r) => putRegion(r)));
  await mapPersonaGroups();
}

/** Provisions every persona through the gateway's /scim/v2, as Microsoft Entra ID would. */
export async function seedPersonas(api: string, scimToken: string): Promise<void> {
  await provisionPersonas(scimClient(api, scimToken));
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
    tokens[key] = await issuer.sign({
      sub: member.staffId,
      roles: member.roles,
      region: member.region,
      office: member.office,
      name: member.name,
      email: member.email,
    });
  }
  return { personas: personaList, tokens };
}
