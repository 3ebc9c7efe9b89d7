/**
 * Where the audit chains' digests are signed and kept (issue 21.2), by the names infra gives them in AWS
 * and the local runtime gives them on its stand-ins; functions read the deployed ones from their
 * environment (shared/config.ts).
 */

/** The alias of the KMS key that signs the digests: infra creates the key under it, locally the KMS stand-in. */
export const auditSigningKeyAlias = 'alias/official-accounts-audit-digests';

/**
 * The local runtime's digest bucket (S3 Object Lock, compliance mode); in AWS the stack names its own
 * bucket and passes it as AUDIT_DIGEST_BUCKET.
 */
export const localAuditDigestBucket = 'official-accounts-audit-digests';
