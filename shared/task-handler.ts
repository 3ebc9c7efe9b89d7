/**
 * Turns a workflow task into a Lambda handler: logger context, input validated with zod, and
 * errors thrown as they are, so the state machine's Retry/Catch match on their names (a task that
 * swallowed its error would let the execution "succeed" and Retry would never fire).
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { logger } from './telemetry.ts';

/** Thrown when a state machine hands a task input it cannot use: a definition defect, not retried. */
export class InvalidTaskInput extends Error {
  override name = 'InvalidTaskInput';
}

export function taskHandler<S extends z.ZodMiniType, R>(name: string, schema: S, fn: (input: z.infer<S>) => Promise<R>) {
  return middy<unknown, R, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const parsed = schema.safeParse(event);
      if (!parsed.success) throw new InvalidTaskInput(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      const input = parsed.data as z.infer<S>;
      if (input && typeof input === 'object' && 'requestId' in input) logger.appendKeys({ requestId: String(input.requestId), task: name });
      return fn(input);
    });
}

/** Every account-approval task takes the request id. */
export const requestTaskInput = z.object({ requestId: z.string().check(z.minLength(1)) });
