/**
 * Amazon SES v2 on this machine: `aws-ses-v2-local` takes SendEmail calls and keeps every message;
 * its own page is the contract's mailbox, and `GET /store` lists the messages as JSON.
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';

const sesLocal = createRequire(import.meta.url)('aws-ses-v2-local') as {
  default: (config: { host?: string; port?: number }) => Promise<Server>;
};

export interface LocalSes {
  endpoint: string;
  port: number;
  /** Stops answering (mail already received is kept), e.g. to show an outage. */
  stop(): Promise<void>;
  /** Answers again on the same port. */
  start(): Promise<void>;
}

export async function startSes(options: { port?: number; host?: string }): Promise<LocalSes> {
  const host = options.host ?? '127.0.0.1';
  let server = await sesLocal.default({ host, port: options.port ?? 0 });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const close = (s: Server) =>
    new Promise<void>((resolve) => {
      s.closeAllConnections();
      s.close(() => resolve());
    });
  let running = true;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    stop: async () => {
      if (!running) return;
      running = false;
      await close(server);
    },
    start: async () => {
      if (running) return;
      server = await sesLocal.default({ host, port });
      running = true;
    },
  };
}
