/** Port helpers for the local runtime's services. */
import { createServer } from 'node:net';

/** A port that was free a moment ago; for services (DynamoDB Local) that must be told a port. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Polls `probe` until it resolves or `timeoutMs` passes; the last error explains a failure. */
export async function waitFor(what: string, probe: () => Promise<unknown>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  throw new Error(`${what} did not answer within ${timeoutMs} ms: ${(lastError as Error)?.message ?? lastError}`);
}

export { listen } from '@official-accounts/local-aws/listen';
