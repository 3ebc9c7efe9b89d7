/**
 * What a function may touch, declared next to its route or workflow task. infra/ turns it into the
 * function's IAM policy (least privilege by construction); the local runtime ignores it. A function
 * that reaches for something not declared here fails in AWS with AccessDenied, loudly.
 */
import type { TableKey } from './tables.ts';

export interface FunctionAccess {
  tables?: Partial<Record<TableKey, 'read' | 'readwrite'>>;
  /**
   * `hmac-key`: read the key for fingerprint HMACs; `credentials-read`/`-write`: account secrets'
   * values; `credentials-create`: create an account's (empty) secret and nothing more;
   * `credentials-rotate`: start a Secrets Manager rotation (RotateSecret); `scim-token`: read the
   * identity provider's SCIM bearer secret. Each credentials kind allows DescribeSecret (labels,
   * schedule, whether a login is stored), which reveals no value.
   */
  secrets?: ReadonlyArray<
    'hmac-key' | 'credentials-read' | 'credentials-write' | 'credentials-create' | 'credentials-rotate' | 'scim-token'
  >;
  /** Workflows (keys of shared/workflows.ts) and what the function does with them. */
  workflows?: Readonly<Record<string, ReadonlyArray<'start' | 'callback' | 'read' | 'redrive'>>>;
  /** Send mail through SES from the configured identity. */
  sendEmail?: boolean;
  /** Sign audit digests with the audit signing key and read its public key (kms:Sign, kms:GetPublicKey). */
  signAuditDigests?: boolean;
  /**
   * The audit digests' bucket (S3 Object Lock, compliance mode): `read` lists and reads every version;
   * `write` also puts a new digest with its retention. No kind deletes, overwrites or shortens one.
   */
  auditDigests?: 'read' | 'write';
}

/**
 * What every `jwt` route's function needs before its own work: the caller's directory record, read
 * once a request (shared/auth/directory-caller.ts). infra adds it to each such route's access.
 */
export const callerAccess: FunctionAccess = { tables: { directory: 'read' } };
