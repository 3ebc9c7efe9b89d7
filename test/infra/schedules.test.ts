/**
 * The scheduled jobs of shared/schedules.ts in the synthesized template: one EventBridge Scheduler
 * schedule each, on its expression, invoking its own function with the scheduled time, through a
 * role that may invoke those functions and nothing else. Bundling is skipped; nag still runs.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { OfficialAccountsStack } from '../../infra/stack.ts';
import { applyNagPacks } from '../../infra/nag.ts';
import { schedules, type ScheduleDefinition } from '../../shared/schedules.ts';
import { functionNameOf } from '../../shared/workflows.ts';

type Resource = { Type: string; Properties: Record<string, any> };
let resources: Record<string, Resource>;

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new OfficialAccountsStack(app, 'OfficialAccounts', {
    deployment: { profile: 'tn-dcs', oidcIssuer: 'https://login.test.example', oidcAudience: ['official-accounts'], senderAddress: 'no-reply@test.example', alarmEmail: 'oncall@test.example' },
  });
  applyNagPacks(app);
  resources = Template.fromStack(stack as Stack).toJSON().Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const functionId = (module: string) => ofType('AWS::Lambda::Function').find(([, fn]) => fn.Properties.FunctionName === `OfficialAccounts-${functionNameOf(module)}`)?.[0];

describe('scheduled jobs', () => {
  it.each(Object.entries(schedules as Record<string, ScheduleDefinition>))('%s runs on its expression, invoking its function with the scheduled time', (name, schedule) => {
    const found = ofType('AWS::Scheduler::Schedule').filter(([, s]) => JSON.parse(s.Properties.Target.Input).scheduleName === name);
    expect(found).toHaveLength(1);
    const { Properties: props } = found[0]![1];
    expect(props.ScheduleExpression).toBe(schedule.expression);
    expect(props.State).toBe('ENABLED');
    expect(props.Target.Arn).toEqual({ 'Fn::GetAtt': [functionId(schedule.module), 'Arn'] });
    // The same event infra/local/scheduler.ts hands the function, with Scheduler filling in the time.
    expect(JSON.parse(props.Target.Input)).toEqual({ source: 'aws.scheduler', 'detail-type': 'Scheduled Event', scheduleName: name, time: '<aws.scheduler.scheduled-time>' });
  });

  it('go through one role that this account\'s Scheduler assumes, allowed to invoke exactly the job functions', () => {
    const roleIds = new Set(ofType('AWS::Scheduler::Schedule').map(([, s]) => s.Properties.Target.RoleArn['Fn::GetAtt'][0] as string));
    expect(roleIds.size).toBe(1);
    const [roleId] = [...roleIds];
    const trust = resources[roleId!]!.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([expect.objectContaining({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })]);
    const statements = ofType('AWS::IAM::ManagedPolicy')
      .filter(([, p]) => (p.Properties.Roles ?? []).some((r: { Ref: string }) => r.Ref === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toBe('lambda:InvokeFunction');
    const modules = [...new Set(Object.values(schedules as Record<string, ScheduleDefinition>).map((s) => s.module))];
    expect(statements[0].Resource.map((arn: { 'Fn::GetAtt': [string] }) => arn['Fn::GetAtt'][0]).sort()).toEqual(modules.map(functionId).sort());
  });
});
