/**
 * What operations rely on in the synthesized stack, checked against the sources of truth in shared/
 * rather than a snapshot: tables, functions, routes, workflows, IAM and cdk-nag. The stack is
 * synthesized once; bundling is skipped (`aws:cdk:bundling-stacks`), the template is the same.
 */
import { App, Stack, type IPolicyValidationPlugin } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../infra/app.ts';
import { functionSpecs } from '../../infra/constructs/functions.ts';
import { loadDefinition } from '../../infra/constructs/workflows.ts';
import { functionEnvironment, functionMemoryMb, functionTimeoutSeconds } from '../../infra/function-settings.ts';
import { repositoryRoot } from '../../infra/lambda-defaults.ts';
import { acknowledgments, applyNagPacks, nagPacks, renderAcknowledgments, StrictPlugin, type AcknowledgmentEntry } from '../../infra/nag.ts';
import { OfficialAccountsStack } from '../../infra/stack.ts';
import { routeList } from '../../shared/routes/index.ts';
import { tables, type TableDefinition, type TableKey } from '../../shared/tables.ts';
import { functionNameOf, workflows, type WorkflowDefinition, type WorkflowKey } from '../../shared/workflows.ts';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

const cdkJson = JSON.parse(readFileSync(resolve(repositoryRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
const deployment = {
  profile: 'nj-dcf+ct-dcf',
  oidcIssuer: 'https://login.dcf.test.example/oauth2',
  oidcAudience: 'official-accounts-test',
  senderAddress: 'no-reply@dcf.test.example',
  alarmEmail: 'oncall@dcf.test.example',
};
// The feature flags of cdk.json, as `cdk synth` passes them, plus this deployment's keys.
const context = { ...cdkJson.context, ...deployment, 'aws:cdk:bundling-stacks': [] };
const catalogue = workflows as Record<string, WorkflowDefinition>;
const specs = functionSpecs(routeList(), catalogue);

let app: App;
let stack: OfficialAccountsStack;
let template: Template;
let resources: Record<string, Resource>;

const ofType = (type: string): Array<[string, Resource]> => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const getAtt = (logicalId: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [logicalId, attribute] });
const keyId = (purpose: string): string => ofType('AWS::KMS::Key').find(([id]) => id.startsWith(`Keys${purpose}`))![0];
const functionLogicalId = (module: string): string => {
  const found = ofType('AWS::Lambda::Function').find(([, fn]) => fn.Properties.FunctionName === `OfficialAccounts-${functionNameOf(module)}`);
  if (!found) throw new Error(`No function for ${module}.`);
  return found[0];
};
const policyOf = (functionId: string): Array<Record<string, any>> => {
  const roleId = resources[functionId]!.Properties.Role['Fn::GetAtt'][0] as string;
  const policyIds = (resources[roleId]!.Properties.ManagedPolicyArns as Array<{ Ref?: string }>).map((arn) => arn.Ref).filter(Boolean) as string[];
  return policyIds.flatMap((id) => resources[id]!.Properties.PolicyDocument.Statement);
};

/** A dependency cycle among a template's resources (Ref, GetAtt, Sub, DependsOn), which only CloudFormation would otherwise notice. */
function cycleIn(all: Record<string, Resource & { DependsOn?: string | string[] }>): string[] | undefined {
  const edges = new Map<string, Set<string>>();
  const collect = (node: unknown, into: Set<string>): void => {
    if (Array.isArray(node)) return node.forEach((item) => collect(item, into));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'Ref' && typeof value === 'string' && value in all) into.add(value);
      else if (key === 'Fn::GetAtt' && Array.isArray(value) && value[0] in all) into.add(value[0] as string);
      else if (key === 'Fn::Sub') for (const [, name] of JSON.stringify(value).matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) if (name! in all) into.add(name!);
      collect(value, into);
    }
  };
  for (const [id, resource] of Object.entries(all)) {
    const into = new Set<string>([resource.DependsOn ?? []].flat());
    collect(resource.Properties, into);
    edges.set(id, into);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next, [...path, id]);
      if (cycle) return cycle;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id, []);
    if (cycle) return cycle;
  }
  return undefined;
}

beforeAll(() => {
  ({ app, stack } = createApp({ context }));
  // Synthesizes the app, running the nag packs as validation plugins: any finding throws here.
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

describe('tables', () => {
  it.each(Object.values(tables) as TableDefinition[])('$logicalId: on-demand, PITR, CMK, deletion-protected and retained, with its keys, indexes and TTL', (table) => {
    const resource = resources[table.logicalId];
    expect(resource?.Type).toBe('AWS::DynamoDB::Table');
    expect(resource!.DeletionPolicy).toBe('Retain');
    expect(resource!.UpdateReplacePolicy).toBe('Retain');
    const props = resource!.Properties;
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(props.DeletionProtectionEnabled).toBe(true);
    expect(props.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: getAtt(keyId('Data')) });
    expect(props.KeySchema).toEqual([
      { AttributeName: table.partitionKey, KeyType: 'HASH' },
      { AttributeName: table.sortKey, KeyType: 'RANGE' },
    ]);
    expect(props.GlobalSecondaryIndexes ?? []).toEqual(
      table.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    expect(props.TimeToLiveSpecification).toEqual(table.timeToLiveAttribute ? { AttributeName: table.timeToLiveAttribute, Enabled: true } : undefined);
  });

  it('are all in the backup plan', () => {
    const [, selection] = ofType('AWS::Backup::BackupSelection')[0]!;
    const selected = JSON.stringify(selection.Properties.BackupSelection.Resources);
    for (const table of Object.values(tables)) expect(selected).toContain(`"${table.logicalId}"`);
  });
});

describe('functions', () => {
  it('exist once per handler module of the routes and workflow tasks, named from the module', () => {
    const names = ofType('AWS::Lambda::Function').map(([, fn]) => fn.Properties.FunctionName).sort();
    expect(names).toEqual(specs.map((spec) => `OfficialAccounts-${functionNameOf(spec.module)}`).sort());
  });

  const expectedVariables = Object.keys(
    functionEnvironment({
      profile: 'p',
      publicBaseUrl: 'u',
      senderAddress: 's',
      tableNames: Object.fromEntries(Object.keys(tables).map((key) => [key, key])) as Record<TableKey, string>,
      stateMachineArns: Object.fromEntries(Object.keys(workflows).map((key) => [key, key])) as Record<WorkflowKey, string>,
      triggerArns: { rotateSecret: 'r' },
      hmacKeySecretId: 'h',
    }),
  );

  it.each(specs.map((spec) => spec.module))('%s: nodejs24.x on arm64, traced, sized by function-settings, with the environment of functionEnvironment', (module) => {
    const props = resources[functionLogicalId(module)]!.Properties;
    expect(props.Runtime).toBe('nodejs24.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.TracingConfig).toEqual({ Mode: 'Active' });
    expect(props.MemorySize).toBe(functionMemoryMb);
    expect(props.Timeout).toBe(functionTimeoutSeconds);
    expect(props.Handler).toBe('index.handler');
    const variables = props.Environment.Variables as Record<string, unknown>;
    expect(Object.keys(variables).sort()).toEqual([...expectedVariables, 'CREDENTIALS_KMS_KEY_ID', 'NODE_OPTIONS'].sort());
    expect(variables.POLICY_PROFILE).toBe('nj-dcf+ct-dcf');
    expect(variables.SENDER_ADDRESS).toBe(deployment.senderAddress);
    expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
    for (const table of Object.values(tables)) expect(variables[table.envVar]).toEqual({ Ref: table.logicalId });
    for (const workflow of Object.values(catalogue)) {
      // Built from the machine's fixed name, not a reference to it: no dependency cycle.
      expect(JSON.stringify(variables[workflow.envVar])).toContain(`:stateMachine:OfficialAccounts-${workflow.name}`);
    }
    const logGroup = resources[props.LoggingConfig.LogGroup.Ref]!;
    expect(logGroup.Properties.KmsKeyId).toBeDefined();
    expect(logGroup.Properties.RetentionInDays).toBeGreaterThanOrEqual(365);
  });

  it('get exactly the access they declare: e.g. credential secrets only tagged, only under the credentials key', () => {
    const writers = specs.filter((spec) => spec.access.secrets?.includes('credentials-write'));
    for (const writer of writers) {
      const create = policyOf(functionLogicalId(writer.module)).find((statement) => statement.Action === 'secretsmanager:CreateSecret')!;
      expect(create.Condition.Null).toEqual({ 'aws:RequestTag/official-accounts:account': 'false' });
      expect(create.Condition.StringEquals['secretsmanager:KmsKeyId']).toEqual(getAtt(keyId('Credentials')));
    }
    const others = specs.filter((spec) => !spec.access.secrets?.some((secret) => secret.startsWith('credentials')));
    for (const other of others) {
      expect(JSON.stringify(policyOf(functionLogicalId(other.module)))).not.toContain('official-accounts/accounts/');
    }
  });
});

describe('API', () => {
  it.each(routeList())('$key exists, behind $auth, integrated with its handler over payload 2.0', (route) => {
    const [, resource] = ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === `${route.method} ${route.path}`) ?? [];
    expect(resource).toBeDefined();
    expect(resource!.Properties.AuthorizationType).toBe(route.auth === 'jwt' ? 'JWT' : 'NONE');
    if (route.auth === 'jwt') expect(resource!.Properties.AuthorizerId).toEqual({ Ref: ofType('AWS::ApiGatewayV2::Authorizer')[0]![0] });
    const integrationId = (resource!.Properties.Target['Fn::Join'][1] as Array<unknown>).map((part) => (part as { Ref?: string }).Ref).find(Boolean)!;
    const integration = resources[integrationId]!.Properties;
    expect(integration.PayloadFormatVersion).toBe('2.0');
    expect(integration.IntegrationUri).toEqual(getAtt(functionLogicalId(route.handler)));
  });

  it('has exactly the routes of shared/routes/index.ts', () => {
    expect(ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey).sort()).toEqual(routeList().map((r) => `${r.method} ${r.path}`).sort());
  });

  it('verifies JWTs from the context issuer and audience in the Authorization header', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: deployment.oidcIssuer, Audience: [deployment.oidcAudience] },
    });
  });

  it('auto-deploys a throttled $default stage with JSON access logs in an encrypted group', () => {
    const [, stage] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
    expect(stage.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) } });
    expect(() => JSON.parse(stage.Properties.AccessLogSettings.Format)).not.toThrow();
    const logGroup = resources[stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0]]!;
    expect(logGroup.Properties.KmsKeyId).toBeDefined();
  });
});

describe('workflows', () => {
  it.each(Object.values(catalogue))('$name: STANDARD, readable definition with substitutions, ALL logging without execution data, traced', (workflow) => {
    const [, machine] = ofType('AWS::StepFunctions::StateMachine').find(([, m]) => m.Properties.StateMachineName === `OfficialAccounts-${workflow.name}`) ?? [];
    expect(machine).toBeDefined();
    const props = machine!.Properties;
    expect(props.StateMachineType).toBe('STANDARD');
    expect(props.DefinitionString).toBe(readFileSync(resolve(repositoryRoot, workflow.file), 'utf8'));
    expect(Object.keys(props.DefinitionSubstitutions).sort()).toEqual(Object.keys(workflow.tasks).sort());
    for (const [placeholder, task] of Object.entries(workflow.tasks)) expect(props.DefinitionSubstitutions[placeholder]).toEqual(getAtt(functionLogicalId(task.module)));
    expect(props.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
    expect(props.TracingConfiguration).toEqual({ Enabled: true });
    // The role may invoke its task functions and nothing else.
    const roleId = props.RoleArn['Fn::GetAtt'][0] as string;
    const statements = (resources[roleId]!.Properties.ManagedPolicyArns as Array<{ Ref: string }>).flatMap((arn) => resources[arn.Ref]!.Properties.PolicyDocument.Statement as Array<Record<string, any>>);
    const invoke = statements.filter((statement) => [statement.Action].flat().includes('lambda:InvokeFunction'));
    expect(invoke).toHaveLength(1);
    const invoked = [invoke[0]!.Resource].flat().map((arn: { 'Fn::GetAtt': [string] }) => arn['Fn::GetAtt'][0]).sort();
    expect(invoked).toEqual([...new Set(Object.values(workflow.tasks).map((task) => functionLogicalId(task.module)))].sort());
  });

  describe('loadDefinition', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asl-'));
    const fixture = (name: string, states: Record<string, unknown>): WorkflowDefinition => {
      const file = join(dir, `${name}.asl.json`);
      writeFileSync(file, JSON.stringify({ StartAt: Object.keys(states)[0], States: states }, null, 2));
      return { name, file, envVar: 'FIXTURE_ARN', tasks: {} };
    };
    const direct = { Type: 'Task', Resource: '${NotifyFunctionArn}', End: true };
    const callback = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: '${AwaitFunctionArn}', 'Payload.$': '$' }, Next: 'Notify' };

    it('returns the definition unchanged when the placeholders match', () => {
      const workflow = fixture('Ok', { Await: callback, Notify: direct });
      expect(loadDefinition(workflow, ['AwaitFunctionArn', 'NotifyFunctionArn'])).toBe(readFileSync(workflow.file, 'utf8'));
    });
    it('throws on a missing placeholder', () => {
      expect(() => loadDefinition(fixture('Missing', { Await: callback, Notify: direct }), ['AwaitFunctionArn'])).toThrow(/missing substitutions NotifyFunctionArn/);
    });
    it('throws on an unused placeholder', () => {
      expect(() => loadDefinition(fixture('Unused', { Notify: direct }), ['NotifyFunctionArn', 'ExtraFunctionArn'])).toThrow(/unused substitutions ExtraFunctionArn/);
    });
    it('throws on a task that is not a Lambda invocation of a placeholder', () => {
      const put = { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'x' }, End: true };
      expect(() => loadDefinition(fixture('Foreign', { Put: put }), [])).toThrow(/state "Put" must invoke a task function/);
    });
    it('throws on an asynchronous invocation, which would need the dead-letter queue acknowledged away', () => {
      const async = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${NotifyFunctionArn}', InvocationType: 'Event' }, End: true };
      expect(() => loadDefinition(fixture('Async', { Fire: async }), ['NotifyFunctionArn'])).toThrow(/asynchronously/);
    });
  });

  it('synthesize without a dependency cycle when a task function starts, reads and calls back its own machine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asl-'));
    const file = join(dir, 'loop.asl.json');
    writeFileSync(file, JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: '${SelfFunctionArn}' }, End: true } } }));
    const loop: WorkflowDefinition = {
      name: 'Loop',
      file,
      envVar: 'LOOP_STATE_MACHINE_ARN',
      tasks: { SelfFunctionArn: { module: 'system/get-health', access: { workflows: { loop: ['start', 'callback', 'read'] } } } },
    };
    const fixtureApp = new App({ context });
    const fixtureStack = new OfficialAccountsStack(fixtureApp, 'Fixture', { deployment: { ...deployment, oidcAudience: [deployment.oidcAudience] }, workflows: { ...catalogue, loop } });
    const json = Template.fromStack(fixtureStack).toJSON();
    expect(cycleIn(json.Resources)).toBeUndefined();
    const machines = Object.values(json.Resources as Record<string, Resource>).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
    expect(machines.map((machine) => machine.Properties.StateMachineName)).toContain('Fixture-Loop');
  });
});

describe('dependencies', () => {
  it('form no cycle between resources', () => {
    expect(cycleIn(resources)).toBeUndefined();
  });
  it('(the cycle check finds one when there is one)', () => {
    const r = (properties: Record<string, unknown>): Resource => ({ Type: 'T', Properties: properties });
    expect(cycleIn({ Fn: r({ Env: { 'Fn::Sub': '${Machine}' } }), Machine: r({ Task: { 'Fn::GetAtt': ['Fn', 'Arn'] } }) })).toEqual(['Fn', 'Machine', 'Fn']);
  });
});

describe('IAM', () => {
  const statements = (): Array<Record<string, any>> => [
    ...ofType('AWS::IAM::ManagedPolicy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement),
    ...ofType('AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement),
    ...ofType('AWS::IAM::Role').flatMap(([, r]) => (r.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement)),
  ];

  it('grants no Action "*" or "service:*"', () => {
    for (const statement of statements()) for (const action of [statement.Action].flat()) expect(action).not.toMatch(/(^|:)\*$/);
  });

  it('attaches no *FullAccess or administrator managed policy', () => {
    const attached = ofType('AWS::IAM::Role').flatMap(([, r]) => r.Properties.ManagedPolicyArns ?? []);
    expect(JSON.stringify(attached)).not.toMatch(/FullAccess|AdministratorAccess|PowerUserAccess/);
  });

  it('keeps every permission in customer-managed policies, none inline', () => {
    expect(ofType('AWS::IAM::Policy')).toEqual([]);
    expect(ofType('AWS::IAM::Role').filter(([, r]) => r.Properties.Policies)).toEqual([]);
  });
});

describe('logs and keys', () => {
  it('every log group is KMS-encrypted with a retention period', () => {
    for (const [, logGroup] of ofType('AWS::Logs::LogGroup')) {
      expect(logGroup.Properties.KmsKeyId).toBeDefined();
      expect(logGroup.Properties.RetentionInDays).toBeDefined();
    }
  });

  it('every key rotates and is retained', () => {
    for (const [, key] of ofType('AWS::KMS::Key')) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
    }
  });
});

describe('cdk-nag', () => {
  it.each(nagPacks().map((pack) => [pack.name, pack] as const))('%s reports no unacknowledged finding', (_, pack) => {
    expect(pack.validateScope(app).violations).toEqual([]);
  });

  it('leaves no error or warning annotation', () => {
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('acknowledges only with the catalogue of infra/nag.ts, on resources, never on the stack', () => {
    const entries = Object.values(acknowledgments) as AcknowledgmentEntry[];
    let count = 0;
    for (const construct of app.node.findAll()) {
      for (const entry of construct.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules')) {
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          const rule = id.replace(/^annotation::/i, '').replace(/\[.*\]$/, '');
          expect(entries.some((known) => known.reason === reason && known.rules.includes(rule)), `${construct.node.path}: ${id}`).toBe(true);
          expect(construct instanceof Stack || construct === app).toBe(false);
          count += 1;
        }
      }
    }
    expect(count).toBeGreaterThan(0);
  });

  it('docs/nag-acknowledgments.md is generated from the catalogue (node infra/nag.ts > docs/nag-acknowledgments.md)', () => {
    expect(readFileSync(resolve(repositoryRoot, 'docs/nag-acknowledgments.md'), 'utf8')).toBe(renderAcknowledgments());
  });

  it('fails synth on an unacknowledged finding', () => {
    const bare = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new LogGroup(new Stack(bare, 'Bare'), 'Unencrypted');
    applyNagPacks(bare);
    expect(() => bare.synth()).toThrow(/CloudWatchLogGroupEncrypted/);
  });

  it('treats warnings as errors', () => {
    const warning: IPolicyValidationPlugin = {
      name: 'Fixture',
      validate: () => ({ success: false, violations: [{ ruleName: 'Fixture-Rule', description: 'd', severity: 'warning', violatingResources: [] }] }),
    };
    const report = new StrictPlugin(warning).validate({ templatePaths: [], stackTemplates: [], appConstruct: new App() });
    expect(report.success).toBe(false);
    expect(report.violations.map((violation) => violation.severity)).toEqual(['error']);
  });
});

describe('context', () => {
  it('rejects an unknown profile with the context key in the message', () => {
    expect(() => createApp({ context: { ...context, profile: 'xx-dcf' } })).toThrow(/Context "profile": Unknown policy profile xx-dcf/);
  });
  it('rejects a non-https issuer', () => {
    expect(() => createApp({ context: { ...context, oidcIssuer: 'http://login.example' } })).toThrow(/Context "oidcIssuer" must be an https URL/);
  });
});
