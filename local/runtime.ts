/**
 * The whole system on one machine: DynamoDB Local, SES (aws-ses-v2-local), the Secrets Manager and
 * Step Functions stand-ins, and the HTTP gateway, wired the way CDK wires AWS. Functions reach every
 * service through the AWS SDK with AWS_ENDPOINT_URL_<SERVICE>; nothing under functions/ or shared/
 * knows it runs here. `npm start` (main.ts) starts it; the integration tests and the bench run main.ts.
 */
import type { JWK } from 'jose';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { resolveProfile } from '../shared/policy/resolve.ts';
import { startControl } from './control.ts';
import { type Endpoints, writeEndpoints } from './endpoints.ts';
import {
  type FunctionEnvironment,
  localFunctionEnvironment,
  writeFunctionEnvironment,
} from './function-environment.ts';
import { consolePath, startConsoleSite } from './console-site.ts';
import { createFunctionInvoker } from './functions.ts';
import { type Gateway, startGateway } from './gateway.ts';
import { localClientConfig, region } from './local-account.ts';
import { consoleClientId, localAudience, type OpenIdProvider, startOpenIdProvider } from './openid-provider.ts';
import { personas as personaRecords } from './personas.ts';
import { freePort } from './ports.ts';
import {
  createAuditDigestBucket,
  createAuditSigningKey,
  createHmacKey,
  createScimToken,
  createStateMachines,
  createTables,
} from './provision.ts';
import { startRotationSchedule } from './rotation-schedule.ts';
import { startScheduler } from './scheduler.ts';
import { machinePersonaKeys, mintPersonaTokens, seedDirectory, seedPersonas } from './seed.ts';
import { type StandIns, endpointEnvironment, startStandIns } from './stand-ins.ts';

export type { Endpoints, Persona } from './endpoints.ts';
export type { FunctionEnvironment } from './function-environment.ts';
export { accountId, region } from './local-account.ts';

const repositoryRoot = resolve(import.meta.dirname, '..');

export interface Ports {
  api: number;
  mailbox: number;
  dynamodb: number;
  secretsmanager: number;
  stepfunctions: number;
  /** The KMS stand-in (the audit digests' signing key, issue 21.2). */
  kms: number;
  /** The S3 stand-in (the audit digests' Object Lock bucket, issue 21.2). */
  s3: number;
  /** The local OpenID Provider; 0 reuses the data directory's previous port, so its issuer name holds. */
  issuer: number;
}

/** Fixed defaults so bookmarks and AWS CLI profiles keep working across restarts. */
export const defaultPorts: Ports = {
  api: 3000,
  mailbox: 3005,
  dynamodb: 8000,
  secretsmanager: 4584,
  stepfunctions: 8083,
  kms: 4599,
  s3: 4571,
  issuer: 3004,
};
/** Every port chosen by the OS: for tests that run beside a developer's own `npm start`. */
export const ephemeralPorts: Ports = {
  api: 0,
  mailbox: 0,
  dynamodb: 0,
  secretsmanager: 0,
  stepfunctions: 0,
  kms: 0,
  s3: 0,
  issuer: 0,
};

export interface RuntimeOptions {
  profile: string;
  /** Where data survives restarts; `endpoints.json` is written here. */
  dataDir: string;
  fresh?: boolean;
  ports?: Ports;
  host?: string;
  /** Redirect URIs the console client may use besides the default ones (local/openid-provider.ts). */
  redirectUris?: string[];
  /** Lifetime of the access tokens the console gets (default an hour): short to see silent renewal at work. */
  accessTokenSeconds?: number;
  /** Per state machine, per Wait state: milliseconds to wait instead, for demos and tests. */
  waitTimeOverrides?: Record<string, Record<string, number>>;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** False: provision no persona (an empty deployment; the personas' tokens are still minted). */
  personas?: boolean;
  onRequest?: (line: { method: string; path: string; status: number; ms: number }) => void;
  /**
   * Gives the functions their environment before any of them runs. They run in this process and
   * read it from `process.env` (shared/config.ts, the SDK's endpoint variables), which belongs to
   * whoever owns the process; so the runtime hands the value over rather than changing it itself.
   */
  installEnvironment: (environment: FunctionEnvironment) => void;
}

export interface LocalRuntime {
  endpoints: Endpoints;
  endpointsFile: string;
  /** Stop and restart the local SES, e.g. to show that mail survives an outage. */
  ses: { stop(): Promise<void>; start(): Promise<void> };
  stop(): Promise<void>;
}

type Stop = () => Promise<void>;

/** Starts every part, seeds the directory, writes endpoints.json and resolves once all answer. */
export async function startLocalRuntime(options: RuntimeOptions): Promise<LocalRuntime> {
  const ports = options.ports ?? defaultPorts;
  const host = options.host ?? '127.0.0.1';
  const dataDir = await prepareDataDir(options);
  const stops: Stop[] = [];
  const stop = async () => {
    for (const stopPart of stops.reverse()) await stopPart().catch(() => undefined);
  };
  try {
    const invoke = createFunctionInvoker(repositoryRoot);
    const standIns = await startStandIns({
      ports,
      host,
      dataDir,
      invoke,
      waitTimeOverrides: options.waitTimeOverrides,
    });
    stops.push(standIns.stop);
    const resolved = resolveProfile(options.profile.split(/[+,]/));
    const { stateMachineArns, scimToken } = await provision(standIns, resolved.retention.auditRecordDays);
    // The API's port decides the public URL (links in emails), so it is fixed before the functions' environment.
    const apiPort = ports.api || (await freePort(host));
    const profile = resolved.id;
    const environment = localFunctionEnvironment({
      endpoints: endpointEnvironment(standIns),
      profile,
      publicBaseUrl: `http://${host}:${apiPort}`,
      stateMachineArns,
      logLevel: options.logLevel ?? 'INFO',
    });
    options.installEnvironment(environment);
    stops.push(await writeFunctionEnvironment(dataDir, environment));
    const consoleUris = [host, 'localhost'].map((name) => `http://${name}:${apiPort}${consolePath}/callback`);
    const issuer = await startIssuer(dataDir, host, ports.issuer, {
      redirectUris: [...consoleUris, ...(options.redirectUris ?? [])],
      ...(options.accessTokenSeconds ? { accessTokenSeconds: options.accessTokenSeconds } : {}),
    });
    stops.push(issuer.close);
    const consoleSite = await startConsoleSite({ issuer: issuer.issuer, clientId: consoleClientId });
    const gateway = await startGateway({
      port: apiPort,
      host,
      issuer: await discoverIssuer(issuer.issuer),
      invoke,
      site: { prefix: consolePath, handle: consoleSite },
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
    });
    stops.push(gateway.close);
    await seedDirectory();
    if (options.personas !== false) await seedPersonas(gateway.url, scimToken);
    stops.push(startSchedules(invoke, standIns.secretsManager.endpoint));
    const control = await startFaultControl(host, standIns);
    stops.push(control.close);
    await checkHealth(gateway);
    const endpoints = await describeEndpoints({ gateway, control, standIns, issuer, profile, scimToken });
    const written = await writeEndpoints(dataDir, endpoints);
    stops.push(written.remove);
    return { endpoints, endpointsFile: written.file, ses: standIns.ses, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves the data directory, emptied first with `fresh`. */
async function prepareDataDir(options: RuntimeOptions): Promise<string> {
  const dataDir = resolve(options.dataDir);
  if (options.fresh) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  return dataDir;
}

/** The local OpenID Provider, with every persona able to sign in and the case systems as clients. */
function startIssuer(
  dataDir: string,
  host: string,
  port: number,
  consoleClient: { redirectUris: string[]; accessTokenSeconds?: number },
) {
  const entries = Object.entries(personaRecords);
  return startOpenIdProvider({
    host,
    port,
    directory: join(dataDir, 'issuer'),
    people: entries.map(([key, member]) => ({ key, id: member.staffId, name: member.name, email: member.email })),
    machineKeys: entries
      .filter(([key]) => machinePersonaKeys.includes(key))
      .map(([key, member]) => ({ key, id: member.staffId })),
    ...consoleClient,
  });
}

/** What the gateway trusts, learnt as an HTTP API's JWT authorizer does: discovery, then the jwks_uri. */
async function discoverIssuer(issuer: string) {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    issuer: string;
    jwks_uri: string;
  };
  const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: JWK[] };
  return { issuer: discovery.issuer, audience: localAudience, jwks };
}

/** Creates the tables, the signing key, the digest bucket, the HMAC key, the SCIM token and the state machines. */
async function provision(standIns: StandIns, auditRetentionDays: number) {
  const [, , , , scimToken, stateMachineArns] = await Promise.all([
    createTables(standIns.dynamodb.endpoint),
    createAuditSigningKey(standIns.kms.endpoint),
    createAuditDigestBucket(standIns.s3.endpoint, auditRetentionDays),
    createHmacKey(standIns.secretsManager.endpoint),
    createScimToken(standIns.secretsManager.endpoint),
    createStateMachines(standIns.stepFunctions.endpoint, repositoryRoot),
  ]);
  return { stateMachineArns, scimToken };
}

/** Runs the rate schedules and the hourly rotation check, as EventBridge and Secrets Manager would. */
function startSchedules(invoke: (name: string, event: unknown) => Promise<unknown>, secretsEndpoint: string): Stop {
  const reportFailure = (name: string, error: Error) =>
    process.stderr.write(`schedule ${name} failed: ${error.name}: ${error.message}\n`);
  const stopScheduler = startScheduler(invoke, reportFailure);
  const stopRotationSchedule = startRotationSchedule(
    { ...localClientConfig, endpoint: secretsEndpoint },
    reportFailure,
  );
  return async () => {
    stopScheduler();
    stopRotationSchedule();
  };
}

/** The control port's fault drills: SES and DynamoDB Local stop and start on demand. */
function startFaultControl(host: string, standIns: StandIns) {
  return startControl(host, {
    'ses/stop': standIns.ses.stop,
    'ses/start': standIns.ses.start,
    'dynamodb/stop': standIns.dynamodb.stop,
    'dynamodb/start': standIns.dynamodb.start,
  });
}

/** Fails the start unless the gateway answers its health check. */
async function checkHealth(gateway: Gateway): Promise<void> {
  const health = await fetch(`${gateway.url}/health`);
  if (!health.ok) throw new Error(`The gateway answered /health with ${health.status}.`);
}

/** What endpoints.json says: every part's URL, the issuer, the personas with their tokens, the SCIM token. */
async function describeEndpoints(parts: {
  gateway: Gateway;
  control: { url: string };
  standIns: StandIns;
  issuer: OpenIdProvider;
  profile: string;
  scimToken: string;
}): Promise<Endpoints> {
  const { gateway, control, standIns, issuer } = parts;
  const { personas, tokens } = await mintPersonaTokens(issuer);
  return {
    api: gateway.url,
    console: `${gateway.url}${consolePath}/`,
    mailbox: standIns.ses.endpoint,
    control: control.url,
    aws: {
      dynamodb: standIns.dynamodb.endpoint,
      secretsmanager: standIns.secretsManager.endpoint,
      stepfunctions: standIns.stepFunctions.endpoint,
      ses: standIns.ses.endpoint,
      kms: standIns.kms.endpoint,
      s3: standIns.s3.endpoint,
    },
    profile: parts.profile,
    region,
    issuer: issuer.issuer,
    audience: issuer.audience,
    clients: { console: { clientId: consoleClientId }, ...issuer.machineClients },
    personas,
    // `scim`: the identity provider's bearer token for /scim/v2, beside the personas' own.
    tokens: { ...tokens, scim: parts.scimToken },
  };
}
