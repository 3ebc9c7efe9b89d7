/**
 * Secrets Manager: the HMAC key and the mail sealing key (generated here, never seen by anyone) and
 * the naming contract for the official accounts' credential secrets, which functions create at
 * runtime, one per account.
 */
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

/** Every credential secret's name starts with this; IAM grants stop at it. */
export const credentialsSecretPrefix = 'official-accounts/accounts/';

/**
 * The tag every credential secret carries from CreateSecret on (shared/adapters/vault.ts sets it to
 * the account's id). IAM requires it on create and on every later call, so a function can only
 * touch secrets this app made for an account, even under the shared name prefix.
 */
export const credentialsSecretTagKey = 'official-accounts:account';

/**
 * The HMAC key secret, the SCIM bearer secret, the mail sealing key secret, and the credential
 * secrets' ARN pattern and key.
 */
export class Secrets extends Construct {
  readonly hmacKey: Secret;
  /** The bearer token the identity provider presents to /scim/v2; the SCIM functions alone read it. */
  readonly scimToken: Secret;
  /** Seals queued mail (shared/adapters/sealed.ts); every sender reads it, so it is not the HMAC key. */
  readonly mailSealingKey: Secret;
  /** `arn:…:secret:official-accounts/accounts/*`: every credential secret, present and future. */
  readonly credentialsSecretArnPattern: string;
  readonly credentialsKey: IKey;

  constructor(scope: Construct, id: string, props: { hmacKeyEncryptionKey: IKey; credentialsKey: IKey }) {
    super(scope, id);
    this.hmacKey = new Secret(this, 'HmacKey', {
      description: 'Keys the HMACs of approval tokens and password fingerprints.',
      encryptionKey: props.hmacKeyEncryptionKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Losing it makes every stored fingerprint impossible to compare.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.hmacKey, 'hmacKeyRotation');
    this.scimToken = new Secret(this, 'ScimToken', {
      secretName: 'official-accounts/scim-token',
      description: 'The bearer token the identity provider presents to /scim/v2 (rotatable: put a new value).',
      encryptionKey: props.hmacKeyEncryptionKey,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    acknowledge(this.scimToken, 'scimTokenRotation');
    this.mailSealingKey = new Secret(this, 'MailSealingKey', {
      description: 'Seals mail waiting in the dead-letter queue (it may hold a decision link).',
      encryptionKey: props.hmacKeyEncryptionKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Losing it makes the queued mail impossible to open.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.mailSealingKey, 'mailSealingKeyRotation');
    this.credentialsKey = props.credentialsKey;
    this.credentialsSecretArnPattern = Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${credentialsSecretPrefix}*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }
}
