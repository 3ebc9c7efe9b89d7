/**
 * The contract's `.local/endpoints.json`: where each part of the local system answers, and the
 * personas with their bearer tokens. Tests, the bench and `npm run rotate-due` read it.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A persona as endpoints.json lists it. */
export interface Persona {
  id: string;
  email: string;
  roles: string[];
  region: string;
  office: string;
}

/** The contract's `.local/endpoints.json`. */
export interface Endpoints {
  api: string;
  /** The console (issue 18): the API's origin under /console/, signed in through `issuer`. */
  console: string;
  mailbox: string;
  /** Local-only fault drills: POST /ses/stop, /ses/start, /dynamodb/stop, /dynamodb/start. */
  control: string;
  aws: { dynamodb: string; secretsmanager: string; stepfunctions: string; ses: string; kms: string; s3: string };
  profile: string;
  region: string;
  /** The local OpenID Provider; its discovery document is at `${issuer}/.well-known/openid-configuration`. */
  issuer: string;
  audience: string;
  /** OAuth clients: the console (public, code + PKCE) and each case system (client credentials). */
  clients: Record<string, { clientId: string; clientSecret?: string }>;
  personas: Record<string, Persona>;
  /** A bearer token per persona, and `scim`: the identity provider's token for /scim/v2. */
  tokens: Record<string, string>;
}

/** Writes endpoints.json (mode 0600: it holds bearer tokens); returns its path and how to remove it. */
export async function writeEndpoints(
  dataDir: string,
  endpoints: Endpoints,
): Promise<{ file: string; remove: () => Promise<void> }> {
  const file = join(dataDir, 'endpoints.json');
  await writeFile(file, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: 0o600 });
  return { file, remove: () => rm(file, { force: true }) };
}
