/**
 * Amazon S3 on this machine, for the audit trail's digests bucket (issue 21.2): S3's REST-XML protocol with
 * path-style addressing (`/<bucket>/<key>`) and SigV4-signed requests, so the SDK and the AWS CLI store and
 * read objects against it unchanged, given only an endpoint override (and path-style addressing). Its point
 * is S3 Object Lock: COMPLIANCE retention keeps a version from being deleted or overwritten by anyone.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from '../listen.ts';
import { checkScope } from './auth.ts';
import { S3Error } from './errors.ts';
import type { S3Response } from './request.ts';
import { route } from './routes.ts';
import { Store } from './store.ts';
import { xmlError } from './xml.ts';

/** How to run the stand-in; every option has a default. */
export interface S3Options {
  /** 0, the default, takes a free port. */
  port?: number;
  host?: string;
  /** Keeps buckets, objects and versions across restarts (files mode 0600); without it, memory only. */
  dataDir?: string;
  region?: string;
}

/** A running stand-in. */
export interface LocalS3 {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/** S3 refuses single uploads over 5 GiB; this stand-in holds a body in memory, so it stops far earlier. */
const maxBodyBytes = 256 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes)
      throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
        MaxSizeAllowed: String(maxBodyBytes),
      });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Splits `/<bucket>/<key>`; the key is everything after the bucket's slash, percent-decoded. */
function address(url: URL): { bucket: string; key: string } {
  const path = url.pathname.slice(1);
  const slash = path.indexOf('/');
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400);
    }
  };
  return slash < 0
    ? { bucket: decode(path), key: '' }
    : { bucket: decode(path.slice(0, slash)), key: decode(path.slice(slash + 1)) };
}

function errorResponse(error: S3Error, resource: { bucket: string; key: string }): S3Response {
  const details = { ...error.details };
  if (error.code === 'NoSuchKey' && details.Key === undefined) details.Key = resource.key;
  return {
    status: error.status,
    headers: { 'content-type': 'application/xml', ...error.headers },
    body: xmlError([['Code', error.code], ['Message', error.message], ...Object.entries(details)]),
  };
}

function send(response: ServerResponse, method: string, answer: S3Response, requestId: string): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers ?? {})) if (value !== undefined) headers[name] = value;
  headers['x-amz-request-id'] = requestId;
  headers['x-amz-id-2'] = Buffer.from(requestId).toString('base64');
  headers.server = 'LocalS3';
  let body = answer.body;
  if (body !== undefined && answer.status >= 300 && typeof body === 'string')
    body = body.replace(
      '</Error>',
      `<RequestId>${requestId}</RequestId><HostId>${headers['x-amz-id-2']}</HostId></Error>`,
    );
  if (method === 'HEAD') {
    // HEAD answers carry headers only; a HeadObject reports the object's length, not zero.
    if (headers['content-length'] === undefined) headers['content-length'] = '0';
    response.writeHead(answer.status, headers);
    response.end();
    return;
  }
  const bytes = body === undefined ? Buffer.alloc(0) : typeof body === 'string' ? Buffer.from(body) : body;
  headers['content-length'] = String(bytes.length);
  response.writeHead(answer.status, headers);
  response.end(bytes);
}

/** Starts the stand-in; the data directory, if any, is loaded first. */
export async function startS3(options: S3Options = {}): Promise<LocalS3> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const store = await Store.open(options.dataDir);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://localhost');
    let resource = { bucket: '', key: '' };
    try {
      resource = address(url);
      const header = (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value.join(',') : value;
      };
      checkScope(header('authorization'), url.searchParams, region);
      const body = await readBody(request);
      const operation = route(method, resource.bucket, resource.key, url.searchParams, header);
      const headers = Object.fromEntries(Object.keys(request.headers).map((name) => [name, header(name)]));
      const answer = await operation({
        method,
        ...resource,
        query: url.searchParams,
        header,
        headers,
        body,
        now: Date.now(),
        region,
        store,
      });
      send(response, method, answer, requestId);
    } catch (error) {
      if (!(error instanceof S3Error)) process.stderr.write(`s3: ${(error as Error)?.stack ?? error}\n`);
      const failure =
        error instanceof S3Error
          ? error
          : new S3Error('InternalError', 'We encountered an internal error. Please try again.', 500);
      if (!response.headersSent) send(response, method, errorResponse(failure, resource), requestId);
      else response.destroy();
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
      await store.settled();
    },
  };
}
