/**
 * Where the ops CLI works: AWS (the standard credential chain and region, the deployed stack's
 * state machines) or the local runtime (`--local`, endpoints from `<data-dir>/endpoints.json`).
 * The DynamoDB reads go through shared/services/operations.ts, configured the way a function is:
 * through the environment it reads in shared/config.ts.
 */
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tables } from '../../shared/tables.ts';
import { workflows, type WorkflowDefinition, type WorkflowKey } from '../../shared/workflows.ts';
import type { Endpoints } from '../../local/runtime.ts';
import { UsageError } from './output.ts';

export interface ConnectionOptions {
  local: boolean;
  dataDir: string;
  /** AWS only: the CloudFormation stack whose state machines are `<stack>-<Name>`. */
  stack: string;
  /** AWS only: the accounts table's physical name (the stack's `AccountsTableName` output). */
  accountsTable?: string;
  region?: string;
}

export interface Connection {
  where: string;
  sfn: SFNClient;
  /** State machine ARN by workflow key; only the ones that exist. */
  stateMachines: Partial<Record<WorkflowKey, string>>;
}

/** Reads the local runtime's endpoints; fails with a hint when it is not running. */
async function localEndpoints(dataDir: string): Promise<Endpoints> {
  const file = join(resolve(dataDir), 'endpoints.json');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`No running local system: ${file} is missing (start it with npm start, or pass --data-dir).`);
  });
  return JSON.parse(text) as Endpoints;
}

/**
 * Issue 19.5: without a region or credentials the SDK's own words ("Region is missing", "Could not load
 * credentials from any providers") do not say what to set; these do. The region is resolved as the SDK
 * would (environment, --region, the profile's config file), so any of them satisfies it.
 */
async function requireAwsSetup(sfn: SFNClient): Promise<void> {
  const local = 'or pass --local to work against the local runtime (npm start)';
  try {
    await sfn.config.region();
  } catch {
    throw new UsageError(`No AWS region: set AWS_REGION (or pass --region, or AWS_PROFILE with a region), ${local}.`);
  }
  try {
    await sfn.config.credentials();
  } catch {
    throw new UsageError(
      `No AWS credentials: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), ${local}.`,
    );
  }
}

/** Configures the environment and clients for `options`; call before any read. */
export async function connect(options: ConnectionOptions): Promise<Connection> {
  let sfn: SFNClient;
  let where: string;
  let nameOf: (workflow: WorkflowDefinition) => string;
  if (options.local) {
    const endpoints = await localEndpoints(options.dataDir);
    Object.assign(process.env, {
      AWS_REGION: endpoints.region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.aws.dynamodb,
      AWS_ENDPOINT_URL_SFN: endpoints.aws.stepfunctions,
      [tables.accounts.envVar]: tables.accounts.logicalId,
    });
    sfn = new SFNClient({ endpoint: endpoints.aws.stepfunctions, region: endpoints.region });
    where = `local runtime (${resolve(options.dataDir)})`;
    nameOf = (workflow) => workflow.name;
  } else {
    if (options.region) process.env.AWS_REGION = options.region;
    if (options.accountsTable) process.env[tables.accounts.envVar] = options.accountsTable;
    sfn = new SFNClient(options.region ? { region: options.region } : {});
    await requireAwsSetup(sfn);
    where = `AWS stack ${options.stack}`;
    nameOf = (workflow) => `${options.stack}-${workflow.name}`;
  }
  const names = new Map<string, string>();
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new ListStateMachinesCommand({ ...(nextToken ? { nextToken } : {}) }));
    for (const machine of page.stateMachines ?? []) names.set(machine.name!, machine.stateMachineArn!);
    nextToken = page.nextToken;
  } while (nextToken);
  const stateMachines: Partial<Record<WorkflowKey, string>> = {};
  for (const [key, workflow] of Object.entries(workflows) as Array<[WorkflowKey, WorkflowDefinition]>) {
    const arn = names.get(nameOf(workflow));
    if (arn) stateMachines[key] = arn;
  }
  return { where, sfn, stateMachines };
}

/** Fails with a hint unless the accounts table is known (the DynamoDB commands need it). */
export function requireAccountsTable(): void {
  if (!process.env[tables.accounts.envVar]) {
    throw new UsageError(
      `Pass --accounts-table (the stack's AccountsTableName output) or set ${tables.accounts.envVar}.`,
    );
  }
}

/** A workflow by key (`accountApproval`) or state machine name (`AccountApproval`), case-insensitive. */
export function workflowKeyOf(text: string): WorkflowKey {
  const wanted = text.toLowerCase();
  const found = (Object.entries(workflows) as Array<[WorkflowKey, WorkflowDefinition]>).find(
    ([key, workflow]) => key.toLowerCase() === wanted || workflow.name.toLowerCase() === wanted,
  );
  if (!found)
    throw new UsageError(
      `Unknown workflow "${text}"; one of ${Object.values(workflows)
        .map((w) => w.name)
        .join(', ')}.`,
    );
  return found[0];
}

/** An execution's ARN from an ARN or `<Workflow>:<execution name>`. */
export function executionArnOf(connection: Connection, text: string): string {
  if (text.startsWith('arn:')) return text;
  const separator = text.indexOf(':');
  if (separator < 1)
    throw new UsageError(`Name an execution by its ARN or as <Workflow>:<name>, e.g. AccountApproval:req_…`);
  const key = workflowKeyOf(text.slice(0, separator));
  const machine = connection.stateMachines[key];
  if (!machine) throw new UsageError(`The ${workflows[key].name} state machine was not found in ${connection.where}.`);
  return `${machine.replace(':stateMachine:', ':execution:')}:${text.slice(separator + 1)}`;
}
