/**
 * ARNs and names as Step Functions forms and checks them. Lookups go by the full ARN string, so an
 * ARN for another region or account is simply "does not exist", as it would be in this account.
 */
import { randomUUID } from 'node:crypto';
import { invalidArn, invalidName } from './errors.ts';

/** The account and region every ARN of this endpoint is in. */
export interface ArnScope {
  region: string;
  accountId: string;
}

/** Express executions differ here only in their ARN and in not being idempotent by name. */
export type StateMachineType = 'STANDARD' | 'EXPRESS';

// AWS: 1-80 characters, none of whitespace, < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : / or control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: AWS's names exclude control characters; this names them.
const NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/u;

/** Throws InvalidName for a state machine or execution name AWS would refuse. */
export function assertValidName(name: string): void {
  if (!NAME.test(name)) throw invalidName(name);
}

/** A state machine's ARN is derived from its name, so creating a name twice meets the same ARN. */
export const stateMachineArn = (scope: ArnScope, name: string) =>
  `arn:aws:states:${scope.region}:${scope.accountId}:stateMachine:${name}`;

/** Express executions get AWS's `express:` form, whose trailing id makes every start unique. */
export function executionArn(scope: ArnScope, stateMachineName: string, name: string, type: StateMachineType): string {
  return type === 'EXPRESS'
    ? `arn:aws:states:${scope.region}:${scope.accountId}:express:${stateMachineName}:${name}:${randomUUID()}`
    : `arn:aws:states:${scope.region}:${scope.accountId}:execution:${stateMachineName}:${name}`;
}

const ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:(stateMachine|execution|express):(.+)$/;

/** Throws InvalidArn unless `arn` is a state machine ARN (version and alias qualifiers are not modelled). */
export function assertStateMachineArn(arn: string): void {
  const match = ARN.exec(arn);
  if (match?.[1] !== 'stateMachine' || match[2]?.includes(':')) throw invalidArn(arn);
}

/** Throws InvalidArn unless `arn` is a standard or express execution ARN. */
export function assertExecutionArn(arn: string): void {
  const match = ARN.exec(arn);
  if (!match || match[1] === 'stateMachine' || !match[2]?.includes(':')) throw invalidArn(arn);
}
