/** Response builders, so handlers speak in statuses and bodies rather than API Gateway shapes. */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ErrorDetail } from '../errors.ts';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number };

/** API responses carry data about people: no shared cache may keep them. */
const noStore = { 'cache-control': 'no-store' };

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...noStore, ...headers },
  body: JSON.stringify(body),
});

export const noContent = (): HttpResult => ({ statusCode: 204, headers: noStore });

export const html = (statusCode: number, markup: string): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'text/html; charset=utf-8', ...noStore, pragma: 'no-cache' },
  body: markup,
});

/** The contract's error body; `rules` lists every rule a refusal cites when there are several (CT-02). */
export const errorResponse = (
  statusCode: number,
  code: string,
  message: string,
  details: ErrorDetail[] = [],
  rules: readonly string[] = [],
): HttpResult =>
  json(statusCode, {
    error: {
      code,
      message,
      ...(details.length > 0 ? { details } : {}),
      ...(rules.length > 1 ? { rules } : {}),
    },
  });
