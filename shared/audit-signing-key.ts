/**
 * The alias of the KMS key that signs the audit chains' digests (issue 21.2): infra creates the key under
 * it, the local runtime creates it in the KMS stand-in, and functions sign through it.
 */
export const auditSigningKeyAlias = 'alias/official-accounts-audit-digests';
