/**
 * AWS KMS on this machine, for the audit trail's signed digests (issue 21.2): the awsJson1_1 protocol
 * with `X-Amz-Target: TrentService.<Operation>` and SigV4-signed requests, so the SDK and the AWS CLI
 * sign and verify against it unchanged, given only an endpoint override.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { AwsJsonError } from '../aws-json-error.ts';
import { listen } from '../listen.ts';
import { KeyStore, loadKeys, saveKeys } from './keys.ts';
import { operations } from './operations.ts';

/** How to run the stand-in; every option has a default. */
export interface KmsOptions {
  /** 0, the default, takes a free port. */
  port?: number;
  host?: string;
  /** Keeps the keys across restarts (mode 0600); without it they live in memory only. */
  dataFile?: string;
  region?: string;
  accountId?: string;
}

/** A running stand-in. */
export interface LocalKms {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

const contentType = 'application/x-amz-json-1.1';

function send(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(payload);
}

/** A request must be SigV4-signed for KMS in this Region (the signature itself is not checked: no real keys). */
function checkScope(request: IncomingMessage, region: string): void {
  const credential = /Credential=([^,\s]+)/.exec(request.headers.authorization ?? '')?.[1];
  if (!credential) throw new AwsJsonError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const [, , scopeRegion, service] = credential.split('/');
  if (service !== 'kms' || scopeRegion !== region)
    throw new AwsJsonError(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region and service kms, not '${credential}'.`,
    );
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  const body = Buffer.concat(chunks).toString('utf8');
  if (body.trim() === '') return {};
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {}
  throw new AwsJsonError('SerializationException', 'The request body is not a JSON object.');
}

/** Starts the stand-in; the data file, if any, is loaded first. */
export async function startKms(options: KmsOptions = {}): Promise<LocalKms> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const store = new KeyStore(region, accountId, options.dataFile ? await loadKeys(options.dataFile) : []);
  const byName = operations(accountId);
  let writing = Promise.resolve();
  const persist = () => {
    const file = options.dataFile;
    if (file) writing = writing.then(() => saveKeys(file, store.all()));
    return writing;
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const input = await readJson(request);
      checkScope(request, region);
      const target = request.headers['x-amz-target']?.toString() ?? '';
      const operation = target.startsWith('TrentService.') ? byName[target.slice('TrentService.'.length)] : undefined;
      if (!operation) throw new AwsJsonError('UnknownOperationException', undefined);
      const result = operation(input, store, Date.now());
      // Acknowledge a new key only once it is on disk.
      if (result.mutated) await persist();
      send(response, 200, result.output);
    } catch (error) {
      if (!(error instanceof AwsJsonError)) process.stderr.write(`kms: ${(error as Error)?.stack ?? error}\n`);
      const failure =
        error instanceof AwsJsonError ? error : new AwsJsonError('KMSInternalException', 'Internal error', 500);
      send(
        response,
        failure.status,
        failure.hasMessage ? { __type: failure.type, message: failure.message } : { __type: failure.type },
      );
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  const port = await listen(server, options.port ?? 0, host);
  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      await writing;
    },
  };
}
