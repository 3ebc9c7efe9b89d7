/**
 * Typed readers for the environment a function is given (infra/lambda-defaults.ts sets it in AWS,
 * local/function-environment.ts composes it locally). Each reader fails fast with the variable's name, so a
 * misconfigured deployment breaks loudly at the first call instead of writing to the wrong place.
 */
import { tables, type TableKey } from './tables.ts';

/** Raised when a required variable is missing: a deployment defect, never a client's fault. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** The value of a required environment variable. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new ConfigurationError(`Environment variable ${name} is not set.`);
  }
  return value;
}

/** The physical name of one of the tables of shared/tables.ts. */
export const tableName = (key: TableKey): string => requireEnv(tables[key].envVar);

/** Comma- or plus-separated profile ids the deployment runs; combined with CT-02 when more than one. */
export const profileIds = (): string[] =>
  requireEnv('POLICY_PROFILE')
    .split(/[+,]/)
    .map((id) => id.trim())
    .filter(Boolean);

/** Public base URL of the API, used to build links in emails (never a request's Host header). */
export const publicBaseUrl = (): string => requireEnv('PUBLIC_BASE_URL').replace(/\/+$/, '');

/**
 * A page of the console (issue 18.6), on the API's site under /console: emails link there, never to a JSON
 * route, which a browser cannot open with a bearer token.
 */
export const consoleLink = (path: string): string => `${publicBaseUrl()}/console${path}`;

/** The verified SES identity mail is sent from. */
export const senderAddress = (): string => requireEnv('SENDER_ADDRESS');

/** The SES configuration set whose event destination reports bounces and complaints (issue 19.1). */
export const mailConfigurationSet = (): string => requireEnv('MAIL_CONFIGURATION_SET');

/** ARN of one of the state machines of shared/workflows.ts. */
export const stateMachineArn = (envVar: string): string => requireEnv(envVar);

/** Secret that keys the HMACs of approval tokens and password fingerprints (never the value itself). */
export const hmacKeySecretId = (): string => requireEnv('HMAC_KEY_SECRET_ID');

/** Secret holding the bearer token the identity provider presents to /scim/v2 (never the value itself). */
export const scimTokenSecretId = (): string => requireEnv('SCIM_TOKEN_SECRET_ID');
/** Secret that keys the sealing of queued mail (shared/adapters/sealed.ts); never the HMAC key. */
export const mailSealingKeySecretId = (): string => requireEnv('MAIL_SEALING_KEY_SECRET_ID');

/** The KMS key (ECC_NIST_P256, SIGN_VERIFY) that signs the audit chains' digests (issue 21.2): an alias or ARN. */
export const auditSigningKeyId = (): string => requireEnv('AUDIT_SIGNING_KEY_ID');

/** The S3 bucket, Object Lock in compliance mode, that keeps the signed digests write-once (issue 21.2). */
export const auditDigestBucket = (): string => requireEnv('AUDIT_DIGEST_BUCKET');
