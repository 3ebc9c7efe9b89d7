/**
 * Where a secret must never appear: the runtime's logs, every email, every execution's history and
 * every DynamoDB item. Returns the places that contain any of the needles (empty is the goal).
 */
import { DescribeExecutionCommand, ListExecutionsCommand, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { readFile } from 'node:fs/promises';
import { tables } from '../../shared/tables.ts';
import { mailbox } from './api.ts';
import type { TestRuntime } from './runtime.ts';
import { executionHistory, sfnClient } from './sfn.ts';
import { dynamoClient } from './tables.ts';

export async function findLeaks(runtime: TestRuntime, needles: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  const check = (where: string, text: string) => {
    for (const needle of needles) if (needle && text.includes(needle)) hits.push(where);
  };
  check('runtime log', await readFile(runtime.logFile, 'utf8'));
  for (const email of await mailbox(runtime.endpoints)) check(`email "${email.subject}"`, JSON.stringify(email));
  const sfn = sfnClient(runtime.endpoints);
  const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
  for (const machine of stateMachines) {
    const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine.stateMachineArn, maxResults: 1000 }));
    for (const execution of executions) {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn: execution.executionArn }));
      check(`execution ${execution.name}`, JSON.stringify(described));
      check(`history of ${execution.name}`, JSON.stringify(await executionHistory(runtime.endpoints, execution.executionArn!)));
    }
  }
  sfn.destroy();
  const dynamo = dynamoClient(runtime.endpoints);
  for (const table of Object.values(tables)) {
    let cursor: Record<string, never> | undefined;
    do {
      const page = await dynamo.send(new ScanCommand({ TableName: table.logicalId, ExclusiveStartKey: cursor }));
      for (const item of page.Items ?? []) check(`${table.logicalId} item ${item.pk?.S}/${item.sk?.S}`, JSON.stringify(item));
      cursor = page.LastEvaluatedKey as never;
    } while (cursor);
  }
  dynamo.destroy();
  return [...new Set(hits)];
}
