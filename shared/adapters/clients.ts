/**
 * AWS SDK clients, created once per process and reused across invocations. Endpoints come from the
 * SDK's standard configuration: in AWS the defaults, locally `AWS_ENDPOINT_URL_<SERVICE>` set by
 * local/function-environment.ts. Nothing here knows which of the two it is. Tracing is Lambda's own
 * active tracing (docs/tracing.md); the SDK passes the invocation's trace header on to the services
 * it calls (its recursion-detection middleware), so a workflow a function starts joins its trace.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// Calls of `once` are marked pure so that esbuild drops a client no code of the function uses:
// otherwise every bundle carries every SDK client (four weighed about 100 KB) whatever it calls.
const once = <T>(create: () => T): (() => T) => {
  let instance: T | undefined;
  return () => (instance ??= create());
};

export const dynamo = /* @__PURE__ */ once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3 }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);
export const secrets = /* @__PURE__ */ once(() => new SecretsManagerClient({ maxAttempts: 3 }));
export const stepFunctions = /* @__PURE__ */ once(() => new SFNClient({ maxAttempts: 3 }));
export const email = /* @__PURE__ */ once(() => new SESv2Client({ maxAttempts: 3 }));
export const kms = /* @__PURE__ */ once(() => new KMSClient({ maxAttempts: 3 }));
export const s3 = /* @__PURE__ */ once(() => new S3Client({ maxAttempts: 3 }));
