/**
 * The environment every local function runs with: what infra/function-settings.ts gives each
 * function in AWS, plus the region, credentials and `AWS_ENDPOINT_URL_<SERVICE>` variables that
 * point the SDK at the stand-ins. Computed once as a value; whoever owns the process installs it.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { functionEnvironment } from '../infra/function-settings.ts';
import { type TableKey, tables } from '../shared/tables.ts';
import { type TriggerKey, triggers } from '../shared/triggers.ts';
import { functionNameOf, type WorkflowKey } from '../shared/workflows.ts';
import { localFunctionArn } from './functions.ts';
import { accountId, credentials, region } from './local-account.ts';
import { hmacKeySecretId, mailSealingKeySecretId, scimTokenSecretId } from './provision.ts';
import { localConfigurationSet } from './ses.ts';

/** Every variable a local function reads, by name. */
export type FunctionEnvironment = Record<string, string>;

/** Composes the environment from the stand-ins' endpoints and what provisioning created. */
export function localFunctionEnvironment(inputs: {
  endpoints: Record<string, string>;
  profile: string;
  publicBaseUrl: string;
  stateMachineArns: Record<WorkflowKey, string>;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}): FunctionEnvironment {
  const tableNames = Object.fromEntries(Object.entries(tables).map(([key, table]) => [key, table.logicalId])) as Record<
    TableKey,
    string
  >;
  const triggerArns = Object.fromEntries(
    Object.entries(triggers).map(([key, trigger]) => [
      key,
      localFunctionArn(functionNameOf(trigger.module), region, accountId),
    ]),
  ) as Record<TriggerKey, string>;
  return {
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...inputs.endpoints,
    ...functionEnvironment({
      profile: inputs.profile,
      publicBaseUrl: inputs.publicBaseUrl,
      senderAddress: 'no-reply@official-accounts.local',
      mailConfigurationSet: localConfigurationSet,
      tableNames,
      stateMachineArns: inputs.stateMachineArns,
      triggerArns,
      hmacKeySecretId,
      scimTokenSecretId,
      mailSealingKeySecretId,
      logLevel: inputs.logLevel,
    }),
  };
}

/**
 * Writes the environment to `function-env.json` (mode 0600: it names the secrets) for the schedule
 * CLI (run-schedule.ts), which invokes functions from its own process; returns how to remove it.
 */
export async function writeFunctionEnvironment(
  dataDir: string,
  environment: FunctionEnvironment,
): Promise<() => Promise<void>> {
  const file = join(dataDir, 'function-env.json');
  await writeFile(file, JSON.stringify(environment, null, 2), { mode: 0o600 });
  return () => rm(file, { force: true });
}
