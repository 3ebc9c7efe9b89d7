/**
 * The local stand-in for Lambda: every function of the route table and the workflow catalogue,
 * loaded from the same modules CDK bundles, invoked with a Lambda-shaped context. Functions run in
 * this process with the environment local/main.ts installs, as each would in its own Lambda sandbox.
 */
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { routeList } from '../shared/routes/index.ts';
import { schedules, type ScheduleDefinition } from '../shared/schedules.ts';
import { triggers, type TriggerDefinition } from '../shared/triggers.ts';
import { functionNameOf, workflows, type WorkflowDefinition } from '../shared/workflows.ts';
import { functionTimeoutSeconds } from '../infra/function-settings.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** Every function module, by Lambda function name. */
export function functionModules(): Map<string, string> {
  const modules = new Map<string, string>();
  for (const route of routeList()) modules.set(functionNameOf(route.handler), route.handler);
  for (const workflow of Object.values(workflows) as WorkflowDefinition[]) {
    for (const task of Object.values(workflow.tasks)) modules.set(functionNameOf(task.module), task.module);
  }
  for (const { module } of [
    ...Object.values(triggers as Record<string, TriggerDefinition>),
    ...Object.values(schedules as Record<string, ScheduleDefinition>),
  ]) {
    modules.set(functionNameOf(module), module);
  }
  return modules;
}

export const localFunctionArn = (name: string, region: string, accountId: string) =>
  `arn:aws:lambda:${region}:${accountId}:function:${name}`;

function lambdaContext(functionName: string, timeoutSeconds: number): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(functionName, process.env.AWS_REGION ?? 'us-east-1', '000000000000'),
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Invokes functions by name or ARN; modules load on first use, like a cold start. */
export function createFunctionInvoker(rootDir: string) {
  const modules = functionModules();
  const loaded = new Map<string, Promise<Handler>>();
  const load = (name: string): Promise<Handler> => {
    const module = modules.get(name);
    if (!module)
      return Promise.reject(
        Object.assign(new Error(`Function not found: ${name}`), { name: 'ResourceNotFoundException' }),
      );
    let handler = loaded.get(name);
    if (!handler) {
      handler = import(pathToFileURL(join(rootDir, 'functions', `${module}.ts`)).href).then(
        (mod: { handler?: Handler }) => {
          if (typeof mod.handler !== 'function') throw new Error(`functions/${module}.ts exports no handler`);
          return mod.handler;
        },
      );
      loaded.set(name, handler);
    }
    return handler;
  };
  return async (nameOrArn: string, event: unknown): Promise<unknown> => {
    const name = nameOrArn.split(':function:').pop()!.split(':')[0]!;
    const handler = await load(name);
    return handler(event, lambdaContext(name, functionTimeoutSeconds));
  };
}
