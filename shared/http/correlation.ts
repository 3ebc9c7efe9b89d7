/**
 * One id per API request that ties its log lines, its trace and the client's own records together:
 * the client's `x-correlation-id` when it sends a usable one, else API Gateway's request id. Every
 * response carries it back as `x-correlation-id`, errors included.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { invocationState } from '../invocation-context.ts';
import { logger } from '../telemetry.ts';
import type { HttpResult } from './responses.ts';

export const correlationHeader = 'x-correlation-id';

/**
 * What a client may send: 1–128 characters of letters, digits and `._:-`, starting with a letter or
 * digit. Anything else (markup, spaces, a huge value) is ignored rather than refused, and never logged.
 */
const acceptable = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The request's correlation id (pure, for tests and the middleware). */
export function correlationIdOf(event: Pick<APIGatewayProxyEventV2, 'headers' | 'requestContext'>): string {
  const headers = event.headers ?? {};
  const sent =
    headers[correlationHeader] ??
    Object.entries(headers).find(([name]) => name.toLowerCase() === correlationHeader)?.[1];
  return sent !== undefined && acceptable.test(sent) ? sent : event.requestContext.requestId;
}

/** Registered before the error translator, so its after/onError see the final response. */
export const correlation = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => {
  const answer = (request: { response?: HttpResult | null }) => {
    // From the invocation's store: invocations may overlap in one process (locally, multi-concurrency).
    const id = invocationState().correlationId;
    if (request.response && id !== undefined)
      request.response.headers = { ...request.response.headers, [correlationHeader]: id };
  };
  return {
    before: (request) => {
      const id = correlationIdOf(request.event);
      invocationState().correlationId = id;
      logger.appendKeys({ correlationId: id });
    },
    after: answer,
    onError: answer,
  };
};
