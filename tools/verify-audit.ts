/**
 * `npm run verify-audit` (issue 21.3): checks that the audit trail is complete and unaltered. Every
 * chain is walked from its first entry to its head, each link and hash recomputed, each digest's
 * signature checked with the signing key's public key. Exit 0: intact. Exit 1: the first altered,
 * inserted or missing entry, or bad digest, named. Exit 2: usage or connection problem.
 *
 *   npm run verify-audit -- --local [--data-dir .local]   the local runtime (npm start)
 *   npm run verify-audit                                  AWS: standard credentials and region, with
 *       AUDIT_TABLE, AUDIT_DIGEST_BUCKET and AUDIT_SIGNING_KEY_ID set (the stack's outputs)
 *   npm run verify-audit -- --bundle <file> [--public-key <pem file>]
 *       an exported bundle (GET /records/export?format=bundle), offline: no AWS, no network (issue 21.4)
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { verifyBundle } from '../shared/domain/audit-bundle.ts';
import { verifyAuditTrail } from '../shared/services/audit-verification.ts';
import { configureAuditEnvironment } from './audit-environment.ts';

const usage =
  'Usage: npm run verify-audit -- [--local] [--data-dir .local] | --bundle <file> [--public-key <pem file>]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      local: { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: '.local' },
      help: { type: 'boolean', default: false },
      bundle: { type: 'string' },
      'public-key': { type: 'string' },
    },
  });
  if (values.bundle) {
    const text = await readFile(values.bundle, 'utf8');
    const pinned = values['public-key'] ? await readFile(values['public-key'], 'utf8') : undefined;
    const report = verifyBundle(text, pinned);
    if (!report.ok) {
      process.stdout.write(`NOT INTACT (bundle ${values.bundle}): ${report.problem}\n`);
      return 1;
    }
    process.stdout.write(
      `INTACT (bundle ${values.bundle}): chain ${report.chain}, ${report.entries} entries, ${report.digests} ` +
        `digests; signed by the key with SHA-256 fingerprint ${report.keyFingerprint}` +
        `${pinned ? ' (the key given)' : ' (compare it with the one the agency publishes, or pass --public-key)'}.\n`,
    );
    return 0;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const where = await configureAuditEnvironment(values.local, values['data-dir']);
  const report = await verifyAuditTrail();
  const counts = `${report.chains} chains, ${report.entries} entries, ${report.digests} digests`;
  if (report.problem) {
    const { chain, seq, entry, problem } = report.problem;
    const at = entry ? ` (pk ${String(entry.pk)}, sk ${String(entry.sk)})` : '';
    process.stdout.write(`NOT INTACT (${where}): chain ${chain}, entry ${seq}${at}: ${problem}\n`);
    return 1;
  }
  process.stdout.write(`INTACT (${where}): ${counts}; every link, hash and digest signature checks.\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`verify-audit: ${error.message}\n${usage}\n`);
    process.exit(2);
  },
);
