import { unknownOperation } from '../errors.ts';
import { inputs, type Input, type OperationName } from '../model.ts';
import type { StructureShape } from '../shapes.ts';
import type { Handler } from './context.ts';
import { getRandomPassword } from './random-password.ts';
import { cancelRotateSecret, rotateSecret } from './rotation.ts';
import { createSecret, deleteSecret, restoreSecret, updateSecret } from './secret-lifecycle.ts';
import { describeSecret, listSecrets } from './secret-metadata.ts';
import { getSecretValue, listSecretVersionIds, putSecretValue } from './secret-values.ts';
import { updateSecretVersionStage } from './staging-labels.ts';
import { tagResource, untagResource } from './tagging.ts';

const TARGET_PREFIX = 'secretsmanager.';

const handlers: { [O in OperationName]: Handler<Input<O>> } = {
  CreateSecret: createSecret,
  GetSecretValue: getSecretValue,
  PutSecretValue: putSecretValue,
  UpdateSecretVersionStage: updateSecretVersionStage,
  DescribeSecret: describeSecret,
  ListSecrets: listSecrets,
  ListSecretVersionIds: listSecretVersionIds,
  RotateSecret: rotateSecret,
  CancelRotateSecret: cancelRotateSecret,
  GetRandomPassword: getRandomPassword,
  DeleteSecret: deleteSecret,
  RestoreSecret: restoreSecret,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateSecret: updateSecret,
};

/** Real Secrets Manager operations this emulator does not serve; they get a message saying so. */
const NOT_SERVED = new Set([
  'BatchGetSecretValue',
  'DeleteResourcePolicy',
  'GetResourcePolicy',
  'PutResourcePolicy',
  'ValidateResourcePolicy',
  'ReplicateSecretToRegions',
  'RemoveRegionsFromReplication',
  'StopReplicationToReplica',
]);

/** The operation an `X-Amz-Target` header names; UnknownOperationException otherwise, as AWS answers. */
export function operationFor(target: string | undefined): {
  name: OperationName;
  input: StructureShape;
  handle: Handler<unknown>;
} {
  const name = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
  if (name !== undefined && Object.hasOwn(handlers, name)) {
    const operation = name as OperationName;
    return { name: operation, input: inputs[operation], handle: handlers[operation] as Handler<unknown> };
  }
  if (name !== undefined && NOT_SERVED.has(name))
    throw unknownOperation(`${name} is not implemented by the local Secrets Manager.`);
  throw unknownOperation();
}
