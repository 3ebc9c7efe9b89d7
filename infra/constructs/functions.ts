/**
 * The Lambda functions: one per handler module named by a route of shared/routes/, a task of
 * shared/workflows.ts, a job of shared/schedules.ts or a trigger of shared/triggers.ts, granted the
 * union of the access they declare.
 *
 * One nested stack per capability. A CloudFormation template holds at most 500 resources, and each
 * function brings six (function, role, policy, log group, two alarms) plus three per route (route,
 * integration or its reuse, invoke permission), so one stack for everything stopped fitting at 59
 * functions. The capability is the first segment of the module path (`credentials/rotate-secret`
 * → `credentials`), the same split as functions/ on disk: a new capability gets its own stack
 * without anyone deciding it, a new route lands next to the functions it belongs with, and each
 * stack stays far below the limit (test/infra/stack.test.ts checks every one under 450). A
 * capability stack holds its functions with their roles, policies, log groups and alarms, the API
 * routes they serve with their integrations and invoke permissions, and the permissions of the AWS
 * services that invoke its triggers. The shared X-Ray policy stays in the root stack, and so do
 * the API, tables, keys and secrets these stacks receive as parameters.
 */
import { Aws, NestedStack, type NestedStackProps } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { callerAccess, type FunctionAccess } from '../../shared/access.ts';
import type { RouteDefinition } from '../../shared/routes/index.ts';
import { schedules, type ScheduleDefinition } from '../../shared/schedules.ts';
import { triggers as triggerCatalogue, type TriggerDefinition } from '../../shared/triggers.ts';
import type { WorkflowDefinition } from '../../shared/workflows.ts';
import type { EnvironmentInputs } from '../function-settings.ts';
import { deploymentStack, functionTelemetryPolicy, ServiceFunction } from '../lambda-defaults.ts';
import { acknowledge, resourceFinding } from '../nag.ts';
import { accessStatements, mergeAccess, type AccessTargets } from './access.ts';
import { functionAlarms, type Monitoring } from './monitoring.ts';

/** A handler module, what uses it, and everything those uses declare. */
export interface FunctionSpec {
  module: string;
  usedBy: string[];
  access: FunctionAccess;
  /** Service principals that invoke it directly (shared/triggers.ts). */
  invokedBy: string[];
}

/** The specs, in first-use order, of every module the routes, workflows, scheduled jobs and triggers name. */
export function functionSpecs(
  routes: ReadonlyArray<RouteDefinition & { key: string }>,
  workflows: Record<string, WorkflowDefinition>,
  jobs: Record<string, ScheduleDefinition> = schedules,
  triggers: Record<string, TriggerDefinition> = triggerCatalogue,
): FunctionSpec[] {
  const uses = new Map<string, Array<{ by: string; access: FunctionAccess; invokedBy?: string }>>();
  const use = (module: string, by: string, access: FunctionAccess | undefined, invokedBy?: string) => {
    const list = uses.get(module) ?? [];
    list.push({ by, access: access ?? {}, ...(invokedBy ? { invokedBy } : {}) });
    uses.set(module, list);
  };
  for (const route of routes) {
    // A jwt route's function reads its caller from the directory before anything else.
    use(
      route.handler,
      route.key,
      route.auth === 'jwt' ? mergeAccess([route.access ?? {}, callerAccess]) : route.access,
    );
  }
  for (const workflow of Object.values(workflows)) {
    for (const [placeholder, task] of Object.entries(workflow.tasks))
      use(task.module, `${workflow.name} ${placeholder}`, task.access);
  }
  for (const [name, job] of Object.entries(jobs)) use(job.module, `schedule ${name}`, job.access);
  for (const [name, trigger] of Object.entries(triggers))
    use(trigger.module, `trigger ${name}`, trigger.access, trigger.invokedBy);
  return [...uses].map(([module, list]) => ({
    module,
    usedBy: list.map((entry) => entry.by),
    access: mergeAccess(list.map((entry) => entry.access)),
    invokedBy: [...new Set(list.flatMap((entry) => (entry.invokedBy ? [entry.invokedBy] : [])))],
  }));
}

/** `credentials/rotate-secret` → `credentials`: the nested stack a module's function lives in. */
export const capabilityOf = (module: string): string => {
  const [capability, rest] = module.split(/\/(.*)/s);
  if (!capability || !rest) throw new Error(`Handler module ${module} must be functions/<capability>/<name>.ts.`);
  return capability;
};

/** One capability's functions, routes and alarms; see the file comment. */
export class CapabilityStack extends NestedStack {
  readonly capability: string;

  constructor(scope: Construct, id: string, props: NestedStackProps & { capability: string }) {
    super(scope, id, props);
    this.capability = props.capability;
  }
}

export interface FunctionsProps {
  specs: FunctionSpec[];
  environment: EnvironmentInputs;
  access: AccessTargets;
  logsKey: IKey;
  credentialsKey: IKey;
  monitoring: Monitoring;
  /**
   * For each service principal that invokes a trigger, the ARN (pattern) of what may invoke it: a
   * service without one here fails synth rather than get a permission scoped to the account alone.
   */
  triggerSourceArns: Readonly<Record<string, string>>;
}

/** Every function, by module, each in its capability's nested stack. */
export class Functions extends Construct {
  readonly byModule: ReadonlyMap<string, ServiceFunction>;
  /** The capability stacks, by capability. */
  readonly stacks: ReadonlyMap<string, CapabilityStack>;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const telemetryPolicy = functionTelemetryPolicy(this, 'TelemetryPolicy');
    const byModule = new Map<string, ServiceFunction>();
    const stacks = new Map<string, CapabilityStack>();
    const stackFor = (capability: string): CapabilityStack => {
      let stack = stacks.get(capability);
      if (!stack) {
        stack = new CapabilityStack(this, constructIdOf(capability), {
          capability,
          description:
            `${deploymentStack(this).stackName} ${capability}: functions/${capability}/ with their roles, ` +
            'policies, log groups and alarms, and the API routes they serve.',
        });
        stacks.set(capability, stack);
      }
      return stack;
    };
    for (const spec of props.specs) {
      const stack = stackFor(capabilityOf(spec.module));
      const fn = new ServiceFunction(stack, constructIdOf(spec.module), {
        module: spec.module,
        description: `Serves ${spec.usedBy.join(', ')}`.slice(0, 256),
        environment: props.environment,
        credentialsKeyArn: props.credentialsKey.keyArn,
        logsKey: props.logsKey,
        telemetryPolicy,
      });
      const rotationFunction = spec.invokedBy.includes('secretsmanager.amazonaws.com');
      for (const { statement, wildcard } of accessStatements(spec.module, spec.access, props.access, {
        rotationFunction,
      })) {
        fn.policy.addStatements(statement);
        if (wildcard) {
          for (const resource of statement.resources.filter((arn) => resourceFinding(fn.policy, arn).includes('*'))) {
            acknowledge(fn.policy, wildcard, resourceFinding(fn.policy, resource));
          }
        }
      }
      for (const principal of spec.invokedBy) {
        const sourceArn = props.triggerSourceArns[principal];
        if (!sourceArn)
          throw new Error(
            `${spec.module} is invoked by ${principal}, but infra/stack.ts names no source ARN for it ` +
              '(triggerSourceArns).',
          );
        // Only this account's service, on behalf of the resources it names (confused-deputy protection).
        fn.function.addPermission(`InvokedBy${constructIdOf(principal.split('.')[0]!)}`, {
          principal: new ServicePrincipal(principal),
          action: 'lambda:InvokeFunction',
          sourceAccount: Aws.ACCOUNT_ID,
          sourceArn,
        });
      }
      functionAlarms(props.monitoring, stack, spec.module, fn.function);
      byModule.set(spec.module, fn);
    }
    this.byModule = byModule;
    this.stacks = stacks;
  }

  /** The nested stack holding `module`'s function. */
  stackOf(module: string): CapabilityStack {
    const stack = this.stacks.get(capabilityOf(module));
    if (!stack || !this.byModule.has(module)) throw new Error(`No function for module ${module}.`);
    return stack;
  }
}

/** `staff/get-me` → `StaffGetMe`: a readable construct id (and so logical id) from the module path. */
export const constructIdOf = (module: string): string =>
  module
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
