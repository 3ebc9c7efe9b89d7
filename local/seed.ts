/**
 * The directory every local start begins with: the regions of local/personas.ts, the agency's group
 * mapping and the machine clients (case systems), written through the same adapters the functions
 * use; the people themselves come through SCIM as an identity provider would send them
 * (provision-personas.ts), once the gateway answers. And a bearer token per persona from the local
 * OpenID Provider, so a developer can call the API at once. The tokens only name the persona: what it
 * may do is read from the directory on every request (issue 15.3).
 */
import { putRegion } from '../shared/adapters/directory.ts';
import { type ClientRecord, putClient } from '../shared/adapters/directory-admin.ts';
import type { Persona } from './endpoints.ts';
import type { OpenIdProvider } from './openid-provider.ts';
import { personas, regions } from './personas.ts';
import { mapPersonaGroups, provisionPersonas, scimClient } from './provision-personas.ts';

/** Persona keys of case systems: they get tokens through client credentials, not a browser sign-in. */
export const machinePersonaKeys = Object.keys(personas).filter((key) => personas[key]!.roles.includes('case-system'));

const isMachine = (key: string) => machinePersonaKeys.includes(key);

/**
 * Writes the regions, the group mapping and the machine clients (SCIM provisions people, not
 * systems); the functions' environment must be installed first.
 */
export async function seedDirectory(): Promise<void> {
  await Promise.all(regions.map((r) => putRegion(r)));
  await mapPersonaGroups();
  await Promise.all(
    Object.entries(personas)
      .filter(([key]) => isMachine(key))
      .map(([, client]) => putClient(client as ClientRecord, undefined)),
  );
}

/** Provisions every person among the personas through the gateway's /scim/v2, as Microsoft Entra ID would. */
export async function seedPersonas(api: string, scimToken: string): Promise<void> {
  const people = Object.entries(personas)
    .filter(([key]) => !isMachine(key))
    .map(([, member]) => member);
  await provisionPersonas(scimClient(api, scimToken), people);
}

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
    tokens[key] = isMachine(key)
      ? await provider.mintClientToken(member.staffId)
      : await provider.mintPersonToken(member.staffId);
  }
  return { personas: personaList, tokens };
}
