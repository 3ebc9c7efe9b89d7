/**
 * The one place per-invocation state lives (issue 14.5): the correlation id and the caller of the
 * invocation running now. Each handler runs its whole middy chain inside
 * its own store, so invocations that overlap in one process (Lambda's multi-concurrency, the local
 * runtime) never see each other's state, where a module variable or a side table would.
 *
 * AsyncLocalStorage is what multi-concurrent Lambda runtimes expect (their own InvokeStore uses it).
 * On Node 24 it is built on AsyncContextFrame and enables no async hooks, so it costs none of what
 * the X-Ray SDK's cls-hooked cost (docs/tracing.md). A leaf: it imports only types, so HTTP handlers
 * and task handlers can both use it without an import circle.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller, DirectoryEntry } from './auth/caller.ts';

/** What one invocation's middlewares learn and later ones (or the handler) need; fields are set as they learn them. */
export interface InvocationState {
  correlationId?: string;
  /** The authenticated caller of a `jwt` route. */
  caller?: Caller;
  /** The caller's directory record, read once by `authorize`; handlers reuse it (shared/auth/directory-caller.ts). */
  callerEntry?: DirectoryEntry;
  /**
   * What POST /contacts' authorization read alongside the caller (shared/adapters/contact-checks.ts):
   * the items of the account, grant and worker named in the body, for the service's checks.
   */
  contactChecks?: { accountId: string; workerId: string; found: ReadonlyArray<Record<string, unknown>> };
}

const storage = new AsyncLocalStorage<InvocationState>();

/**
 * `handler` run in a fresh store for each call. Wrap the handler middy returns, never enter the store
 * from a middleware: a `before` cannot make a store visible to the middlewares after it.
 */
export function withInvocationContext<A extends unknown[], R>(handler: (...args: A) => R): (...args: A) => R {
  return (...args) => storage.run({}, handler, ...args);
}

/**
 * The running invocation's state. Outside one (a module's top level, a test calling a middleware on
 * its own) a detached object: what is written there is lost, and nothing reads another's.
 */
export const invocationState = (): InvocationState => storage.getStore() ?? {};
