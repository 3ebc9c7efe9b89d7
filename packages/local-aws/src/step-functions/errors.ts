/**
 * The errors the Step Functions API answers with. Types are unprefixed (`ExecutionDoesNotExist`) and
 * messages follow the service's wording, so SDK error classes (`instanceof ExecutionDoesNotExist`),
 * the CLI and code that matches on `name` behave as they do against AWS. Messages never carry
 * execution data or task tokens.
 */
export { AwsJsonError as SfnError } from '../aws-json-error.ts';
import { AwsJsonError as SfnError } from '../aws-json-error.ts';

/** A model constraint failed; `violations` are already in the service's "Value ... at '...'" form. */
export const validationFailed = (violations: readonly string[]) =>
  new SfnError(
    'ValidationException',
    `${violations.length} validation error${violations.length === 1 ? '' : 's'} detected: ${violations.join('; ')}`,
  );

/** A required member is absent, in the wording AWS's request validation uses. */
export const missingMember = (member: string) =>
  validationFailed([`Value null at '${member}' failed to satisfy constraint: Member must not be null`]);

/** An ARN that is malformed or names the wrong kind of resource. */
export const invalidArn = (arn: string) => new SfnError('InvalidArn', `Invalid Arn: '${arn}'`);

/** A state machine or execution name outside the allowed characters or length. */
export const invalidName = (name: string) => new SfnError('InvalidName', `Invalid Name: '${name}'`);

/** No state machine has this ARN (here: in this account and region). */
export const stateMachineDoesNotExist = (arn: string) =>
  new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);

/** No execution has this ARN; AWS names the ARN in the message, so do we. */
export const executionDoesNotExist = (arn: string) =>
  new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);

/** The definition is not JSON, fails the ASL validator, or uses what the local runtime cannot run. */
export const invalidDefinition = (problems: string) =>
  new SfnError('InvalidDefinition', `Invalid State Machine Definition: '${problems}'`);

/** A nextToken this server did not hand out, or one for a different request. */
export const invalidPageToken = () => new SfnError('InvalidToken', 'Invalid Token: the nextToken is not valid');

/** The body is not JSON, or a member has the wrong JSON type. */
export const serialization = (message: string) => new SfnError('SerializationException', message);

/** A target that is not a Step Functions operation; AWS sends the bare type with no message. */
export const unknownOperation = () => new SfnError('UnknownOperationException', undefined);

/** Our own failure (a bug, a disk error): the caller gets AWS's 500 and the detail goes to stderr. */
export const internalFailure = () => new SfnError('InternalFailure', 'An internal error occurred.', 500);
