/**
 * AWS Secrets Manager on this machine. It speaks the service's own wire protocol (awsJson1_1 with
 * `X-Amz-Target: secretsmanager.<Operation>` and SigV4-signed requests), so the AWS SDK, the AWS
 * CLI and rotation functions run against it unchanged, given only an endpoint override.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from '../listen.ts';
import { checkSignature } from './auth.ts';
import { internalError, ServiceError } from './errors.ts';
import type { SecretsManagerEvent } from './events.ts';
import type { InvokeFunction } from './operations/context.ts';
import { operationFor } from './operations/index.ts';
import { loadSecrets, snapshotWriter } from './persistence.ts';
import { parseJson, readBody, sendError, sendOutput } from './protocol.ts';
import { SecretStore } from './store.ts';
import { validateInput } from './validate.ts';

export type { SecretsManagerEvent } from './events.ts';
export type { InvokeFunction, RotationStep, RotationStepEvent } from './operations/context.ts';

/** How to run the emulator; every option has a default. */
export interface SecretsManagerOptions {
  /** 0, the default, takes a free port. */
  port?: number;
  host?: string;
  /** Keeps the secrets across restarts (mode 0600); without it they live in memory only. */
  dataFile?: string;
  region?: string;
  accountId?: string;
  /**
   * Invokes a Lambda function, so the stand-in can run a secret's rotation function step by step
   * as AWS does; without it a caller must play the rotation function by hand.
   */
  invokeFunction?: InvokeFunction;
  /** Sees each event AWS would log to CloudTrail and deliver to EventBridge (RotationStarted, ...). */
  onEvent?: (event: SecretsManagerEvent) => void;
}

/** A running emulator. */
export interface LocalSecretsManager {
  endpoint: string;
  port: number;
  /** The rotation events emitted since start, oldest first (kept in memory only). */
  events(): SecretsManagerEvent[];
  /** Waits for started rotations, stops listening, and resolves once the last write is on disk. */
  close(): Promise<void>;
}

/** Starts the emulator; the data file, if any, is loaded first and a broken one refuses the start. */
export async function startSecretsManager(options: SecretsManagerOptions = {}): Promise<LocalSecretsManager> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const store = new SecretStore({ region, accountId }, options.dataFile ? await loadSecrets(options.dataFile) : []);
  const persist = options.dataFile ? snapshotWriter(options.dataFile) : async () => {};
  if (store.purgeExpired(Date.now())) await persist(store.all());
  const rotations = new Set<Promise<void>>();
  const events: SecretsManagerEvent[] = [];
  const emit = (event: SecretsManagerEvent) => {
    events.push(event);
    options.onEvent?.(event);
  };
  const context = {
    store,
    region,
    accountId,
    invokeFunction: options.invokeFunction,
    emit,
    persist: () => persist(store.all()),
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let afterResponse: (() => Promise<void>) | undefined;
    try {
      const body = await readBody(request);
      // In AWS's order: authentication, then the operation, then the input.
      checkSignature(request.headers, new URL(request.url ?? '/', 'http://localhost').searchParams, region);
      const operation = operationFor(request.headers['x-amz-target']?.toString());
      const input = validateInput(parseJson(body), operation.input);
      const now = Date.now();
      const purged = store.purgeExpired(now);
      const result = operation.handle(input, { ...context, now });
      // Acknowledge a change only once it is on disk.
      if (result.mutated || purged) await persist(store.all());
      sendOutput(response, result.output);
      afterResponse = result.afterResponse;
    } catch (error) {
      // A client that went away mid-request is not our error, and there is no one to answer.
      if (request.destroyed && !(error instanceof ServiceError)) return;
      if (!(error instanceof ServiceError))
        process.stderr.write(`secrets-manager: ${(error as Error)?.stack ?? error}\n`);
      sendError(response, error instanceof ServiceError ? error : internalError());
      return;
    }
    if (afterResponse) {
      const run = afterResponse().finally(() => rotations.delete(run));
      rotations.add(run);
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  const port = await listen(server, options.port ?? 0, host);
  let closing: Promise<void> | undefined;
  const stop = async () => {
    // Rotation functions call back into this server, so they must finish before it stops.
    await Promise.allSettled([...rotations]);
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    });
    // Queued behind any write still in flight, so resolving means everything is on disk.
    await persist(store.all());
  };
  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    events: () => [...events],
    close: () => (closing ??= stop()),
  };
}
