/**
 * A local-only control port for fault drills: stop and start the local SES or DynamoDB Local while
 * the system runs, to show that mail survives an SES outage and that a DynamoDB restart yields
 * clean 503s and recovery. Bound to loopback; AWS has no such thing, and nothing but tests and
 * people at this machine use it.
 */
import { createServer, type Server } from 'node:http';
import { listen } from './ports.ts';

export type ControlActions = Record<string, () => Promise<void>>;

export async function startControl(
  host: string,
  actions: ControlActions,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const action = req.method === 'POST' ? actions[(req.url ?? '').replace(/^\//, '')] : undefined;
    if (!action) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ actions: Object.keys(actions) }));
      return;
    }
    action().then(
      () => res.writeHead(204).end(),
      (error: Error) =>
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: error.message })),
    );
  });
  const port = await listen(server, 0, host);
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
