/**
 * `npm run rotate-due -- [--as-of 2027-01-01T00:00:00Z] [--data-dir .local]`: starts, on the
 * running local system, every scheduled rotation due by that date, as Secrets Manager's own
 * scheduler would. Each administrator then gets the task email in the mailbox.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Endpoints } from './runtime.ts';
import { rotateDueSecrets } from './rotation-schedule.ts';

const { values } = parseArgs({
  options: { 'as-of': { type: 'string' }, 'data-dir': { type: 'string', default: '.local' } },
});
const endpoints = JSON.parse(await readFile(join(resolve(values['data-dir']), 'endpoints.json'), 'utf8')) as Endpoints;
const asOf = values['as-of'] ? new Date(values['as-of']) : new Date();
if (Number.isNaN(asOf.getTime())) throw new Error(`--as-of ${values['as-of']} is not a date`);
const client = new SecretsManagerClient({
  endpoint: endpoints.aws.secretsmanager,
  region: endpoints.region,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const started = await rotateDueSecrets(client, asOf);
process.stdout.write(
  started.length
    ? `Started rotation of:\n${started.map((name) => `  ${name}`).join('\n')}\n`
    : `No rotation due by ${asOf.toISOString()}.\n`,
);
client.destroy();
