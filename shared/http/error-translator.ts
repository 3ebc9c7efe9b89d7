/**
 * The one place errors become HTTP responses. Client errors (AppError < 500) are shown as they are;
 * middy's own parser errors are mapped to the contract's codes; everything else is logged by name
 * and answered with a generic 500 or 503, so no internal detail (or secret) reaches a client.
 * Registered first in every chain because middy runs `onError` in reverse order.
 */
import type { MiddlewareObj } from '@middy/core';
import { AppError, ForbiddenError, isClientError, PolicyViolationError } from '../errors.ts';
import { logger } from '../telemetry.ts';
import { isRetryable } from '../retryable-errors.ts';
import { refusalPage } from '../views/decision-pages.ts';
import { errorResponse, html, type HttpResult } from './responses.ts';

interface MiddyHttpError {
  statusCode: number;
  expose?: boolean;
  cause?: { package?: string };
}

const isMiddyHttpError = (error: unknown): error is Error & MiddyHttpError =>
  error instanceof Error && typeof (error as Partial<MiddyHttpError>).statusCode === 'number';

/** Maps any error to the contract's response. Exported for the local gateway's own refusals. */
export function toErrorResponse(error: unknown): HttpResult {
  if (isClientError(error)) {
    const rules = error instanceof PolicyViolationError || error instanceof ForbiddenError ? error.rules : [];
    return errorResponse(error.status, error.code, error.message, error.details, rules);
  }
  if (isMiddyHttpError(error) && error.statusCode < 500) {
    // Only middy's body parsers throw these; their messages are fixed strings, never the body.
    if (error.statusCode === 415)
      return errorResponse(415, 'UnsupportedMediaType', 'The request body must be application/json.');
    if (error.statusCode === 413) return errorResponse(413, 'PayloadTooLarge', 'The request body is too large.');
    return errorResponse(400, 'InvalidRequest', 'The request body is not valid JSON.', [
      { field: 'body', message: 'malformed JSON' },
    ]);
  }
  if (error instanceof AppError) return errorResponse(error.status, error.code, error.message);
  if (isRetryable(error)) {
    return errorResponse(503, 'ServiceUnavailable', 'A dependency is unavailable; retry shortly.');
  }
  return errorResponse(500, 'InternalError', 'Something went wrong; it has been logged.');
}

/** `asPage` renders refusals as HTML for routes a person opens in a browser (approval links). */
export const errorTranslator = (options: { asPage?: boolean } = {}): MiddlewareObj<unknown, HttpResult> => ({
  onError: async (request) => {
    let response = toErrorResponse(request.error);
    if (options.asPage) {
      const { error } = JSON.parse(response.body as string) as { error: { message: string } };
      response = html(response.statusCode, refusalPage(response.statusCode, error.message));
    }
    if (response.statusCode >= 500) {
      // Name and message only: a cause may carry the request body, and bodies may carry passwords.
      const error = request.error as Error | null;
      logger.error('request failed', {
        errorName: error?.name,
        errorMessage: error?.message,
        status: response.statusCode,
      });
    }
    request.response = response;
  },
});
