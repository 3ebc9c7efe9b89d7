/** Starting an HTTP server on a port, shared by both stand-ins. */
import type { Server } from 'node:http';

/**
 * Starts `server` listening and resolves with the port it got (port 0: the OS chooses); a port
 * already taken rejects instead of crashing the process.
 */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
