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
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { auditSigningKeyAlias, localAuditDigestBucket } from '../shared/audit-signing-key.ts';
import { verifyBundle } from '../shared/domain/audit-bundle.ts';
import { verifyAuditTrail } from '../shared/services/audit-verification.ts';
import { tables } from '../shared/tables.ts';

const usage =
  'Usage: npm run verify-audit -- [--local] [--data-dir .local] | --bundle <file> [--public-key <pem file>]';

async function configure(local: boolean, dataDir: string): Promise<string> {
  // In AWS the table, bucket and key are the stack's (AUDIT_TABLE, AUDIT_DIGEST_BUCKET, AUDIT_SIGNING_KEY_ID);
  // a missing one stops the run with its name (shared/config.ts).
  if (!local) return 'AWS';
  const file = join(resolve(dataDir), 'endpoints.json');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new Error(`No running local system: ${file} is missing (start it with npm start, or pass --data-dir).`);
  });
  const endpoints = JSON.parse(text) as { region: string; aws: { dynamodb: string; kms: string; s3: string } };
  Object.assign(process.env, {
    AWS_REGION: endpoints.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.aws.dynamodb,
    AWS_ENDPOINT_URL_KMS: endpoints.aws.kms,
    AWS_ENDPOINT_URL_S3: endpoints.aws.s3,
    AUDIT_SIGNING_KEY_ID: auditSigningKeyAlias,
    AUDIT_DIGEST_BUCKET: localAuditDigestBucket,
    [tables.audit.envVar]: tables.audit.logicalId,
  });
  return `local runtime (${resolve(dataDir)})`;
}

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
  const where = await configure(values.local, values['data-dir']);
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
