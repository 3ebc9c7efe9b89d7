/**
 * A function's declared access (shared/access.ts) as IAM statements: least privilege by
 * construction, explicit actions only, and every wildcard AWS forces on us named so it can be
 * acknowledged one finding at a time.
 *
 * Two grants follow from a declaration rather than being declared (impliedAccess):
 * - `sendEmail` implies the mail dead-letter queue: shared/adapters/mailer.ts hands a message SES
 *   still refuses after every retry to outbox.ts, which seals it (sealed.ts, a key derived from the
 *   mail sealing key secret, never the HMAC key) and puts it in the `outbox` table. So every sender
 *   may read the sealing key and PutItem into the outbox, and nothing more there: reading, updating
 *   and deleting queued mail stays with the redelivery job, which declares `outbox: readwrite`.
 * - A Secrets Manager rotation function (a trigger invoked by secretsmanager.amazonaws.com)
 *   generates the new version's value with secretsmanager:GetRandomPassword.
 *
 * What each secrets kind allows, from the calls shared/adapters/vault.ts makes for it:
 * - `credentials-read`:   GetSecretValue (readCredential), DescribeSecret.
 * - `credentials-write`:  PutSecretValue (writeCredential), UpdateSecretVersionStage (the staging
 *                         labels: a rotation's finishSecret takes AWSPENDING off, confirming moves
 *                         AWSCURRENT, cancelling takes OA_PENDING off), DescribeSecret.
 * - `credentials-create`: CreateSecret and its TagResource (createCredentialSecret, which creates the
 *                         secret empty), DescribeSecret; provisioning needs no more, so it can put no
 *                         value into any secret.
 * - `credentials-rotate`: RotateSecret (startRotation), DescribeSecret, and lambda:InvokeFunction on
 *                         the rotation function, which RotateSecret requires of its caller.
 * - `hmac-key`:           GetSecretValue on the HMAC key secret (fingerprints.ts).
 */
import { Aws } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { FunctionAccess } from '../../shared/access.ts';
import { tables, type TableKey } from '../../shared/tables.ts';
import type { AcknowledgmentKey } from '../nag.ts';
import { credentialsSecretTagKey } from './secrets.ts';

/** The resources a declared access can point at. */
export interface AccessTargets {
  tables: Record<TableKey, ITable>;
  tablesKey: IKey;
  hmacKey: ISecret;
  mailSealingKey: ISecret;
  /** Encrypts both the HMAC key and the mail sealing key secrets. */
  hmacKeyEncryptionKey: IKey;
  /** The identity provider's SCIM bearer secret (encrypted with the HMAC key's key). */
  scimToken: ISecret;
  credentialsKey: IKey;
  credentialsSecretArnPattern: string;
  /** By workflow key: the state machine's ARN and the pattern of its executions' ARNs. */
  workflows: Record<string, { stateMachineArn: string; executionArnPattern: string }>;
  email: { senderAddress: string; identityArn: string; configurationSetArn: string };
  /** The Secrets Manager rotation function (shared/triggers.ts rotateSecret), from its fixed name. */
  rotationFunctionArn: string;
  /** The asymmetric key that signs the audit digests (issue 21.2). */
  auditSigningKey: IKey;
  /** The digests' bucket (S3 Object Lock, compliance mode), by its fixed ARN, and the key it encrypts them with. */
  auditDigests: { bucketArn: string; key: IKey };
}

/** What infra knows about a function beyond its declarations. */
export interface FunctionRole {
  /** Invoked by Secrets Manager to rotate a secret. */
  rotationFunction?: boolean;
}

/** A statement and, when AWS leaves no choice but a wildcard resource, why that is acceptable. */
export interface AccessStatement {
  statement: PolicyStatement;
  wildcard?: AcknowledgmentKey;
}

const tableRead = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
// Transactions need no actions of their own: IAM authorizes each item of TransactWriteItems as the
// Put/Update/Delete/ConditionCheck it is.
const tableWrite = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
/** The account tag must be present (Null: false) on the secret, or in the request that creates or tags it. */
const tagCondition = (prefix: 'aws:RequestTag' | 'aws:ResourceTag') => ({
  Null: { [`${prefix}/${credentialsSecretTagKey}`]: 'false' },
});
const viaService = (service: string) => ({ 'kms:ViaService': `${service}.${Aws.REGION}.amazonaws.com` });

/** A declaration with what it implies (see the file comment), as the statements below consume it. */
interface ImpliedAccess {
  tables: Partial<Record<TableKey, 'read' | 'readwrite'>>;
  /** Tables the function may only PutItem into, beyond what `tables` allows. */
  append: Set<TableKey>;
  secrets: Set<NonNullable<FunctionAccess['secrets']>[number]>;
  /** Seals or opens queued mail: implied by sendEmail. */
  sealsMail: boolean;
  generatesPasswords: boolean;
}

/** The declaration plus what it implies. */
function impliedAccess(access: FunctionAccess, role: FunctionRole): ImpliedAccess {
  const tables = { ...access.tables };
  const append = new Set<TableKey>();
  const secrets = new Set(access.secrets ?? []);
  if (access.sendEmail && tables.outbox !== 'readwrite') append.add('outbox');
  return {
    tables,
    append,
    secrets,
    sealsMail: access.sendEmail ?? false,
    generatesPasswords: role.rotationFunction ?? false,
  };
}

function tableStatements(implied: ImpliedAccess, targets: AccessTargets): AccessStatement[] {
  const entries = Object.entries(implied.tables) as Array<[TableKey, 'read' | 'readwrite']>;
  if (entries.length === 0 && implied.append.size === 0) return [];
  const arnsOf = (key: TableKey) => [
    targets.tables[key].tableArn,
    ...tables[key].indexes.map((index) => `${targets.tables[key].tableArn}/index/${index.name}`),
  ];
  const read = entries.filter(([, mode]) => mode === 'read').flatMap(([key]) => arnsOf(key));
  const readWrite = entries.filter(([, mode]) => mode === 'readwrite').flatMap(([key]) => arnsOf(key));
  // Items only: PutItem never touches an index.
  const append = [...implied.append].map((key) => targets.tables[key].tableArn);
  const statements: AccessStatement[] = [];
  if (read.length > 0) statements.push({ statement: new PolicyStatement({ actions: tableRead, resources: read }) });
  if (readWrite.length > 0)
    statements.push({
      statement: new PolicyStatement({ actions: [...tableRead, ...tableWrite], resources: readWrite }),
    });
  if (append.length > 0)
    statements.push({ statement: new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: append }) });
  // Tables share one key; DynamoDB uses it on the caller's behalf, and only DynamoDB may.
  const writes = readWrite.length > 0 || append.length > 0;
  const keyActions = writes
    ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo']
    : ['kms:Decrypt', 'kms:DescribeKey'];
  statements.push({
    statement: new PolicyStatement({
      actions: keyActions,
      resources: [targets.tablesKey.keyArn],
      conditions: { StringEquals: viaService('dynamodb') },
    }),
  });
  return statements;
}

function secretStatements(implied: ImpliedAccess, targets: AccessTargets): AccessStatement[] {
  const { secrets } = implied;
  const statements: AccessStatement[] = [];
  const readable = [
    ...(secrets.has('hmac-key') ? [targets.hmacKey.secretArn] : []),
    ...(implied.sealsMail ? [targets.mailSealingKey.secretArn] : []),
  ];
  if (readable.length > 0) {
    statements.push(
      { statement: new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: readable }) },
      {
        statement: new PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [targets.hmacKeyEncryptionKey.keyArn],
          conditions: {
            StringEquals: viaService('secretsmanager'),
            ArnEquals: { 'kms:EncryptionContext:SecretARN': readable.length === 1 ? readable[0]! : readable },
          },
        }),
      },
    );
  }
  if (secrets.has('scim-token')) {
    statements.push(
      {
        statement: new PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          resources: [targets.scimToken.secretArn],
        }),
      },
      {
        statement: new PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [targets.hmacKeyEncryptionKey.keyArn],
          conditions: {
            StringEquals: viaService('secretsmanager'),
            ArnEquals: { 'kms:EncryptionContext:SecretARN': targets.scimToken.secretArn },
          },
        }),
      },
    );
  }
  if (implied.generatesPasswords) {
    statements.push({
      statement: new PolicyStatement({ actions: ['secretsmanager:GetRandomPassword'], resources: ['*'] }),
      wildcard: 'passwordGeneration',
    });
  }
  const read = secrets.has('credentials-read');
  const write = secrets.has('credentials-write');
  const create = secrets.has('credentials-create');
  const rotate = secrets.has('credentials-rotate');
  if (!read && !write && !create && !rotate) return statements;

  const pattern = targets.credentialsSecretArnPattern;
  const existingSecretActions = [
    'secretsmanager:DescribeSecret',
    ...(read ? ['secretsmanager:GetSecretValue'] : []),
    ...(write ? ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'] : []),
  ];
  statements.push({
    statement: new PolicyStatement({
      actions: existingSecretActions,
      resources: [pattern],
      conditions: tagCondition('aws:ResourceTag'),
    }),
    wildcard: 'credentialSecrets',
  });
  if (create) {
    statements.push(
      {
        // A new secret must carry the tag and name the credentials key, or it would fall back to the AWS-managed key.
        statement: new PolicyStatement({
          actions: ['secretsmanager:CreateSecret'],
          resources: [pattern],
          conditions: {
            ...tagCondition('aws:RequestTag'),
            StringEquals: { 'secretsmanager:KmsKeyId': targets.credentialsKey.keyArn },
          },
        }),
        wildcard: 'credentialSecrets',
      },
      {
        // CreateSecret with Tags is also authorized as TagResource.
        statement: new PolicyStatement({
          actions: ['secretsmanager:TagResource'],
          resources: [pattern],
          conditions: tagCondition('aws:RequestTag'),
        }),
        wildcard: 'credentialSecrets',
      },
    );
  }
  if (rotate) {
    statements.push(
      {
        // Only ever with this app's rotation function (startRotation always names it).
        statement: new PolicyStatement({
          actions: ['secretsmanager:RotateSecret'],
          resources: [pattern],
          conditions: {
            ...tagCondition('aws:ResourceTag'),
            ArnEquals: { 'secretsmanager:RotationLambdaARN': targets.rotationFunctionArn },
          },
        }),
        wildcard: 'credentialSecrets',
      },
      // RotateSecret requires its caller to be allowed to invoke the rotation function it names.
      {
        statement: new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [targets.rotationFunctionArn],
        }),
      },
    );
  }
  // Secrets Manager encrypts with GenerateDataKey and decrypts with Decrypt; it never calls Encrypt. RotateSecret needs
  // neither.
  if (read || write || create) {
    statements.push({
      statement: new PolicyStatement({
        actions: write || create ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
        resources: [targets.credentialsKey.keyArn],
        conditions: {
          StringEquals: viaService('secretsmanager'),
          ArnLike: { 'kms:EncryptionContext:SecretARN': pattern },
        },
      }),
    });
  }
  return statements;
}

function workflowStatements(
  owner: string,
  declared: FunctionAccess['workflows'],
  targets: AccessTargets,
): AccessStatement[] {
  const statements: AccessStatement[] = [];
  let callback = false;
  for (const [key, operations] of Object.entries(declared ?? {})) {
    const workflow = targets.workflows[key];
    if (!workflow)
      throw new Error(`${owner} declares access to workflow "${key}", which shared/workflows.ts does not define.`);
    const ops = new Set(operations);
    if (ops.has('start'))
      statements.push({
        statement: new PolicyStatement({ actions: ['states:StartExecution'], resources: [workflow.stateMachineArn] }),
      });
    if (ops.has('read')) {
      statements.push(
        {
          statement: new PolicyStatement({ actions: ['states:ListExecutions'], resources: [workflow.stateMachineArn] }),
        },
        {
          statement: new PolicyStatement({
            actions: ['states:DescribeExecution', 'states:GetExecutionHistory'],
            resources: [workflow.executionArnPattern],
          }),
          wildcard: 'workflowExecutions',
        },
      );
    }
    if (ops.has('redrive')) {
      statements.push({
        statement: new PolicyStatement({
          actions: ['states:RedriveExecution'],
          resources: [workflow.executionArnPattern],
        }),
        wildcard: 'workflowExecutions',
      });
    }
    callback ||= ops.has('callback');
  }
  if (callback) {
    statements.push({
      statement: new PolicyStatement({
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
        resources: ['*'],
      }),
      wildcard: 'taskTokenCallback',
    });
  }
  return statements;
}

function emailStatements(sendEmail: boolean | undefined, targets: AccessTargets): AccessStatement[] {
  if (!sendEmail) return [];
  return [
    {
      // Only from the configured sender, whichever address SES would otherwise accept for the domain.
      statement: new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [targets.email.identityArn, targets.email.configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': targets.email.senderAddress } },
      }),
    },
  ];
}

/**
 * The digest bucket: reading lists and gets every version (the verifier and bundles read the version
 * sealed first); writing adds PutObject with its retention (S3 requires s3:PutObjectRetention for a put
 * that carries one). Nothing grants s3:DeleteObject*, s3:BypassGovernanceRetention or any bucket setting.
 */
function digestStatements(mode: FunctionAccess['auditDigests'], targets: AccessTargets): AccessStatement[] {
  if (!mode) return [];
  const { bucketArn, key } = targets.auditDigests;
  const objects = `${bucketArn}/digests/*`;
  return [
    {
      statement: new PolicyStatement({
        actions: ['s3:ListBucket', 's3:ListBucketVersions'],
        resources: [bucketArn],
      }),
    },
    {
      statement: new PolicyStatement({
        actions: [
          's3:GetObject',
          's3:GetObjectVersion',
          ...(mode === 'write' ? ['s3:PutObject', 's3:PutObjectRetention'] : []),
        ],
        resources: [objects],
      }),
      wildcard: 'auditDigestObjects',
    },
    {
      // SSE-KMS: S3 uses the bucket's key on the caller's behalf, and only S3 may.
      statement: new PolicyStatement({
        actions: mode === 'write' ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringEquals: viaService('s3') },
      }),
    },
  ];
}

/** The statements that give `owner` (for error messages) exactly its declared access and what it implies. */
export function accessStatements(
  owner: string,
  access: FunctionAccess,
  targets: AccessTargets,
  role: FunctionRole = {},
): AccessStatement[] {
  const implied = impliedAccess(access, role);
  return [
    ...tableStatements(implied, targets),
    ...secretStatements(implied, targets),
    ...workflowStatements(owner, access.workflows, targets),
    ...emailStatements(access.sendEmail, targets),
    ...digestStatements(access.auditDigests, targets),
    ...(access.signAuditDigests
      ? [
          {
            // Sign, and read the public key the digests are verified with; never Verify-as-a-service or Decrypt.
            statement: new PolicyStatement({
              actions: ['kms:Sign', 'kms:GetPublicKey'],
              resources: [targets.auditSigningKey.keyArn],
            }),
          },
        ]
      : []),
  ];
}

/** The union of several declarations for one module (it may serve several routes or tasks). */
export function mergeAccess(declarations: readonly FunctionAccess[]): FunctionAccess {
  const merged: Required<Pick<FunctionAccess, 'sendEmail' | 'signAuditDigests'>> & {
    auditDigests?: 'read' | 'write';
    tables: Partial<Record<TableKey, 'read' | 'readwrite'>>;
    secrets: Set<NonNullable<FunctionAccess['secrets']>[number]>;
    workflows: Record<string, Set<'start' | 'callback' | 'read' | 'redrive'>>;
  } = { tables: {}, secrets: new Set(), workflows: {}, sendEmail: false, signAuditDigests: false };
  for (const access of declarations) {
    for (const [key, mode] of Object.entries(access.tables ?? {}) as Array<[TableKey, 'read' | 'readwrite']>) {
      merged.tables[key] = merged.tables[key] === 'readwrite' ? 'readwrite' : mode;
    }
    for (const secret of access.secrets ?? []) merged.secrets.add(secret);
    for (const [key, operations] of Object.entries(access.workflows ?? {})) {
      merged.workflows[key] ??= new Set();
      const set = merged.workflows[key];
      for (const operation of operations) set.add(operation);
    }
    merged.sendEmail ||= access.sendEmail ?? false;
    merged.signAuditDigests ||= access.signAuditDigests ?? false;
    if (access.auditDigests && merged.auditDigests !== 'write') merged.auditDigests = access.auditDigests;
  }
  return {
    tables: merged.tables,
    secrets: [...merged.secrets],
    workflows: Object.fromEntries(Object.entries(merged.workflows).map(([key, set]) => [key, [...set]])),
    sendEmail: merged.sendEmail,
    ...(merged.signAuditDigests ? { signAuditDigests: true } : {}),
    ...(merged.auditDigests ? { auditDigests: merged.auditDigests } : {}),
  };
}
