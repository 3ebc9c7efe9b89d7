/**
 * The Lambda functions: one per handler module named by a route of shared/routes/, a task of
 * shared/workflows.ts or a job of shared/schedules.ts, granted the union of the access they declare.
 */
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { FunctionAccess } from '../../shared/access.ts';
import type { RouteDefinition } from '../../shared/routes/index.ts';
import { schedules, type ScheduleDefinition } from '../../shared/schedules.ts';
import type { WorkflowDefinition } from '../../shared/workflows.ts';
import type { EnvironmentInputs } from '../function-settings.ts';
import { functionTelemetryPolicy, ServiceFunction } from '../lambda-defaults.ts';
import { acknowledge, resourceFinding } from '../nag.ts';
import { accessStatements, mergeAccess, type AccessTargets } from './access.ts';

/** A handler module, what uses it, and everything those uses declare. */
export interface FunctionSpec {
  module: string;
  usedBy: string[];
  access: FunctionAccess;
}

/** The specs, in first-use order, of every module the routes, workflows and scheduled jobs name. */
export function functionSpecs(
  routes: ReadonlyArray<RouteDefinition & { key: string }>,
  workflows: Record<string, WorkflowDefinition>,
  jobs: Record<string, ScheduleDefinition> = schedules,
): FunctionSpec[] {
  const uses = new Map<string, Array<{ by: string; access: FunctionAccess }>>();
  const use = (module: string, by: string, access: FunctionAccess | undefined) => {
    const list = uses.get(module) ?? [];
    list.push({ by, access: access ?? {} });
    uses.set(module, list);
  };
  for (const route of routes) use(route.handler, route.key, route.access);
  for (const workflow of Object.values(workflows)) {
    for (const [placeholder, task] of Object.entries(workflow.tasks)) use(task.module, `${workflow.name} ${placeholder}`, task.access);
  }
  for (const [name, job] of Object.entries(jobs)) use(job.module, `schedule ${name}`, job.access);
  return [...uses].map(([module, list]) => ({ module, usedBy: list.map((entry) => entry.by), access: mergeAccess(list.map((entry) => entry.access)) }));
}

export interface FunctionsProps {
  specs: FunctionSpec[];
  environment: EnvironmentInputs;
  access: AccessTargets;
  logsKey: IKey;
  credentialsKey: IKey;
}

/** Every function, by module. */
export class Functions extends Construct {
  readonly byModule: ReadonlyMap<string, ServiceFunction>;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const telemetryPolicy = functionTelemetryPolicy(this, 'TelemetryPolicy');
    const byModule = new Map<string, ServiceFunction>();
    for (const spec of props.specs) {
      const fn = new ServiceFunction(this, constructIdOf(spec.module), {
        module: spec.module,
        description: `Serves ${spec.usedBy.join(', ')}`.slice(0, 256),
        environment: props.environment,
        credentialsKeyArn: props.credentialsKey.keyArn,
        logsKey: props.logsKey,
        telemetryPolicy,
      });
      for (const { statement, wildcard } of accessStatements(spec.module, spec.access, props.access)) {
        fn.policy.addStatements(statement);
        if (wildcard) {
          for (const resource of statement.resources.filter((arn) => resourceFinding(fn.policy, arn).includes('*'))) {
            acknowledge(fn.policy, wildcard, resourceFinding(fn.policy, resource));
          }
        }
      }
      byModule.set(spec.module, fn);
    }
    this.byModule = byModule;
  }
}

/** `staff/get-me` → `StaffGetMe`: a readable construct id (and so logical id) from the module path. */
const constructIdOf = (module: string): string =>
  module
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
