/**
 * The scheduled jobs of shared/schedules.ts in the synthesized app: one EventBridge Scheduler
 * schedule each (root stack), on its expression, invoking its own function (in its capability's
 * nested stack) with the scheduled time, through a role that may invoke those functions and
 * nothing else. Bundling is skipped; nag still runs.
 */
import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { OfficialAccountsStack } from '../../infra/stack.ts';
import { applyNagPacks } from '../../infra/nag.ts';
import { schedules, type ScheduleDefinition } from '../../shared/schedules.ts';
import { functionNameOf } from '../../shared/workflows.ts';
import { AppTemplates, getAtt } from './templates.ts';

let templates: AppTemplates;

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new OfficialAccountsStack(app, 'OfficialAccounts', {
    deployment: {
      profile: 'tn-dcs',
      oidcIssuer: 'https://login.test.example',
      oidcAudience: ['official-accounts'],
      senderAddress: 'no-reply@test.example',
      alarmEmail: 'oncall@test.example',
    },
  });
  applyNagPacks(app);
  templates = new AppTemplates(stack);
});

/** The function's ARN as origin() gives it, wherever the function lives. */
const functionArn = (module: string) => {
  const found = templates
    .ofType('AWS::Lambda::Function')
    .find(({ resource }) => resource.Properties.FunctionName === `OfficialAccounts-${functionNameOf(module)}`);
  if (!found) throw new Error(`No function for ${module}.`);
  return getAtt(found.at, found.id);
};

describe('scheduled jobs', () => {
  it.each(Object.entries(schedules as Record<string, ScheduleDefinition>))(
    '%s runs on its expression, invoking its function with the scheduled time',
    (name, schedule) => {
      const found = templates
        .ofType('AWS::Scheduler::Schedule')
        .filter(({ resource }) => JSON.parse(resource.Properties.Target.Input).scheduleName === name);
      expect(found).toHaveLength(1);
      const { at, resource } = found[0]!;
      const props = resource.Properties;
      expect(props.ScheduleExpression).toBe(schedule.expression);
      expect(props.State).toBe('ENABLED');
      expect(templates.origin(at, props.Target.Arn)).toEqual(functionArn(schedule.module));
      // The same event local/scheduler.ts hands the function, with Scheduler filling in the time.
      expect(JSON.parse(props.Target.Input)).toEqual({
        source: 'aws.scheduler',
        'detail-type': 'Scheduled Event',
        scheduleName: name,
        time: '<aws.scheduler.scheduled-time>',
      });
    },
  );

  it("go through one role that this account's Scheduler assumes, allowed to invoke exactly the job functions", () => {
    const scheduled = templates.ofType('AWS::Scheduler::Schedule');
    const roles = new Set(
      scheduled.map(({ at, resource }) => JSON.stringify(templates.origin(at, resource.Properties.Target.RoleArn))),
    );
    expect(roles.size).toBe(1);
    const role = templates.get(JSON.parse([...roles][0]!));
    const trust = role.resource.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([
      expect.objectContaining({
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    ]);
    const statements = templates
      .ofType('AWS::IAM::ManagedPolicy')
      .filter(
        ({ at, resource }) =>
          at === role.at && (resource.Properties.Roles ?? []).some((r: { Ref: string }) => r.Ref === role.id),
      )
      .flatMap(
        ({ at, resource }) =>
          templates.origin(at, resource.Properties.PolicyDocument.Statement) as Array<{
            Action: string;
            Resource: unknown[];
          }>,
      );
    expect(statements).toHaveLength(1);
    expect(statements[0]!.Action).toBe('lambda:InvokeFunction');
    const modules = [...new Set(Object.values(schedules as Record<string, ScheduleDefinition>).map((s) => s.module))];
    expect(statements[0]!.Resource.map((arn) => JSON.stringify(arn)).sort()).toEqual(
      modules.map((module) => JSON.stringify(functionArn(module))).sort(),
    );
  });
});
