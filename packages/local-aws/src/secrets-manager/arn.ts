import { randomInt } from 'node:crypto';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The partition a region belongs to, so ARNs look right outside the commercial partition too. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * A new secret's ARN: name plus a hyphen and six random characters, as AWS does, so a secret
 * re-created under a deleted secret's name never matches grants or caches keyed on the old ARN.
 */
export function newSecretArn(region: string, accountId: string, name: string): string {
  let suffix = '';
  for (let i = 0; i < 6; i += 1) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)];
  return `arn:${partitionOf(region)}:secretsmanager:${region}:${accountId}:secret:${name}-${suffix}`;
}

/** The parts of a Secrets Manager secret ARN, complete or partial (without the suffix); undefined for anything else. */
export function parseSecretArn(id: string): { region: string; accountId: string; resource: string } | undefined {
  const match = /^arn:aws[a-z-]*:secretsmanager:([^:]+):([^:]+):secret:(.+)$/.exec(id);
  if (!match) return undefined;
  const [, region = '', accountId = '', resource = ''] = match;
  return { region, accountId, resource };
}
