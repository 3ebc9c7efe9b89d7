/**
 * X-Ray traces of each invocation and of its AWS SDK calls (issue 7), written straight to the X-Ray
 * daemon over UDP. It replaces Powertools Tracer, whose aws-xray-sdk-core, semver and cls-hooked
 * cost every bundle ~120 KB and every cold start ~19 ms, and whose cls-hooked put an async_hooks
 * destroy hook on every promise (~10% of CPU under load, tracing off or not). This module enables
 * no async hooks: the open subsegment lives in the invocation's store (shared/invocation-context.ts),
 * an AsyncLocalStorage, which on Node 24 is built on AsyncContextFrame rather than async hooks.
 *
 * What X-Ray gets: one subsegment `## <handler>` per invocation under Lambda's function segment,
 * annotated `ColdStart`, `Service` and `correlationId`, flagged and given the error's name and
 * message (never its stack) when it fails; and one subsegment per SDK call under it: service,
 * operation, region, request id, retries, table name, HTTP status and flags. Never the event, the
 * response, request parameters or results.
 *
 * Tracing is active only inside Lambda, for a sampled invocation, unless POWERTOOLS_TRACE_ENABLED is
 * `false`; elsewhere (tests, the local runtime, CLIs) every call is a no-op. Each subsegment is sent
 * on its own when it closes (the segment document format's "subsegments sent separately").
 */
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { getXrayTraceDataFromEnv } from '@aws-lambda-powertools/commons/utils/env';
import type { MiddlewareObj } from '@middy/core';
import type { BuildMiddleware, MetadataBearer, MiddlewareStack } from '@smithy/types';
import type { Context } from 'aws-lambda';
import { invocationState } from './invocation-context.ts';
import { isThrottlingName } from './retryable-errors.ts';

/**
 * Per execution environment, not per invocation. The open subsegment is per invocation and lives in
 * its store: Lambda Managed Instances with multi-concurrency (AWS_LAMBDA_MAX_CONCURRENCY) run several
 * invocations at once in one process, each with its own trace.
 */
let coldStart = true;

const serviceName = 'official-accounts';
const newId = () => randomBytes(8).toString('hex');
/** Epoch seconds with sub-millisecond precision, as segment documents want them. */
const now = () => (performance.timeOrigin + performance.now()) / 1000;

/**
 * Inside Lambda and not in Powertools' dev mode: what commons' isRunningInLambda decides, without
 * its cost outside dev mode (it throws and catches an Error on every call when POWERTOOLS_DEV is
 * unset, ~80 µs, which showed in a CPU profile of the ingest benchmark).
 */
const runningInLambda = (): boolean =>
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE !== undefined &&
  !['1', 'y', 'yes', 't', 'true', 'on'].includes(process.env.POWERTOOLS_DEV?.toLowerCase() ?? '');

/** Lambda's trace header when this invocation is traced, else undefined. */
function sampledTrace(): Record<string, string> | undefined {
  if (process.env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() === 'false' || !runningInLambda()) return undefined;
  // From Lambda's InvokeStore when the runtime has one, else _X_AMZN_TRACE_ID.
  const trace = getXrayTraceDataFromEnv();
  return trace?.Sampled === '1' && trace.Root && trace.Parent ? trace : undefined;
}

let socket: Socket | undefined;
const daemonHeader = '{"format": "json", "version": 1}\n';

/** Sends one closed (sub)segment to the daemon. Never throws: tracing must not break an invocation. */
function emit(document: Record<string, unknown>): void {
  try {
    // `host:port` (Lambda's form), or the daemon's `tcp:host:port udp:host:port` form.
    const address =
      process.env.AWS_XRAY_DAEMON_ADDRESS?.match(/udp:(\S+)/)?.[1] ??
      process.env.AWS_XRAY_DAEMON_ADDRESS ??
      '127.0.0.1:2000';
    const colon = address.lastIndexOf(':');
    // One socket, created on first use and unref()-ed so it never keeps the process alive.
    socket ??= createSocket('udp4')
      .unref()
      .on('error', () => undefined);
    socket.send(
      daemonHeader + JSON.stringify(document),
      Number(address.slice(colon + 1)),
      address.slice(0, colon),
      () => undefined,
    );
  } catch {
    // A malformed address or a closed socket loses this trace, nothing else.
  }
}

/** X-Ray's flags for an outcome: 4xx is the caller's error (429 also a throttle), anything else failed a fault. */
function flags(status: number | undefined, throttled = status === 429): Record<string, true> {
  if (status !== undefined && status >= 400 && status < 500)
    return throttled ? { error: true, throttle: true } : { error: true };
  return { fault: true };
}

/** The HTTP status an error of this codebase carries: AppError's `status`, http-errors' `statusCode`. */
function statusOf(error: unknown): number | undefined {
  const { statusCode, status } = (error ?? {}) as { statusCode?: unknown; status?: unknown };
  const value = statusCode ?? status;
  return typeof value === 'number' ? value : undefined;
}

function closeInvocation(error?: unknown): void {
  const state = invocationState();
  const invocation = state.trace;
  state.trace = undefined;
  if (!invocation) return;
  const { id, traceId, parentId, name, start, annotations } = invocation;
  const failure = error === undefined ? {} : { ...flags(statusOf(error)), cause: causeOf(error) };
  emit({
    type: 'subsegment',
    id,
    trace_id: traceId,
    parent_id: parentId,
    name,
    start_time: start,
    end_time: now(),
    annotations,
    ...failure,
  });
}

/** Name and message only: messages never carry secrets by policy, stacks are not needed. */
function causeOf(error: unknown) {
  const { name, message } = error instanceof Error ? error : { name: typeof error, message: '' };
  return { exceptions: [{ id: newId(), type: name, message: String(message).slice(0, 2048) }] };
}

/**
 * Middy middleware that traces the invocation, like Powertools' `captureLambdaHandler(tracer,
 * { captureResponse: false })`. Register it right after the logger's, before the others, so its
 * subsegment spans them. onError records the failure and returns nothing: middy rethrows the error
 * itself once every onError has run (throwing here would skip the metrics flush). The chain must run
 * inside withInvocationContext (shared/invocation-context.ts), which keeps each invocation's subsegment.
 */
export function traceInvocation(): MiddlewareObj<unknown, unknown, Error, Context> {
  return {
    before: (request) => {
      // As Powertools counts it: provisioned concurrency and SnapStart initialise ahead of demand.
      const cold = coldStart && process.env.AWS_LAMBDA_INITIALIZATION_TYPE === 'on-demand';
      coldStart = false;
      const state = invocationState();
      state.trace = undefined;
      const trace = sampledTrace();
      if (!trace) return;
      const { Root, Parent, Sampled, ...others } = trace;
      state.trace = {
        id: newId(),
        traceId: Root!,
        parentId: Parent!,
        name: `## ${process.env._HANDLER ?? request.context.functionName}`,
        start: now(),
        annotations: { ColdStart: cold, Service: serviceName },
        extra: Object.entries(others)
          .map(([key, value]) => `;${key}=${value}`)
          .join(''),
      };
    },
    after: () => closeInvocation(),
    onError: (request) => closeInvocation(request.error ?? 'unknown'),
  };
}

/** Annotates the invocation's subsegment (searchable in X-Ray), e.g. `correlationId`. */
export function putAnnotation(key: string, value: string | number | boolean): void {
  const trace = invocationState().trace;
  if (trace) trace.annotations[key] = value;
}

/** What an SDK response or error says about the call (set by the deserializer and retry middlewares). */
type Metadata = { httpStatusCode?: number; requestId?: string; attempts?: number };
type SdkClient = {
  config: { region: () => Promise<string>; serviceId?: string };
  // biome-ignore lint/suspicious/noExplicitAny: each client's input type differs; the middleware reads none of it.
  middlewareStack: MiddlewareStack<any, MetadataBearer>;
};

/**
 * Traces every call of an AWS SDK v3 client as a subsegment of the invocation's. The middleware sits
 * in the `build` step (as aws-xray-sdk-core's does), which wraps the retry middleware: one subsegment
 * per call, with the final status and `$metadata.attempts`. `finalizeRequest` (where retry itself
 * sits, first) and `deserialize` run once per attempt, so they would record each attempt apart with
 * no retry count. Being before the SDK's recursion-detection middleware (`build`, low priority), its
 * trace header, which names this subsegment as the parent, is the one downstream services see.
 */
export function traceClient<C extends SdkClient>(client: C): C {
  // biome-ignore lint/suspicious/noExplicitAny: as above, any client's input.
  const tracing: BuildMiddleware<any, MetadataBearer> = (next, context) => async (args) => {
    const parent = invocationState().trace;
    if (!parent) return next(args);
    const id = newId();
    const start = now();
    const region = await client.config.region().catch(() => undefined);
    const headers = (args.request as { headers?: Record<string, string> } | undefined)?.headers;
    if (headers) headers['X-Amzn-Trace-Id'] = `Root=${parent.traceId};Parent=${id};Sampled=1${parent.extra}`;
    let metadata: Metadata | undefined;
    let outcome: Record<string, unknown> = {};
    try {
      const result = await next(args);
      metadata = result.output?.$metadata;
      return result;
    } catch (error) {
      const failure = (error ?? {}) as { name?: string; $metadata?: Metadata; $retryable?: { throttling?: boolean } };
      metadata = failure.$metadata;
      const status = metadata?.httpStatusCode;
      const throttled = status === 429 || failure.$retryable?.throttling === true || isThrottlingName(failure.name);
      // The exception's type, not its message: a service's message is not ours to vouch for.
      outcome = {
        ...flags(status, throttled),
        cause: { exceptions: [{ id: newId(), type: failure.name ?? 'Error', remote: true }] },
      };
      throw error;
    } finally {
      // X-Ray's names for AWS services: the client's class name without `Client` (DynamoDB, SFN, SESv2).
      const name = context.clientName?.replace(/Client$/, '') || (client.config.serviceId ?? 'AWS').replace(/ /g, '');
      const tableName =
        name === 'DynamoDB' && typeof args.input?.TableName === 'string' ? args.input.TableName : undefined;
      const aws = {
        operation: context.commandName?.replace(/Command$/, ''),
        region,
        request_id: metadata?.requestId,
        retries: Math.max(0, (metadata?.attempts ?? 1) - 1),
        table_name: tableName,
      };
      const http =
        metadata?.httpStatusCode === undefined ? undefined : { response: { status: metadata.httpStatusCode } };
      emit({
        type: 'subsegment',
        id,
        trace_id: parent.traceId,
        parent_id: parent.id,
        name,
        namespace: 'aws',
        start_time: start,
        end_time: now(),
        aws,
        http,
        ...outcome,
      });
    }
  };
  client.middlewareStack.add(tracing, { step: 'build', name: 'xrayTracing', override: true });
  return client;
}
