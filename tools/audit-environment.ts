/**
 * Where the audit tools (verify-audit, adopt-audit) find the trail: in AWS the stack's names from the
 * environment (AUDIT_TABLE, AUDIT_DIGEST_BUCKET, AUDIT_SIGNING_KEY_ID, POLICY_PROFILE: the stack's
 * outputs; a missing one stops the run with its name, shared/config.ts), with `--local` the running
 * local system's endpoints.json.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { auditSigningKeyAlias, localAuditDigestBucket } from '../shared/audit-signing-key.ts';
import { tables } from '../shared/tables.ts';

/** Points the SDK at the trail; says where, for the report. */
export async function configureAuditEnvironment(local: boolean, dataDir: string): Promise<string> {
  if (!local) return 'AWS';
  const file = join(resolve(dataDir), 'endpoints.json');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new Error(`No running local system: ${file} is missing (start it with npm start, or pass --data-dir).`);
  });
  const endpoints = JSON.parse(text) as {
    region: string;
    profile: string;
    aws: { dynamodb: string; kms: string; s3: string };
  };
  Object.assign(process.env, {
    AWS_REGION: endpoints.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.aws.dynamodb,
    AWS_ENDPOINT_URL_KMS: endpoints.aws.kms,
    AWS_ENDPOINT_URL_S3: endpoints.aws.s3,
    AUDIT_SIGNING_KEY_ID: auditSigningKeyAlias,
    AUDIT_DIGEST_BUCKET: localAuditDigestBucket,
    POLICY_PROFILE: endpoints.profile,
    [tables.audit.envVar]: tables.audit.logicalId,
  });
  return `local runtime (${resolve(dataDir)})`;
}
