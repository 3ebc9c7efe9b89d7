/**
 * The Step Functions operations this runtime answers, from request members to response members.
 * Member names, defaults and errors follow the API reference; timestamps leave here as
 * awsJson1_0 epoch seconds. Members with no value are left out, as AWS leaves them out.
 */
import { assertStateMachineArn, assertValidName, type StateMachineType } from './arns.ts';
import { invalidArn, missingMember, serialization, SfnError, validationFailed } from './errors.ts';
import { parseDefinition } from './definition.ts';
import type { Execution } from './execution.ts';
import type { ExecutionStore } from './executions.ts';
import { historyEventToWire } from './history.ts';
import { page } from './pagination.ts';
import { redriveStatusOf } from './redrive.ts';
import type { StateMachineRecord, StateMachineRegistry } from './state-machines.ts';

type Input = Record<string, unknown>;
/** An operation takes the parsed request body and returns the response body, or throws an SfnError. */
export type Operation = (input: Input) => Record<string, unknown>;

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

function optionalString(input: Input, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serialization(`Expected a string for '${member}'`);
  return value;
}

function requiredString(input: Input, member: string): string {
  const value = optionalString(input, member);
  if (value === undefined) throw missingMember(member);
  if (value === '')
    throw validationFailed([
      `Value '' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    ]);
  return value;
}

function optionalObject(input: Input, member: string): Record<string, unknown> | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw serialization(`Expected a structure for '${member}'`);
  return value as Record<string, unknown>;
}

function optionalBoolean(input: Input, member: string): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw serialization(`Expected a boolean for '${member}'`);
  return value;
}

function stateMachineType(input: Input): StateMachineType {
  const type = optionalString(input, 'type') ?? 'STANDARD';
  if (type !== 'STANDARD' && type !== 'EXPRESS') {
    throw validationFailed([
      `Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
    ]);
  }
  return type;
}

function roleArn(input: Input, required: boolean): string | undefined {
  const arn = required ? requiredString(input, 'roleArn') : optionalString(input, 'roleArn');
  if (arn !== undefined && !/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(arn)) throw invalidArn(arn);
  return arn;
}

function stateMachineArnOf(input: Input): string {
  const arn = requiredString(input, 'stateMachineArn');
  assertStateMachineArn(arn);
  return arn;
}

function describeStateMachine(record: StateMachineRecord): Record<string, unknown> {
  return {
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: 'ACTIVE',
    definition: record.definition,
    roleArn: record.roleArn,
    type: record.type,
    creationDate: seconds(record.creationDate),
    loggingConfiguration: record.loggingConfiguration,
    tracingConfiguration: record.tracingConfiguration,
    description: record.description,
    revisionId: record.revisionId,
  };
}

function describeExecution(execution: Execution, includeData: boolean): Record<string, unknown> {
  const { record } = execution;
  const hasOutput = record.output !== undefined;
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: seconds(record.startDate),
    stopDate: seconds(record.stopDate),
    input: includeData ? record.input : undefined,
    inputDetails: { included: includeData },
    output: includeData ? record.output : undefined,
    outputDetails: hasOutput ? { included: includeData } : undefined,
    error: record.error,
    cause: record.cause,
    traceHeader: record.traceHeader,
    redriveCount: record.redriveCount ?? 0,
    redriveDate: seconds(record.redriveDate),
    ...redriveStatusOf(execution),
  };
}

const executionListItem = ({ record }: Execution) => ({
  executionArn: record.executionArn,
  stateMachineArn: record.stateMachineArn,
  name: record.name,
  status: record.status,
  startDate: seconds(record.startDate),
  stopDate: seconds(record.stopDate),
  redriveCount: record.redriveCount ?? 0,
  redriveDate: seconds(record.redriveDate),
});

/** The operations by their X-Amz-Target name; anything else is UnknownOperationException. */
export function createOperations(
  stateMachines: StateMachineRegistry,
  executions: ExecutionStore,
): Record<string, Operation> {
  return {
    CreateStateMachine(input) {
      const name = requiredString(input, 'name');
      assertValidName(name);
      const definition = requiredString(input, 'definition');
      const role = roleArn(input, true) as string;
      const type = stateMachineType(input);
      parseDefinition(definition);
      const record = stateMachines.create(name, {
        definition,
        roleArn: role,
        type,
        loggingConfiguration: optionalObject(input, 'loggingConfiguration'),
        tracingConfiguration: optionalObject(input, 'tracingConfiguration'),
        description: optionalString(input, 'versionDescription'),
        tags: Array.isArray(input.tags) ? input.tags : undefined,
      });
      return { stateMachineArn: record.stateMachineArn, creationDate: seconds(record.creationDate) };
    },

    UpdateStateMachine(input) {
      const arn = stateMachineArnOf(input);
      const definition = optionalString(input, 'definition');
      const role = roleArn(input, false);
      const loggingConfiguration = optionalObject(input, 'loggingConfiguration');
      const tracingConfiguration = optionalObject(input, 'tracingConfiguration');
      if (definition === undefined && role === undefined && !loggingConfiguration && !tracingConfiguration) {
        throw new SfnError(
          'MissingRequiredParameter',
          'Request is missing a required parameter. This error occurs if both definition and roleArn are not ' +
            'specified.',
        );
      }
      stateMachines.get(arn);
      if (definition !== undefined) parseDefinition(definition);
      const record = stateMachines.update(arn, {
        definition,
        roleArn: role,
        loggingConfiguration,
        tracingConfiguration,
      });
      return { updateDate: seconds(record.updateDate), revisionId: record.revisionId };
    },

    DescribeStateMachine(input) {
      return describeStateMachine(stateMachines.get(stateMachineArnOf(input)));
    },

    ListStateMachines(input) {
      const { items, nextToken } = page(
        stateMachines.list(),
        (record) => [record.creationDate, record.stateMachineArn],
        {
          maxResults: input.maxResults,
          nextToken: input.nextToken,
          scope: 'ListStateMachines',
        },
      );
      return {
        stateMachines: items.map((record) => ({
          stateMachineArn: record.stateMachineArn,
          name: record.name,
          type: record.type,
          creationDate: seconds(record.creationDate),
        })),
        nextToken,
      };
    },

    DeleteStateMachine(input) {
      stateMachines.delete(stateMachineArnOf(input));
      return {};
    },

    StartExecution(input) {
      const stateMachine = stateMachines.get(stateMachineArnOf(input));
      const execution = executions.start(stateMachine, {
        name: optionalString(input, 'name'),
        input: optionalString(input, 'input'),
        traceHeader: optionalString(input, 'traceHeader'),
      });
      return { executionArn: execution.record.executionArn, startDate: seconds(execution.record.startDate) };
    },

    DescribeExecution(input) {
      const execution = executions.get(requiredString(input, 'executionArn'));
      return describeExecution(execution, optionalString(input, 'includedData') !== 'METADATA_ONLY');
    },

    DescribeStateMachineForExecution(input) {
      const { record } = executions.get(requiredString(input, 'executionArn'));
      return {
        stateMachineArn: record.stateMachineArn,
        name: record.stateMachineName,
        definition: record.stateMachine.definition,
        roleArn: record.stateMachine.roleArn,
        updateDate: seconds(record.startDate),
        loggingConfiguration: record.stateMachine.loggingConfiguration,
        tracingConfiguration: record.stateMachine.tracingConfiguration,
        revisionId: record.stateMachine.revisionId,
      };
    },

    ListExecutions(input) {
      const arn = stateMachineArnOf(input);
      stateMachines.get(arn);
      const statusFilter = optionalString(input, 'statusFilter');
      // Newest first, as AWS lists them.
      const { items, nextToken } = page(
        executions.of(arn, statusFilter),
        ({ record }) => [-record.startDate, record.executionArn],
        {
          maxResults: input.maxResults,
          nextToken: input.nextToken,
          scope: `ListExecutions ${arn} ${statusFilter ?? ''}`,
        },
      );
      return { executions: items.map(executionListItem), nextToken };
    },

    GetExecutionHistory(input) {
      const execution = executions.get(requiredString(input, 'executionArn'));
      const reverseOrder = optionalBoolean(input, 'reverseOrder') ?? false;
      const includeExecutionData = optionalBoolean(input, 'includeExecutionData') ?? true;
      const { items, nextToken } = page(
        execution.history.events,
        (event) => [reverseOrder ? -event.id : event.id, ''],
        {
          maxResults: input.maxResults,
          nextToken: input.nextToken,
          scope: `GetExecutionHistory ${execution.record.executionArn} ${reverseOrder}`,
        },
      );
      return { events: items.map((event) => historyEventToWire(event, includeExecutionData)), nextToken };
    },

    StopExecution(input) {
      const execution = executions.get(requiredString(input, 'executionArn'));
      execution.abort(optionalString(input, 'error'), optionalString(input, 'cause'));
      return { stopDate: seconds(execution.record.stopDate) };
    },

    RedriveExecution(input) {
      const arn = requiredString(input, 'executionArn');
      return { redriveDate: seconds(executions.redrive(arn, optionalString(input, 'clientToken'))) };
    },

    SendTaskSuccess(input) {
      const token = requiredString(input, 'taskToken');
      const outputText = optionalString(input, 'output');
      if (outputText === undefined) throw missingMember('output');
      let output: unknown;
      try {
        output = JSON.parse(outputText);
      } catch (error) {
        throw new SfnError('InvalidOutput', `Invalid Output: '${(error as Error).message}'`);
      }
      executions.tokens.find(token).succeed(output);
      return {};
    },

    SendTaskFailure(input) {
      const token = requiredString(input, 'taskToken');
      executions.tokens.find(token).fail(optionalString(input, 'error'), optionalString(input, 'cause'));
      return {};
    },

    SendTaskHeartbeat(input) {
      executions.tokens.find(requiredString(input, 'taskToken')).heartbeat();
      return {};
    },
  };
}
