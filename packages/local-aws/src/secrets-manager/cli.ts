/**
 * Runs the Secrets Manager emulator on its own:
 *   node packages/local-aws/src/secrets-manager/cli.ts --port 4584 --data-file .local/secrets.json
 * and prints its endpoint. SIGINT or SIGTERM stop it after the last write is on disk.
 */
import { parseArgs } from 'node:util';
import { startSecretsManager } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4584' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-file': { type: 'string' },
    region: { type: 'string', default: 'us-east-1' },
    'account-id': { type: 'string', default: '000000000000' },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a port number, not ${values.port}\n`);
  process.exit(2);
}

const emulator = await startSecretsManager({
  port,
  host: values.host,
  dataFile: values['data-file'],
  region: values.region,
  accountId: values['account-id'],
});
process.stdout.write(`${emulator.endpoint}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  emulator.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`secrets-manager: ${(error as Error)?.stack ?? error}\n`);
      process.exit(1);
    },
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
