/**
 * Turns a workflow task, scheduled job or service trigger into a Lambda handler: logger context,
 * metrics flushed per invocation, a correlation id, input validated with zod, and errors
 * thrown as they are, so the state machine's Retry/Catch match on their names (a task that
 * swallowed its error would let the execution "succeed" and Retry would never fire). A throw is
 * counted as `TaskFailures` on its way out.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { invocationState, withInvocationContext } from './invocation-context.ts';
import { countMetric, logger, metrics } from './telemetry.ts';

/** Thrown when a state machine hands a task input it cannot use: a definition defect, not retried. */
export class InvalidTaskInput extends Error {
  override name = 'InvalidTaskInput';
}

/** Ids a task input may carry that say which business object it works on; logged as keys (never tokens). */
const subjectIds = ['requestId', 'accountId', 'rotationId', 'incidentId', 'departureId', 'suggestionId'] as const;
const usableId = /^[A-Za-z0-9][A-Za-z0-9._:/$#@+=-]{0,255}$/;

/**
 * The correlation id of a task: the execution's, when the state machine passes it
 * (`"correlationId.$": "$$.Execution.Id"` or `executionId`), else this invocation's request id.
 */
export function taskCorrelationId(event: unknown, context: Pick<Context, 'awsRequestId'>): string {
  const fields = event && typeof event === 'object' ? (event as Record<string, unknown>) : {};
  for (const field of ['correlationId', 'executionId']) {
    const value = fields[field];
    if (typeof value === 'string' && usableId.test(value)) return value;
  }
  return context.awsRequestId;
}

/** The subject ids of a task's input, for its log lines. */
const subjectKeys = (input: unknown): Record<string, string> => {
  if (!input || typeof input !== 'object') return {};
  const fields = input as Record<string, unknown>;
  return Object.fromEntries(
    subjectIds.flatMap((key) =>
      typeof fields[key] === 'string' && usableId.test(fields[key]) ? [[key, fields[key]]] : [],
    ),
  );
};

/** A handler for task `name` that validates its event with `schema` and calls `fn`. */
export function taskHandler<S extends z.ZodMiniType, R>(
  name: string,
  schema: S,
  fn: (input: z.infer<S>, context: Context) => Promise<R>,
) {
  // The store is entered around the whole chain: a middleware cannot enter it for the ones after it.
  return withInvocationContext(
    middy<unknown, R, Error, Context>()
      .use(injectLambdaContext(logger, { resetKeys: true }))
      .use(logMetrics(metrics))
      .handler(async (event, context) => {
        const correlationId = taskCorrelationId(event, context);
        invocationState().correlationId = correlationId;
        logger.appendKeys({ task: name, correlationId, ...subjectKeys(event) });
        try {
          const parsed = schema.safeParse(event);
          if (!parsed.success)
            throw new InvalidTaskInput(
              `${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
            );
          return await fn(parsed.data as z.infer<S>, context);
        } catch (error) {
          // Name and message only: a cause may carry the input, and inputs may carry tokens.
          countMetric('TaskFailures');
          metrics.addMetadata('task', name);
          logger.error('task failed', { errorName: (error as Error).name, errorMessage: (error as Error).message });
          throw error;
        }
      }),
  );
}

/** Every account-approval task takes the request id. */
export const requestTaskInput = z.object({ requestId: z.string().check(z.minLength(1)) });
