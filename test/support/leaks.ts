/**
 * Where a secret must never appear: the runtime's logs, every email, every execution's history
 * and every DynamoDB item (and, when asked, every file the runtime persisted outside the secret
 * store). A needle is looked for as it is and as JSON and URL encoding would write it.
 */
import { DescribeExecutionCommand, ListExecutionsCommand, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { tables } from '../../shared/tables.ts';
import { mailbox } from './api.ts';
import type { TestRuntime } from './runtime.ts';
import { executionHistory, sfnClient } from './sfn.ts';
import { dynamoClient } from './tables.ts';

export interface LeakHit {
  /** The needle's name, as the caller gave it. */
  needle: string;
  /** e.g. `runtime log`, `email #3 "Approve: …" to a@x`, `history of req_…`, `Accounts item ACCOUNT#…/PROFILE`. */
  where: string;
}

export interface ScanOptions {
  /**
   * Also read every file under the runtime's data directory (DynamoDB Local's database, the
   * Step Functions store…), except the secret store itself (`secretsmanager/`), the issuer's
   * signing key and the files that hand the local endpoints and their tokens to people and tools.
   */
  persistedFiles?: boolean;
}

/** Data-directory entries that legitimately hold secrets or tokens; everything else is scanned. */
const secretStores = new Set(['secretsmanager', 'issuer', 'endpoints.json', 'function-env.json']);

const variants = (needle: string): string[] => [
  ...new Set([
    needle,
    JSON.stringify(needle).slice(1, -1),
    encodeURIComponent(needle),
    new URLSearchParams({ v: needle }).toString().slice(2),
  ]),
];

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** Every place any needle appears; `needles` maps a name to the secret. Empty is the goal. */
export async function scanForSecrets(
  runtime: TestRuntime,
  needles: Record<string, string>,
  options: ScanOptions = {},
): Promise<LeakHit[]> {
  const hits: LeakHit[] = [];
  const searched = Object.entries(needles)
    .filter(([, value]) => value)
    .map(([name, value]) => ({ name, forms: variants(value).map((form) => Buffer.from(form)) }));
  const check = (where: string, content: string | Buffer) => {
    const buffer = typeof content === 'string' ? Buffer.from(content) : content;
    for (const { name, forms } of searched)
      if (forms.some((form) => buffer.includes(form))) hits.push({ needle: name, where });
  };

  check('runtime log', await readFile(runtime.logFile));
  for (const [index, email] of (await mailbox(runtime.endpoints)).entries()) {
    check(`email #${index} "${email.subject}" to ${email.destination.to.join(', ')}`, JSON.stringify(email));
  }

  const sfn = sfnClient(runtime.endpoints);
  const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
  for (const machine of stateMachines) {
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn, maxResults: 1000, nextToken }),
      );
      for (const execution of page.executions ?? []) {
        check(
          `execution ${execution.name}`,
          JSON.stringify(await sfn.send(new DescribeExecutionCommand({ executionArn: execution.executionArn }))),
        );
        check(
          `history of ${execution.name}`,
          JSON.stringify(await executionHistory(runtime.endpoints, execution.executionArn!)),
        );
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  sfn.destroy();

  const dynamo = dynamoClient(runtime.endpoints);
  for (const table of Object.values(tables)) {
    let cursor: Record<string, AttributeValue> | undefined;
    do {
      const page = await dynamo.send(new ScanCommand({ TableName: table.logicalId, ExclusiveStartKey: cursor }));
      for (const item of page.Items ?? [])
        check(`${table.logicalId} item ${item.pk?.S}/${item.sk?.S}`, JSON.stringify(item));
      cursor = page.LastEvaluatedKey;
    } while (cursor);
  }
  dynamo.destroy();

  if (options.persistedFiles) {
    for await (const path of files(runtime.dataDir)) {
      const name = relative(runtime.dataDir, path);
      if (secretStores.has(name.split(/[\\/]/)[0]!)) continue;
      check(`file ${name}`, await readFile(path));
    }
  }
  const seen = new Set<string>();
  return hits.filter((hit) => !seen.has(`${hit.needle}\n${hit.where}`) && seen.add(`${hit.needle}\n${hit.where}`));
}

/** The places that contain any of the needles (empty is the goal). */
export async function findLeaks(
  runtime: TestRuntime,
  needles: readonly string[],
  options: ScanOptions = {},
): Promise<string[]> {
  const named = Object.fromEntries(needles.map((needle, index) => [String(index), needle]));
  return [...new Set((await scanForSecrets(runtime, named, options)).map((hit) => hit.where))];
}
