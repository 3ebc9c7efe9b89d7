/** Reading the local Step Functions as operations would: an execution's history and its transitions. */
import { GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import type { Endpoints } from '../../local/runtime.ts';

export function sfnClient(endpoints: Endpoints): SFNClient {
  return new SFNClient({
    endpoint: endpoints.aws.stepfunctions,
    region: endpoints.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

export const executionArnFor = (endpoints: Endpoints, stateMachine: string, name: string) =>
  `arn:aws:states:${endpoints.region}:000000000000:execution:${stateMachine}:${name}`;

export async function executionHistory(endpoints: Endpoints, executionArn: string): Promise<HistoryEvent[]> {
  const client = sfnClient(endpoints);
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  client.destroy();
  return events;
}

/** State transitions as Step Functions bills them: one per state entered. */
export const stateTransitions = (events: HistoryEvent[]): number =>
  events.filter((e) => e.type?.endsWith('StateEntered')).length;
