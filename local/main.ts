/**
 * `npm start`: the whole system on this machine. Options:
 *   --profile <id>       policy profile(s), e.g. tn-dcs or nj-dcf+ct-dcf (default tn-dcs)
 *   --fresh              forget everything kept under the data directory first
 *   --data-dir <path>    where data and endpoints.json live (default .local)
 *   --ephemeral-ports    let the OS pick every port (for tests beside a running instance)
 *   --redirect-uri <url> another redirect URI for the console's OAuth client (repeatable)
 *   --access-token-ttl <s>  lifetime of the console's access tokens (default 3600), short to watch renewal
 *   --quiet              print only the endpoints file's path once ready
 *   --no-personas        an empty deployment: provision nobody (provision them through /scim/v2)
 *   --wait-overrides <json>  Wait states to shorten, in ms, by state machine and state, e.g.
 *                        '{"AccountApproval":{"WaitToRemind":2000}}' to see a reminder in seconds
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'tn-dcs' },
    fresh: { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: '.local' },
    'ephemeral-ports': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    'redirect-uri': { type: 'string', multiple: true },
    'access-token-ttl': { type: 'string' },
    'no-personas': { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'WARN' },
    'wait-overrides': { type: 'string' },
  },
  strict: true,
});

// The functions' logger is created when the runtime's modules load, so the level must be set first.
process.env.POWERTOOLS_LOG_LEVEL = values['log-level'];
const { defaultPorts, ephemeralPorts, startLocalRuntime } = await import('./runtime.ts');

/**
 * The functions run in this process, as each would in its own Lambda sandbox, and read their
 * configuration from its environment. This process exists to host them, so it is the one place
 * that hands them that environment.
 */
const giveFunctionsTheirEnvironment = (environment: Record<string, string>) => Object.assign(process.env, environment);

const started = performance.now();
const say = (line: string) => process.stdout.write(`${line}\n`);

const runtime = await startLocalRuntime({
  profile: values.profile,
  dataDir: values['data-dir'],
  fresh: values.fresh,
  personas: !values['no-personas'],
  ports: values['ephemeral-ports'] ? ephemeralPorts : defaultPorts,
  ...(values['redirect-uri'] ? { redirectUris: values['redirect-uri'] } : {}),
  ...(values['access-token-ttl'] ? { accessTokenSeconds: Number(values['access-token-ttl']) } : {}),
  ...(values['wait-overrides']
    ? { waitTimeOverrides: JSON.parse(values['wait-overrides']) as Record<string, Record<string, number>> }
    : {}),
  logLevel: values['log-level'] as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR',
  installEnvironment: giveFunctionsTheirEnvironment,
  ...(values.quiet ? {} : { onRequest: ({ method, path, status, ms }) => say(`${status} ${method} ${path} ${ms}ms`) }),
}).catch((error: Error) => {
  process.stderr.write(`Could not start the local runtime: ${error.message}\n`);
  if (/EADDRINUSE/.test(error.message))
    process.stderr.write('A port is taken: stop the other instance or use --ephemeral-ports.\n');
  process.exit(1);
});

const { endpoints } = runtime;
if (values.quiet) {
  say(runtime.endpointsFile);
} else {
  say(
    `\nOfficial accounts: running locally with profile ${endpoints.profile} (ready in ` +
      `${Math.round(performance.now() - started)} ms)\n`,
  );
  const rows: Array<[string, string]> = [
    ['Console', endpoints.console],
    ['API', endpoints.api],
    ['OpenAPI', `${endpoints.api}/openapi.json`],
    ['Mailbox', endpoints.mailbox],
    ['Sign-in (OIDC)', endpoints.issuer],
    ['DynamoDB', endpoints.aws.dynamodb],
    ['Secrets Manager', endpoints.aws.secretsmanager],
    ['Step Functions', endpoints.aws.stepfunctions],
    ['SES', endpoints.aws.ses],
  ];
  for (const [name, url] of rows) say(`  ${name.padEnd(16)} ${url}`);
  say(`\n  Personas and their bearer tokens: ${runtime.endpointsFile}`);
  say(
    '  Try: curl -H "Authorization: Bearer $(node -p ' +
      `"require('./${values['data-dir']}/endpoints.json').tokens.director")" ${endpoints.api}/me`,
  );
  say('\nCtrl-C stops everything; data stays under the data directory (--fresh resets it).\n');
}

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  if (!values.quiet) say(`\n${signal}: stopping…`);
  await runtime.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
