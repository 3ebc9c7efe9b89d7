/**
 * The one list of errors that mean "a dependency is down, busy or throttling; the same call may
 * succeed shortly" (issue 14.6). The HTTP edge answers them 503 (shared/http/error-translator.ts),
 * the alarms and logs name the throttles among them, and every `Retry` of the workflows
 * matches exactly these names (`"ErrorEquals": ["$RetryableErrors"]`, expanded when the ASL file is
 * read: shared/workflow-definitions.ts). Three lists used to disagree; each name below was kept for
 * the reason given, and only names: Step Functions matches an error's `name` (Lambda's errorType),
 * never its message or code.
 *
 * - `Lambda.ServiceException`, `Lambda.AWSLambdaException`, `Lambda.SdkClientException`,
 *   `Lambda.TooManyRequestsException`: Step Functions' names for an invocation of the task function
 *   that failed in Lambda itself (AWS's recommended Retry for Lambda tasks). Only workflows see them.
 * - `ServiceUnavailable`: an AWS service's 503. `ServiceUnavailableError`: the codebase's own 503
 *   (shared/errors.ts), "retry shortly" by definition; the workflows matched only the former, which
 *   is not the name a task throwing the latter fails with.
 * - `InternalServerError`: DynamoDB's 500, a server fault that a later identical call does not
 *   repeat; the HTTP edge had it, the workflows did not. Tasks re-read before they write, so a retry
 *   does nothing twice.
 * - `ThrottlingException` (most services), `ProvisionedThroughputExceededException` and
 *   `RequestLimitExceeded` (DynamoDB), `TooManyRequestsException` (SES): throttles. The workflows
 *   lacked the last two; the tracer already counted all four as throttles.
 * - `TransactionConflictException`: DynamoDB refusing a write to an item a transaction holds; gone
 *   once the transaction ends. The HTTP edge lacked it and answered 500.
 * - `TimeoutError`: the SDK's name for a request that got no answer in time.
 *
 * Not here: `ECONNRESET` and `ECONNREFUSED` are `code`s of Node's socket errors, whose name is just
 * `Error`, so no Retry can match them; isRetryable matches them by code (transientNetworkCodes).
 * Not retried, deliberately: validation, conditional-check and not-found errors, and
 * `InvalidTaskInput`, which a retry cannot change.
 */

/** The names, in the order the workflows' Retry blocks list them. */
export const retryableErrorNames = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'ServiceUnavailable',
  'ServiceUnavailableError',
  'InternalServerError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'TransactionConflictException',
  'TimeoutError',
] as const;

/** The throttles among them: X-Ray flags these `throttle` as well as `error`. */
export const throttlingErrorNames: ReadonlySet<string> = new Set<string>([
  'Lambda.TooManyRequestsException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

/** Socket failures before any answer, by Node's `code` (their name is `Error`); the SDK retries them too. */
export const transientNetworkCodes: ReadonlySet<string> = new Set(['ECONNRESET', 'ECONNREFUSED']);

const names: ReadonlySet<string> = new Set(retryableErrorNames);

/** Whether `error` is in the list by name (or by `code`, as some errors carry it), or a transient socket failure. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = String((error as { code?: unknown }).code);
  return names.has(error.name) || names.has(code) || transientNetworkCodes.has(code);
}

/** Whether an error of this name is a throttle. */
export const isThrottlingName = (name: string | undefined): boolean =>
  name !== undefined && throttlingErrorNames.has(name);
