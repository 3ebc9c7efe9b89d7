/**
 * The scheduled jobs of shared/schedules.ts as EventBridge Scheduler schedules. Each invokes its
 * function (built with every other one by infra/constructs/functions.ts) with the event the local
 * scheduler hands it (local/scheduler.ts), `time` being the moment the schedule fired, so a
 * job decides "as of" a fixed instant even when Scheduler retries it.
 */
import { Aws, Stack } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { ScheduleDefinition } from '../../shared/schedules.ts';

export interface SchedulesProps {
  catalogue: Record<string, ScheduleDefinition>;
  /** Functions by module. */
  functions: ReadonlyMap<string, IFunction>;
}

/** `contactDisposal` → `ContactDisposal`. */
const constructIdOf = (name: string): string => name[0]!.toUpperCase() + name.slice(1);

/** One schedule per job, and the one role Scheduler assumes to invoke exactly those functions. */
export class Schedules extends Construct {
  readonly schedules: Record<string, CfnSchedule>;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const entries = Object.entries(props.catalogue);
    const targetOf = (module: string): IFunction => {
      const fn = props.functions.get(module);
      if (!fn)
        throw new Error(
          `Schedule target functions/${module}.ts has no function; infra/constructs/functions.ts builds one per ` +
            'schedule module.',
        );
      return fn;
    };
    const role = new Role(this, 'Role', {
      // Only schedules of this account may use it (confused-deputy protection).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: `Lets EventBridge Scheduler invoke the scheduled jobs of ${Stack.of(this).stackName}.`,
    });
    if (entries.length > 0) {
      new ManagedPolicy(this, 'Policy', {
        description: 'Invoke the scheduled job functions, nothing else.',
        statements: [
          new PolicyStatement({
            actions: ['lambda:InvokeFunction'],
            resources: [...new Set(entries.map(([, schedule]) => targetOf(schedule.module).functionArn))],
          }),
        ],
        roles: [role],
      });
    }
    this.schedules = Object.fromEntries(
      entries.map(([name, schedule]) => [
        name,
        new CfnSchedule(this, constructIdOf(name), {
          description: schedule.description.slice(0, 512),
          scheduleExpression: schedule.expression,
          flexibleTimeWindow: { mode: 'OFF' },
          state: 'ENABLED',
          target: {
            arn: targetOf(schedule.module).functionArn,
            roleArn: role.roleArn,
            input: JSON.stringify({
              source: 'aws.scheduler',
              'detail-type': 'Scheduled Event',
              scheduleName: name,
              time: '<aws.scheduler.scheduled-time>',
            }),
            // A job that fails is retried a little, then left to its next run: jobs are idempotent and resume.
            retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
          },
        }),
      ]),
    );
  }
}
