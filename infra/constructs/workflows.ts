/**
 * The state machines of shared/workflows.ts, in one nested stack with their roles, log groups and
 * alarms. Each ASL file goes into the template as written (Retry markers expanded by
 * shared/workflow-definitions.ts, the loader the local runtime uses too), with DefinitionSubstitutions
 * for the task functions' ARNs, so the definition stays readable there and checkSubstitutions fails synth
 * on a missing or unused placeholder. Machines have fixed names and functions get their ARNs from
 * those names, never from the machines: a task function may start or call back the machine that
 * invokes it without a dependency cycle (the task functions live in the capability stacks; this
 * stack depends on them, never the other way round).
 */
import { Aws, NestedStack, type NestedStackProps } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { readDefinition } from '../../shared/workflow-definitions.ts';
import { checkSubstitutions, type WorkflowDefinition } from '../../shared/workflows.ts';
import { repositoryRoot } from '../lambda-defaults.ts';
import { acknowledge } from '../nag.ts';
import { encryptedLogGroup } from './logs.ts';
import { workflowAlarms, type Monitoring } from './monitoring.ts';
import { stateMachineArnOf, stateMachineNameOf } from './state-machine-names.ts';

/** The only task integrations the machine's role is granted: Lambda, request-response or callback. */
const lambdaIntegrations = new Set([
  'arn:aws:states:::lambda:invoke',
  'arn:aws:states:::lambda:invoke.waitForTaskToken',
]);
const placeholderOnly = /^\$\{[A-Za-z][A-Za-z0-9]*\}$/;

type AslState = {
  Type?: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  Arguments?: Record<string, unknown>;
  Branches?: AslMachine[];
  ItemProcessor?: AslMachine;
  Iterator?: AslMachine;
};
type AslMachine = { States?: Record<string, AslState> };

function* taskStates(machine: AslMachine): Generator<[string, AslState]> {
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    if (state.Type === 'Task') yield [name, state];
    for (const branch of state.Branches ?? []) yield* taskStates(branch);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) yield* taskStates(processor);
  }
}

/**
 * The ASL of `workflow`, refused unless its placeholders are exactly `placeholders` and every Task
 * is a synchronous or callback Lambda invocation of a placeholder's function: anything else would
 * need IAM permissions this construct does not grant, and would fail only at run time.
 */
export function loadDefinition(
  workflow: WorkflowDefinition,
  placeholders: Iterable<string>,
  root: string = repositoryRoot,
): string {
  const definition = readDefinition(workflow, root);
  checkSubstitutions(workflow.name, definition, placeholders);
  let machine: AslMachine;
  try {
    machine = JSON.parse(definition) as AslMachine;
  } catch (error) {
    throw new Error(`Workflow ${workflow.name}: ${workflow.file} is not valid JSON (${(error as Error).message}).`);
  }
  for (const [name, state] of taskStates(machine)) {
    const resource = state.Resource ?? '';
    if (placeholderOnly.test(resource)) continue;
    const parameters = state.Parameters ?? state.Arguments ?? {};
    if (
      !lambdaIntegrations.has(resource) ||
      typeof parameters.FunctionName !== 'string' ||
      !placeholderOnly.test(parameters.FunctionName)
    ) {
      throw new Error(
        `Workflow ${workflow.name}: state "${name}" must invoke a task function through a placeholder ` +
          `(Resource "\${…}" or ${[...lambdaIntegrations].join(' / ')} with FunctionName "\${…}"); ` +
          `found Resource "${resource}".`,
      );
    }
    // A dead-letter queue is deliberately absent because no invocation is asynchronous (infra/nag.ts).
    if (parameters.InvocationType === 'Event') {
      throw new Error(
        `Workflow ${workflow.name}: state "${name}" invokes its function asynchronously ` +
          '(InvocationType Event); use .waitForTaskToken instead.',
      );
    }
  }
  return definition;
}

export interface WorkflowsProps extends NestedStackProps {
  catalogue: Record<string, WorkflowDefinition>;
  functions: ReadonlyMap<string, IFunction>;
  logsKey: IKey;
  monitoring: Monitoring;
}

/** The workflows' nested stack: one STANDARD state machine per catalogue entry, by key, each with its alarms. */
export class Workflows extends NestedStack {
  readonly machines: Record<string, StateMachine> = {};

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id, props);
    for (const [key, workflow] of Object.entries(props.catalogue)) {
      const machine = this.machine(workflow, props);
      workflowAlarms(props.monitoring, machine.node.scope as Construct, workflow, machine);
      this.machines[key] = machine;
    }
  }

  private machine(workflow: WorkflowDefinition, props: WorkflowsProps): StateMachine {
    const name = stateMachineNameOf(this, workflow);
    const functionOf = (module: string): IFunction => {
      const fn = props.functions.get(module);
      if (!fn) throw new Error(`Workflow ${workflow.name}: no function for task module ${module}.`);
      return fn;
    };
    const substitutions = Object.fromEntries(
      Object.entries(workflow.tasks).map(([placeholder, task]) => [placeholder, functionOf(task.module).functionArn]),
    );
    const definition = loadDefinition(workflow, Object.keys(substitutions));

    const scope = new Construct(this, workflow.name);
    const logGroup = encryptedLogGroup(scope, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${name}`,
      encryptionKey: props.logsKey,
    });
    const policy = new ManagedPolicy(scope, 'Policy', {
      description: `What state machine ${name} may do: invoke its task functions, deliver logs and traces.`,
      statements: [
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [...new Set(Object.values(substitutions))],
        }),
        new PolicyStatement({
          actions: [
            'logs:CreateLogDelivery',
            'logs:GetLogDelivery',
            'logs:UpdateLogDelivery',
            'logs:DeleteLogDelivery',
            'logs:ListLogDeliveries',
            'logs:PutResourcePolicy',
            'logs:DescribeResourcePolicies',
            'logs:DescribeLogGroups',
          ],
          resources: ['*'],
        }),
        new PolicyStatement({
          actions: [
            'xray:PutTraceSegments',
            'xray:PutTelemetryRecords',
            'xray:GetSamplingRules',
            'xray:GetSamplingTargets',
          ],
          resources: ['*'],
        }),
      ],
    });
    acknowledge(policy, 'stateMachineTelemetry', 'Resource::*');
    const role = new Role(scope, 'Role', {
      // Only this account's machine of this name may assume it (confused-deputy protection).
      assumedBy: new ServicePrincipal('states.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': stateMachineArnOf(this, workflow) },
      }),
      description: `Execution role of state machine ${name}.`,
      managedPolicies: [policy],
    });

    return new StateMachine(scope, 'StateMachine', {
      stateMachineName: name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(definition),
      definitionSubstitutions: substitutions,
      // As for functions: every permission is in the managed policy, none in an inline one.
      role: role.withoutPolicyUpdates(),
      // Execution data holds names and e-mail addresses of staff; the history in Step Functions keeps it,
      // the logs do not.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });
  }
}
