/**
 * The one error model of the system. Every error a client may see is an AppError with a stable
 * `code` and an HTTP `status`; the HTTP edge (shared/http/error-translator.ts) turns it into the
 * contract's `{error: {code, message, details}}` shape and anything else into a generic 500.
 * Workflow tasks throw these too: Step Functions matches ASL `Retry`/`Catch` on `name`.
 */
// A type only: the catalogue's data stays out of every bundle that throws an error.
import type { RuleId } from './policy/rules.ts';

/** One rule, or every rule a refusal rests on (a combination of profiles cites each agency's, CT-02). */
export type Citation = RuleId | readonly RuleId[];

const cited = (citation: Citation | undefined): RuleId[] =>
  citation === undefined ? [] : typeof citation === 'string' ? [citation] : [...citation];

export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `workerContact.email`, or a header/parameter name. */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, options?: ErrorOptions & { details?: ErrorDetail[] }) {
    super(message, options);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.details = options?.details ?? [];
  }
}

/** 400: the request does not match its schema; `details` names each bad field. */
export class ValidationError extends AppError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super(400, 'InvalidRequest', message, { details });
  }
}

/** 401: no bearer token, one that does not verify, or (code `UnknownIdentity`) one naming no one in the directory. */
export class UnauthenticatedError extends AppError {
  constructor(message = 'A valid bearer token is required.', code = 'Unauthenticated') {
    super(401, code, message);
  }
}

/**
 * 403: authenticated but not allowed. `rule` names the policy rule behind the refusal; a role
 * requirement carries none (code `Forbidden`), and a refusal that is no rule's may name its own code.
 */
export class ForbiddenError extends AppError {
  readonly rule: RuleId | undefined;
  /** Every rule cited; the response lists them when there are several. */
  readonly rules: RuleId[];
  constructor(message: string, rule?: Citation, code?: string) {
    const rules = cited(rule);
    super(403, code ?? rules[0] ?? 'Forbidden', rules.length > 1 ? `${rules.join(', ')}: ${message}` : message);
    this.rule = rules[0];
    this.rules = rules;
  }
}

/** 404: the thing does not exist, or the caller may not know that it does. */
export class NotFoundError extends AppError {
  constructor(message = 'Not found.') {
    super(404, 'NotFound', message);
  }
}

/** 409: a decision already taken, a duplicate, a state that no longer allows the action. */
export class ConflictError extends AppError {
  constructor(message: string, code = 'Conflict') {
    super(409, code, message);
  }
}

/** 410: an approval link past its expiry. */
export class GoneError extends AppError {
  constructor(message: string, code = 'Expired') {
    super(410, code, message);
  }
}

/** 413: the body is over the size limit. */
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, 'PayloadTooLarge', `The request body is larger than ${limitBytes} bytes.`);
  }
}

/** 415: the body is not JSON (or not a form, where a page posts one). */
export class UnsupportedMediaTypeError extends AppError {
  constructor(expected: string) {
    super(415, 'UnsupportedMediaType', `The request body must be ${expected}.`);
  }
}

/** 422: a valid request that a policy rule refuses; `code` is the rule id, e.g. `TN-13`. */
export class PolicyViolationError extends AppError {
  readonly rule: RuleId;
  /** Every rule cited (CT-02: each agency's in a combination); `code` is the first. */
  readonly rules: RuleId[];
  constructor(rule: Citation, message: string, details: ErrorDetail[] = []) {
    const rules = cited(rule);
    const [first] = rules;
    if (!first) throw new Error('A policy refusal cites at least one rule.');
    super(422, first, `${rules.join(', ')}: ${message}`, { details });
    this.rule = first;
    this.rules = rules;
  }
}

/** 503: a dependency (DynamoDB, Secrets Manager, …) did not answer; safe to retry. */
export class ServiceUnavailableError extends AppError {
  constructor(message = 'A dependency is unavailable; retry shortly.', options?: ErrorOptions) {
    super(503, 'ServiceUnavailable', message, options);
  }
}

/** True for errors whose message may be shown to the client as is. */
export const isClientError = (error: unknown): error is AppError => error instanceof AppError && error.status < 500;
