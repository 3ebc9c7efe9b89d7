/**
 * Input shapes of the operations this emulator serves, transcribed from the Secrets Manager
 * service model (2017-10-17): member names, required members, lengths, ranges, patterns, enums.
 * Members the model has but this emulator does not act on are listed when ignoring them would
 * silently change the outcome (replication); the rest are ignored, as the service ignores members
 * it does not know.
 */
import { blob, bool, int, list, long, str, struct, type Infer } from './shapes.ts';

const secretId = str({ min: 1, max: 2048 });
const clientRequestToken = str({ min: 32, max: 64 });
const versionId = str({ min: 32, max: 64 });
const versionStage = str({ min: 1, max: 256 });
const secretString = str({ min: 1, max: 65536, sensitive: true });
const secretBinary = blob({ min: 1, max: 65536, sensitive: true });
const description = str({ max: 2048 });
const kmsKeyId = str({ min: 0, max: 2048 });
const tags = list(struct({ Key: str({ min: 1, max: 128 }), Value: str({ min: 0, max: 256 }) }));
const maxResults = int({ min: 1, max: 100 });
const nextToken = str({ min: 1, max: 4096 });

const rotationRules = struct({
  AutomaticallyAfterDays: long({ min: 1, max: 1000 }),
  Duration: str({ min: 2, max: 3, pattern: '[0-9]+h' }),
  ScheduleExpression: str({ min: 1, max: 256, pattern: '[0-9A-Za-z\\(\\)#\\?\\*\\-\\/, ]+' }),
});

/** The rotation schedule as stored and as answered in DescribeSecret and ListSecrets. */
export type RotationRules = Infer<typeof rotationRules>;

/** One shape per operation, keyed by the `X-Amz-Target` operation name. */
export const inputs = {
  CreateSecret: struct(
    {
      Name: str({ min: 1, max: 512 }),
      ClientRequestToken: clientRequestToken,
      Description: description,
      KmsKeyId: kmsKeyId,
      SecretBinary: secretBinary,
      SecretString: secretString,
      Tags: tags,
      AddReplicaRegions: list(struct({ Region: str({ min: 1, max: 128 }), KmsKeyId: kmsKeyId }), { min: 1 }),
      ForceOverwriteReplicaSecret: bool(),
    },
    ['Name'],
  ),
  GetSecretValue: struct({ SecretId: secretId, VersionId: versionId, VersionStage: versionStage }, ['SecretId']),
  PutSecretValue: struct(
    {
      SecretId: secretId,
      ClientRequestToken: clientRequestToken,
      SecretBinary: secretBinary,
      SecretString: secretString,
      VersionStages: list(versionStage, { min: 1, max: 20 }),
      RotationToken: str({ min: 36, max: 256, pattern: '^[a-zA-Z0-9\\-]+$', sensitive: true }),
    },
    ['SecretId'],
  ),
  UpdateSecretVersionStage: struct(
    { SecretId: secretId, VersionStage: versionStage, RemoveFromVersionId: versionId, MoveToVersionId: versionId },
    ['SecretId', 'VersionStage'],
  ),
  DescribeSecret: struct({ SecretId: secretId }, ['SecretId']),
  ListSecrets: struct({
    IncludePlannedDeletion: bool(),
    MaxResults: maxResults,
    NextToken: nextToken,
    Filters: list(
      struct({
        Key: str({ enum: ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'] }),
        Values: list(str({ max: 512, pattern: '^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$' }), { min: 1, max: 10 }),
      }),
      { max: 10 },
    ),
    SortOrder: str({ enum: ['asc', 'desc'] }),
    SortBy: str({ enum: ['created-date', 'last-accessed-date', 'last-changed-date', 'name'] }),
  }),
  ListSecretVersionIds: struct(
    { SecretId: secretId, MaxResults: maxResults, NextToken: nextToken, IncludeDeprecated: bool() },
    ['SecretId'],
  ),
  RotateSecret: struct(
    {
      SecretId: secretId,
      ClientRequestToken: clientRequestToken,
      RotationLambdaARN: str({ min: 0, max: 2048 }),
      RotationRules: rotationRules,
      RotateImmediately: bool(),
    },
    ['SecretId'],
  ),
  CancelRotateSecret: struct({ SecretId: secretId }, ['SecretId']),
  GetRandomPassword: struct({
    PasswordLength: long({ min: 1, max: 4096 }),
    ExcludeCharacters: str({ min: 0, max: 4096 }),
    ExcludeNumbers: bool(),
    ExcludePunctuation: bool(),
    ExcludeUppercase: bool(),
    ExcludeLowercase: bool(),
    IncludeSpace: bool(),
    RequireEachIncludedType: bool(),
  }),
  DeleteSecret: struct({ SecretId: secretId, RecoveryWindowInDays: long(), ForceDeleteWithoutRecovery: bool() }, [
    'SecretId',
  ]),
  RestoreSecret: struct({ SecretId: secretId }, ['SecretId']),
  TagResource: struct({ SecretId: secretId, Tags: tags }, ['SecretId', 'Tags']),
  UntagResource: struct({ SecretId: secretId, TagKeys: list(str({ min: 1, max: 128 })) }, ['SecretId', 'TagKeys']),
  UpdateSecret: struct(
    {
      SecretId: secretId,
      ClientRequestToken: clientRequestToken,
      Description: description,
      KmsKeyId: kmsKeyId,
      SecretBinary: secretBinary,
      SecretString: secretString,
    },
    ['SecretId'],
  ),
};

/** The operations this emulator implements. */
export type OperationName = keyof typeof inputs;

/** The validated input of operation `O`. */
export type Input<O extends OperationName> = Infer<(typeof inputs)[O]>;
