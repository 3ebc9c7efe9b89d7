/**
 * `npm run adopt-audit` (issue 21, upgrading from version 1): links the audit entries written before the
 * chains existed onto their chains, so that `npm run verify-audit` no longer reports them as inserted.
 * Each chain gets, after the entries it adopted, an `audit.entries-adopted` entry naming each of them.
 * Run it once, right after the upgrade and before the first seal; a second run adopts nothing.
 *
 *   npm run adopt-audit -- --local [--data-dir .local] [--dry-run]   the local runtime (npm start)
 *   npm run adopt-audit -- [--dry-run]                                AWS: standard credentials and
 *       region, with AUDIT_TABLE and POLICY_PROFILE set (the stack's outputs and its profile)
 *
 * It Scans the audit table once (the only Scan anywhere: an operator's one-off, never a request path).
 * Exit 0: done (or, with --dry-run, counted). Exit 2: usage or connection problem.
 */
import { parseArgs } from 'node:util';
import { adoptUnchainedEntries } from '../shared/services/audit-adoption.ts';
import { configureAuditEnvironment } from './audit-environment.ts';

const usage = 'Usage: npm run adopt-audit -- [--local] [--data-dir .local] [--dry-run]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      local: { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: '.local' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const where = await configureAuditEnvironment(values.local, values['data-dir']);
  const dryRun = values['dry-run'];
  const summary = await adoptUnchainedEntries({ dryRun });
  process.stdout.write(
    dryRun
      ? `${where}: would adopt ${summary.entries} entries into ${summary.chains} chains (dry run: nothing written).\n`
      : `${where}: adopted ${summary.entries} entries into ${summary.chains} chains in ${summary.batches} ` +
          'transactions; npm run verify-audit checks them from now on.\n',
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`adopt-audit: ${error.message}\n${usage}\n`);
    process.exit(2);
  },
);
