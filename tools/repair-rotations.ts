/**
 * `npm run repair-rotations -- [--apply] [--local [--data-dir .local]] [--region <region>]`: the
 * one-off repair of issue 22 (tools/repair-rotations/repair.ts). A dry run unless --apply, so the
 * report can be read before anything changes. Against AWS with the standard credentials and region,
 * or against the local runtime with --local.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Endpoints } from '../local/runtime.ts';
import { repairRotations } from './repair-rotations/repair.ts';

const { values } = parseArgs({
  options: {
    apply: { type: 'boolean', default: false },
    local: { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: '.local' },
    region: { type: 'string' },
  },
});

async function client(): Promise<SecretsManagerClient> {
  if (!values.local) return new SecretsManagerClient(values.region ? { region: values.region } : {});
  const file = join(resolve(values['data-dir']), 'endpoints.json');
  const endpoints = JSON.parse(await readFile(file, 'utf8')) as Endpoints;
  return new SecretsManagerClient({
    endpoint: endpoints.aws.secretsmanager,
    region: endpoints.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

const secrets = await client();
try {
  const lines = await repairRotations(secrets, values.apply);
  for (const line of lines)
    process.stdout.write(
      `${line.action.padEnd(8)} ${line.secret}${line.versionId ? ` ${line.versionId}` : ''}: ${line.detail}\n`,
    );
  const repairs = lines.filter((line) => line.action !== 'ok').length;
  process.stdout.write(
    values.apply
      ? `${repairs} of ${lines.length} secret(s) repaired.\n`
      : `Dry run: ${repairs} of ${lines.length} secret(s) to repair; run again with --apply to repair them.\n`,
  );
} finally {
  secrets.destroy();
}
