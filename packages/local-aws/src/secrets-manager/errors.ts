/**
 * The errors Secrets Manager answers with. Types are unprefixed (`ResourceNotFoundException`, not
 * `com.amazon.coral...#`) and messages follow the service's wording, so SDK error classes and code
 * that matches on `name` or `message` behave as they do against AWS. No message ever carries a
 * secret value.
 */
export { AwsJsonError as ServiceError } from '../aws-json-error.ts';
import { AwsJsonError as ServiceError } from '../aws-json-error.ts';

/** The service's one answer for an id that resolves to no secret, whatever the operation. */
export const secretNotFound = () =>
  new ServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

/** A secret exists but the requested version or label has no value, or is not there. */
export const secretValueNotFound = (by: 'staging label' | 'VersionId', value: string) =>
  new ServiceError(
    'ResourceNotFoundException',
    `Secrets Manager can't find the specified secret value for ${by}: ${value}`,
  );

/** Every operation but Describe, ListSecretVersionIds, Restore and Delete refuses a secret scheduled for deletion. */
export const markedForDeletion = () =>
  new ServiceError(
    'InvalidRequestException',
    "You can't perform this operation on the secret because it was marked for deletion.",
  );

/** A value the model allows but the service rejects (bad name, conflicting parameters, wrong version id). */
export const invalidParameter = (message: string) => new ServiceError('InvalidParameterException', message);
/** A request the secret's current state does not allow (rotation in progress, name pending deletion). */
export const invalidRequest = (message: string) => new ServiceError('InvalidRequestException', message);
/** A name or ClientRequestToken already taken by something different. */
export const resourceExists = (message: string) => new ServiceError('ResourceExistsException', message);
/** A NextToken this emulator did not hand out. */
export const invalidNextToken = () => new ServiceError('InvalidNextTokenException', 'The NextToken value is invalid.');

/** A model constraint failed; `violations` are already in the service's "Value ... at '...'" form. */
export const validationFailed = (violations: readonly string[]) =>
  new ServiceError(
    'ValidationException',
    `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected: ${violations.join('; ')}`,
  );

/** The body is not JSON, or a member has the wrong JSON type. */
export const serialization = (message: string) => new ServiceError('SerializationException', message);

/** A target that is not a Secrets Manager operation; AWS sends the bare type with no message. */
export const unknownOperation = (message?: string) => new ServiceError('UnknownOperationException', message);
/** Our own failure (a bug, a disk error): the caller gets AWS's 500 and the detail goes to stderr. */
export const internalError = () =>
  new ServiceError('InternalServiceError', 'An error occurred on the server side.', 500);
