/**
 * What CDK would create before any function runs, created on the local stand-ins instead: the
 * tables, the HMAC key secret and the state machines. Each step is idempotent, so a restart on the
 * same data directory keeps the data and picks up changed workflow definitions.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  KMSClient,
  NotFoundException,
} from '@aws-sdk/client-kms';
import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  PutObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { auditSigningKeyAlias, localAuditDigestBucket } from '../shared/audit-signing-key.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  ResourceExistsException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  CreateStateMachineCommand,
  ListStateMachinesCommand,
  SFNClient,
  StateMachineAlreadyExists,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { tables } from '../shared/tables.ts';
import {
  functionNameOf,
  renderDefinition,
  type WorkflowDefinition,
  type WorkflowKey,
  workflows,
} from '../shared/workflows.ts';
import { readDefinition } from '../shared/workflow-definitions.ts';
import { ensureTable } from './dynamodb.ts';
import { localFunctionArn } from './functions.ts';
import { accountId, localClientConfig, region } from './local-account.ts';

/** The secret that keys the HMACs, by the name the functions are told. */
export const hmacKeySecretId = 'official-accounts/hmac-key';

/** The identity provider's SCIM bearer secret, by the name the functions are told. */
export const scimTokenSecretId = 'official-accounts/scim-token';

/**
 * Creates the SCIM bearer secret unless it exists (a configured identity provider keeps working
 * across restarts); returns its value, which endpoints.json hands to whoever plays the identity provider.
 */
export async function createScimToken(endpoint: string): Promise<string> {
  const client = new SecretsManagerClient({ ...localClientConfig, endpoint });
  try {
    await ensureRandomSecret(
      client,
      scimTokenSecretId,
      48,
      'The bearer token the identity provider presents to /scim/v2.',
    );
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: scimTokenSecretId }));
    return SecretString!;
  } finally {
    client.destroy();
  }
}

/** The secret that seals queued mail, by the name the functions are told. */
export const mailSealingKeySecretId = 'official-accounts/mail-sealing-key';

/** Creates a secret with a random value unless one of that name exists: its value must survive restarts. */
async function ensureRandomSecret(client: SecretsManagerClient, name: string, length: number, description: string) {
  const { RandomPassword } = await client.send(
    new GetRandomPasswordCommand({ PasswordLength: length, ExcludePunctuation: true }),
  );
  await client
    .send(new CreateSecretCommand({ Name: name, SecretString: RandomPassword, Description: description }))
    .catch((error: unknown) => {
      if (!(error instanceof ResourceExistsException)) throw error;
    });
}

/** Creates every table of shared/tables.ts that does not exist yet. */
export async function createTables(endpoint: string): Promise<void> {
  const client = new DynamoDBClient({ ...localClientConfig, endpoint });
  try {
    await Promise.all(Object.values(tables).map((table) => ensureTable(client, table)));
  } finally {
    client.destroy();
  }
}

/**
 * Creates the HMAC key and mail sealing key secrets with random values, unless they exist (their
 * values must survive restarts).
 */
export async function createHmacKey(endpoint: string): Promise<void> {
  const client = new SecretsManagerClient({ ...localClientConfig, endpoint });
  try {
    await ensureRandomSecret(
      client,
      hmacKeySecretId,
      64,
      'Keys the HMACs of approval tokens and password fingerprints.',
    );
    await ensureRandomSecret(client, mailSealingKeySecretId, 64, 'Seals mail waiting in the dead-letter queue.');
  } finally {
    client.destroy();
  }
}

/** Creates the audit digests' signing key (ECC_NIST_P256, SIGN_VERIFY) and its alias, unless it exists. */
export async function createAuditSigningKey(endpoint: string): Promise<void> {
  const client = new KMSClient({ ...localClientConfig, endpoint });
  try {
    await client.send(new DescribeKeyCommand({ KeyId: auditSigningKeyAlias }));
  } catch (error) {
    if (!(error instanceof NotFoundException)) throw error;
    const { KeyMetadata } = await client.send(
      new CreateKeyCommand({
        KeySpec: 'ECC_NIST_P256',
        KeyUsage: 'SIGN_VERIFY',
        Description: 'Signs the audit chains digests (issue 21.2).',
      }),
    );
    await client.send(new CreateAliasCommand({ AliasName: auditSigningKeyAlias, TargetKeyId: KeyMetadata!.KeyId! }));
  } finally {
    client.destroy();
  }
}

/**
 * Creates the audit digests' bucket with Object Lock and a default COMPLIANCE retention of the profile's
 * audit retention, as infra/constructs/audit-digests.ts does in AWS; a restart finds it and sets the
 * retention again (which S3 lets only lengthen what an object already has).
 */
export async function createAuditDigestBucket(endpoint: string, retentionDays: number): Promise<void> {
  const client = new S3Client({ ...localClientConfig, endpoint, forcePathStyle: true });
  try {
    await client
      .send(new CreateBucketCommand({ Bucket: localAuditDigestBucket, ObjectLockEnabledForBucket: true }))
      .catch((error: unknown) => {
        if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
      });
    await client.send(
      new PutObjectLockConfigurationCommand({
        Bucket: localAuditDigestBucket,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: retentionDays } },
        },
      }),
    );
  } finally {
    client.destroy();
  }
}

/** Creates or updates every state machine of shared/workflows.ts with its tasks bound to local functions. */
export async function createStateMachines(
  endpoint: string,
  repositoryRoot: string,
): Promise<Record<WorkflowKey, string>> {
  const client = new SFNClient({ ...localClientConfig, endpoint });
  try {
    const arns = {} as Record<WorkflowKey, string>;
    const { stateMachines = [] } = await client.send(new ListStateMachinesCommand({}));
    for (const [key, workflow] of Object.entries(workflows) as Array<[WorkflowKey, WorkflowDefinition]>) {
      const template = readDefinition(workflow, repositoryRoot);
      const substitutions = Object.fromEntries(
        Object.entries(workflow.tasks).map(([placeholder, task]) => [
          placeholder,
          localFunctionArn(functionNameOf(task.module), region, accountId),
        ]),
      );
      const definition = renderDefinition(workflow.name, template, substitutions);
      const roleArn = `arn:aws:iam::${accountId}:role/${workflow.name}`;
      const existing = stateMachines.find((machine) => machine.name === workflow.name);
      if (existing?.stateMachineArn) {
        await client.send(
          new UpdateStateMachineCommand({ stateMachineArn: existing.stateMachineArn, definition, roleArn }),
        );
        arns[key] = existing.stateMachineArn;
        continue;
      }
      try {
        const created = await client.send(
          new CreateStateMachineCommand({ name: workflow.name, definition, roleArn, type: 'STANDARD' }),
        );
        arns[key] = created.stateMachineArn!;
      } catch (error) {
        if (!(error instanceof StateMachineAlreadyExists)) throw error;
      }
    }
    return arns;
  } finally {
    client.destroy();
  }
}
