/**
 * State machines' names and ARNs, built from the deployment's stack name alone, so that any stack (the
 * workflows', a task function's, the monitoring's) can name a machine before it exists without
 * importing the construct that creates it.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { WorkflowDefinition } from '../../shared/workflows.ts';
import { deploymentStack } from '../lambda-defaults.ts';

/** `<deployed stack>-<workflow name>`: fixed, so ARNs can be built before the machine exists, from any stack. */
export const stateMachineNameOf = (scope: IConstruct, workflow: WorkflowDefinition): string =>
  `${deploymentStack(scope).stackName}-${workflow.name}`;

/** The machine's ARN, from its name alone. */
export const stateMachineArnOf = (scope: IConstruct, workflow: WorkflowDefinition): string =>
  Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: stateMachineNameOf(scope, workflow),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });

/** Every execution of the machine: `…:execution:<name>:*`. */
export const executionArnPatternOf = (scope: IConstruct, workflow: WorkflowDefinition): string =>
  Stack.of(scope).formatArn({
    service: 'states',
    resource: 'execution',
    resourceName: `${stateMachineNameOf(scope, workflow)}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
