/**
 * What every function gets, in one place and free of CDK imports so the local runtime reads the same
 * values: timeouts, memory and the environment (infra/lambda-defaults.ts applies them in AWS,
 * local/function-environment.ts adds the local endpoints and local/main.ts installs them).
 */
import { auditSigningKeyAlias, localAuditDigestBucket } from '../shared/audit-signing-key.ts';
import { tables, type TableKey } from '../shared/tables.ts';
import { triggers, type TriggerKey } from '../shared/triggers.ts';
import { workflows, type WorkflowKey } from '../shared/workflows.ts';

/** The claim the API reads the caller's directory id from when the deployment names none. */
export const defaultIdentityClaim = 'sub';

export const functionTimeoutSeconds = 15;
export const functionMemoryMb = 512;

export interface EnvironmentInputs {
  profile: string;
  publicBaseUrl: string;
  senderAddress: string;
  /** The SES configuration set every message goes through, so its feedback reaches us (issue 19.1). */
  mailConfigurationSet: string;
  tableNames: Record<TableKey, string>;
  stateMachineArns: Record<WorkflowKey, string>;
  /** ARNs of the functions other services invoke (shared/triggers.ts), for those that configure them. */
  triggerArns: Record<TriggerKey, string>;
  hmacKeySecretId: string;
  mailSealingKeySecretId: string;
  /** The token claim that names the caller (shared/auth/caller.ts): `sub` unless set, `oid` for Entra ID. */
  identityClaim?: string;
  /** The identity provider's SCIM bearer secret (only the SCIM functions may read it). */
  scimTokenSecretId: string;
  /** The audit digests' signing key (issue 21.2): its ARN in AWS; locally the stand-in's alias. */
  auditSigningKeyId?: string;
  /** The audit digests' bucket (issue 21.2): the stack's in AWS; locally the S3 stand-in's. */
  auditDigestBucket?: string;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

/** The environment variables every function reads through shared/config.ts. */
export function functionEnvironment(inputs: EnvironmentInputs): Record<string, string> {
  const env: Record<string, string> = {
    POLICY_PROFILE: inputs.profile,
    PUBLIC_BASE_URL: inputs.publicBaseUrl,
    SENDER_ADDRESS: inputs.senderAddress,
    MAIL_CONFIGURATION_SET: inputs.mailConfigurationSet,
    HMAC_KEY_SECRET_ID: inputs.hmacKeySecretId,
    MAIL_SEALING_KEY_SECRET_ID: inputs.mailSealingKeySecretId,
    IDENTITY_CLAIM: inputs.identityClaim ?? defaultIdentityClaim,
    SCIM_TOKEN_SECRET_ID: inputs.scimTokenSecretId,
    AUDIT_SIGNING_KEY_ID: inputs.auditSigningKeyId ?? auditSigningKeyAlias,
    AUDIT_DIGEST_BUCKET: inputs.auditDigestBucket ?? localAuditDigestBucket,
    POWERTOOLS_SERVICE_NAME: 'official-accounts',
    POWERTOOLS_LOG_LEVEL: inputs.logLevel ?? 'INFO',
    POWERTOOLS_METRICS_NAMESPACE: 'OfficialAccounts',
  };
  for (const [key, table] of Object.entries(tables) as Array<[TableKey, (typeof tables)[TableKey]]>) {
    env[table.envVar] = inputs.tableNames[key];
  }
  for (const [key, workflow] of Object.entries(workflows) as Array<[WorkflowKey, { envVar: string }]>) {
    env[workflow.envVar] = inputs.stateMachineArns[key];
  }
  for (const [key, trigger] of Object.entries(triggers) as Array<[TriggerKey, { envVar: string }]>) {
    env[trigger.envVar] = inputs.triggerArns[key];
  }
  return env;
}
