/**
 * What operations rely on in the synthesized app, checked against the sources of truth in shared/
 * rather than a snapshot: stack sizes, tables, functions, triggers, routes, workflows, IAM, alarms,
 * the dashboard and cdk-nag, across the root stack and every nested stack (test/infra/templates.ts
 * follows values through nested-stack parameters and outputs). The app is synthesized once;
 * bundling is skipped (`aws:cdk:bundling-stacks`), the templates are the same.
 */
import { App, NestedStack, Stack, type IPolicyValidationPlugin } from 'aws-cdk-lib';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../infra/app.ts';
import { capabilityOf, functionSpecs } from '../../infra/constructs/functions.ts';
import {
  alarmedExecutionStatuses,
  apiAlarms,
  businessCounts,
  executionStatuses,
  gauges,
} from '../../infra/constructs/monitoring.ts';
import { loadDefinition } from '../../infra/constructs/workflows.ts';
import { functionEnvironment, functionMemoryMb, functionTimeoutSeconds } from '../../infra/function-settings.ts';
import { repositoryRoot } from '../../infra/lambda-defaults.ts';
import {
  acknowledgments,
  applyNagPacks,
  nagPacks,
  renderAcknowledgments,
  StrictPlugin,
  type AcknowledgmentEntry,
} from '../../infra/nag.ts';
import { OfficialAccountsStack } from '../../infra/stack.ts';
import { routeList } from '../../shared/routes/index.ts';
import { projectionOf, tables, type TableDefinition, type TableKey } from '../../shared/tables.ts';
import { triggers, type TriggerDefinition } from '../../shared/triggers.ts';
import { readDefinition, retryableErrorsMarker } from '../../shared/workflow-definitions.ts';
import { functionNameOf, workflows, type WorkflowDefinition, type WorkflowKey } from '../../shared/workflows.ts';
import {
  AppTemplates,
  cycleIn,
  flatten,
  getAtt,
  ref,
  type Located,
  type Resource,
  type StackTemplate,
} from './templates.ts';

const cdkJson = JSON.parse(readFileSync(resolve(repositoryRoot, 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};
const deployment = {
  profile: 'nj-dcf+ct-dcf',
  oidcIssuer: 'https://login.dcf.test.example/oauth2',
  oidcAudience: 'official-accounts-test',
  senderAddress: 'no-reply@dcf.test.example',
  alarmEmail: 'oncall@dcf.test.example',
  // The edge of issue 16.8 (test/infra/edge.test.ts): CloudFront and WAF in front of the API's custom domain.
  apiDomainName: 'api-origin.dcf.test.example',
  apiCertificateArn: 'arn:aws:acm:us-east-2:123456789012:certificate/11111111-2222-3333-4444-555555555555',
  publicDomainName: 'accounts.dcf.test.example',
  publicCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000',
  // The console's public client at the identity provider (issue 18), served in /console/config.json.
  consoleClientId: 'official-accounts-console-test',
};
// The feature flags of cdk.json, as `cdk synth` passes them, plus this deployment's keys.
const context = { ...cdkJson.context, ...deployment, 'aws:cdk:bundling-stacks': [] };
const catalogue = workflows as Record<string, WorkflowDefinition>;
const specs = functionSpecs(routeList(), catalogue);
const triggerList = Object.values(triggers as Record<string, TriggerDefinition>);
/** The most resources any one template may hold: CloudFormation's limit is 500, this leaves room to notice. */
const resourceBudget = 450;

let app: App;
let stack: OfficialAccountsStack;
let templates: AppTemplates;
let root: StackTemplate;

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, any> };
const actionsOf = (statement: Statement) => [statement.Action].flat();
const resourcesOf = (statement: Statement) => [statement.Resource].flat();

const keyId = (purpose: string): string =>
  Object.keys(root.resources).find(
    (id) => id.startsWith(`Keys${purpose}`) && root.resources[id]!.Type === 'AWS::KMS::Key',
  )!;
const functionOf = (module: string): Located => {
  const found = templates
    .ofType('AWS::Lambda::Function')
    .find(({ resource }) => resource.Properties.FunctionName === `OfficialAccounts-${functionNameOf(module)}`);
  if (!found) throw new Error(`No function for ${module}.`);
  return found;
};
/** The function's policy statements, with every value traced to its origin. */
const policyOf = (module: string): Statement[] => {
  const fn = functionOf(module);
  const role = templates.get(templates.origin(fn.at, fn.resource.Properties.Role));
  return (role.resource.Properties.ManagedPolicyArns as unknown[]).flatMap((arn) => {
    const policy = templates.get(templates.origin(role.at, arn));
    return templates.origin(policy.at, policy.resource.Properties.PolicyDocument.Statement) as Statement[];
  });
};
const allowsOn = (statements: Statement[], action: string) =>
  statements.filter((statement) => actionsOf(statement).includes(action)).flatMap(resourcesOf);
const tableArn = (key: TableKey) => getAtt(root, tables[key].logicalId);
const credentialsPattern = ':secret:official-accounts/accounts/*';
const rotationFunctionName = `OfficialAccounts-${functionNameOf(triggers.rotateSecret.module)}`;
const topicId = () => Object.keys(root.resources).find((id) => root.resources[id]!.Type === 'AWS::SNS::Topic')!;

beforeAll(() => {
  ({ app, stack } = createApp({ context }));
  // Synthesizes the app, running the nag packs as validation plugins: any finding throws here.
  templates = new AppTemplates(stack);
  root = templates.root;
});

describe('stacks', () => {
  it(`each hold fewer than ${resourceBudget} resources (CloudFormation allows 500 per template)`, () => {
    const counts = Object.fromEntries(templates.all.map((at) => [at.label, Object.keys(at.resources).length]));
    const over = Object.entries(counts).filter(([, count]) => count >= resourceBudget);
    expect(over, `resources per template: ${JSON.stringify(counts, null, 1)}`).toEqual([]);
  });

  it('nest one stack per capability, one for the workflows and one for monitoring', () => {
    const nested = templates.all
      .filter((at) => at !== root)
      .map((at) => at.label.replace('OfficialAccounts/', ''))
      .sort();
    const capabilities = [...new Set(specs.map((spec) => capabilityOf(spec.module)))];
    expect(nested).toHaveLength(capabilities.length + 2);
    expect(nested).toContain('Workflows');
    expect(nested).toContain('Monitoring/Operations');
    for (const capability of capabilities)
      expect(nested).toContain(`Functions/${stack.functions.stacks.get(capability)!.node.id}`);
  });

  it('reach every nested stack through the root stack only', () => {
    for (const at of templates.all.filter((entry) => entry !== root)) expect(at.stack.nestedStackParent).toBe(stack);
  });
});

describe('tables', () => {
  it.each(Object.values(tables) as TableDefinition[])(
    '$logicalId: in the root stack, on-demand, PITR, CMK, deletion-protected and retained, with its keys, indexes and TTL',
    (table) => {
      const resource = root.resources[table.logicalId];
      expect(resource?.Type).toBe('AWS::DynamoDB::Table');
      expect(resource!.DeletionPolicy).toBe('Retain');
      expect(resource!.UpdateReplacePolicy).toBe('Retain');
      const props = resource!.Properties;
      expect(props.BillingMode).toBe('PAY_PER_REQUEST');
      expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(props.DeletionProtectionEnabled).toBe(true);
      expect(props.SSESpecification).toEqual({
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [keyId('Data'), 'Arn'] },
      });
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
          Projection: projectionOf(index),
        })),
      );
      expect(props.TimeToLiveSpecification).toEqual(
        table.timeToLiveAttribute ? { AttributeName: table.timeToLiveAttribute, Enabled: true } : undefined,
      );
    },
  );

  it('are all in the backup plan', () => {
    const [selection] = templates.ofType('AWS::Backup::BackupSelection');
    const selected = JSON.stringify(selection!.resource.Properties.BackupSelection.Resources);
    for (const table of Object.values(tables)) expect(selected).toContain(`"${table.logicalId}"`);
  });
});

describe('functions', () => {
  it('exist once per handler module of the routes, workflow tasks, scheduled jobs and triggers, named from the module', () => {
    const names = templates
      .ofType('AWS::Lambda::Function')
      .map(({ resource }) => resource.Properties.FunctionName)
      .sort();
    expect(names).toEqual(specs.map((spec) => `OfficialAccounts-${functionNameOf(spec.module)}`).sort());
    for (const trigger of triggerList) expect(names).toContain(`OfficialAccounts-${functionNameOf(trigger.module)}`);
  });

  const expectedVariables = Object.keys(
    functionEnvironment({
      profile: 'p',
      publicBaseUrl: 'u',
      senderAddress: 's',
      mailConfigurationSet: 'c',
      tableNames: Object.fromEntries(Object.keys(tables).map((key) => [key, key])) as Record<TableKey, string>,
      stateMachineArns: Object.fromEntries(Object.keys(workflows).map((key) => [key, key])) as Record<
        WorkflowKey,
        string
      >,
      triggerArns: { rotateSecret: 'r', mailFeedback: 'f' },
      hmacKeySecretId: 'h',
      scimTokenSecretId: 's',
      mailSealingKeySecretId: 'm',
    }),
  );

  it.each(specs.map((spec) => spec.module))(
    "%s: in its capability's stack, nodejs24.x on arm64, traced, sized by function-settings, with the environment of functionEnvironment",
    (module) => {
      const fn = functionOf(module);
      expect(fn.at.stack).toBe(stack.functions.stackOf(module));
      expect(NestedStack.isNestedStack(fn.at.stack)).toBe(true);
      const props = fn.resource.Properties;
      expect(props.Runtime).toBe('nodejs24.x');
      expect(props.Architectures).toEqual(['arm64']);
      expect(props.TracingConfig).toEqual({ Mode: 'Active' });
      expect(props.MemorySize).toBe(functionMemoryMb);
      expect(props.Timeout).toBe(functionTimeoutSeconds);
      expect(props.Handler).toBe('index.handler');
      const variables = templates.origin(fn.at, props.Environment.Variables) as Record<string, unknown>;
      expect(Object.keys(variables).sort()).toEqual(
        [...expectedVariables, 'CREDENTIALS_KMS_KEY_ID', 'NODE_OPTIONS'].sort(),
      );
      expect(variables.POLICY_PROFILE).toBe('nj-dcf+ct-dcf');
      expect(variables.SENDER_ADDRESS).toBe(deployment.senderAddress);
      expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
      for (const table of Object.values(tables)) expect(variables[table.envVar]).toEqual(ref(root, table.logicalId));
      for (const workflow of Object.values(catalogue)) {
        // Built from the machine's fixed name, not a reference to it: no dependency cycle.
        expect(flatten(variables[workflow.envVar])).toContain(`:stateMachine:OfficialAccounts-${workflow.name}`);
      }
      for (const trigger of triggerList)
        expect(flatten(variables[trigger.envVar])).toMatch(
          new RegExp(`:function:OfficialAccounts-${functionNameOf(trigger.module)}$`),
        );
      expect(variables.CREDENTIALS_KMS_KEY_ID).toEqual(getAtt(root, keyId('Credentials')));
      const logGroup = fn.at.resources[props.LoggingConfig.LogGroup.Ref]!;
      expect(logGroup.Properties.LogGroupName).toBe(`/aws/lambda/${props.FunctionName}`);
      expect(logGroup.Properties.KmsKeyId).toBeDefined();
      expect(logGroup.Properties.RetentionInDays).toBeGreaterThanOrEqual(365);
    },
  );

  it('get exactly the access they declare: e.g. credential secrets only tagged, only under the credentials key', () => {
    const writers = specs.filter((spec) => spec.access.secrets?.includes('credentials-create'));
    expect(writers.length).toBeGreaterThan(0);
    for (const writer of writers) {
      const create = policyOf(writer.module).find((statement) => statement.Action === 'secretsmanager:CreateSecret')!;
      expect(create.Condition!.Null).toEqual({ 'aws:RequestTag/official-accounts:account': 'false' });
      expect(create.Condition!.StringEquals['secretsmanager:KmsKeyId']).toEqual(getAtt(root, keyId('Credentials')));
    }
    const others = specs.filter((spec) => !spec.access.secrets?.some((secret) => secret.startsWith('credentials')));
    for (const other of others) {
      expect(JSON.stringify(policyOf(other.module))).not.toContain('official-accounts/accounts/');
    }
  });

  it('functions that only start or cancel rotations test that a login exists without reading any value', () => {
    for (const module of ['credentials/request-rotation', 'incidents/notify-incident', 'departures/rotate-accounts']) {
      const statements = policyOf(module);
      const credentialValues = allowsOn(statements, 'secretsmanager:GetSecretValue')
        .map(flatten)
        .filter((resource) => resource.includes(credentialsPattern));
      expect(credentialValues, module).toEqual([]);
      expect(allowsOn(statements, 'secretsmanager:DescribeSecret').map(flatten), module).toEqual([
        expect.stringContaining(credentialsPattern),
      ]);
    }
  });

  it('provisioning creates the empty secret and can neither read nor write a value', () => {
    const statements = policyOf('accounts/provision-account');
    expect(allowsOn(statements, 'secretsmanager:CreateSecret').map(flatten)).toEqual([
      expect.stringContaining(credentialsPattern),
    ]);
    for (const action of [
      'secretsmanager:PutSecretValue',
      'secretsmanager:GetSecretValue',
      'secretsmanager:UpdateSecretVersionStage',
    ])
      expect(
        allowsOn(statements, action)
          .map(flatten)
          .filter((resource) => resource.includes(credentialsPattern)),
        action,
      ).toEqual([]);
  });

  it("'credentials-write' confirms rotations (UpdateSecretVersionStage) and never deletes a secret", () => {
    for (const spec of specs) {
      const statements = policyOf(spec.module);
      expect(allowsOn(statements, 'secretsmanager:DeleteSecret')).toEqual([]);
      const staging = allowsOn(statements, 'secretsmanager:UpdateSecretVersionStage').map(flatten);
      if (spec.access.secrets?.includes('credentials-write'))
        expect(staging).toEqual([expect.stringContaining(credentialsPattern)]);
      else expect(staging).toEqual([]);
    }
  });

  it("'credentials-rotate' may RotateSecret, with this app's rotation function only, and invoke that function", () => {
    const rotators = specs.filter((spec) => spec.access.secrets?.includes('credentials-rotate'));
    expect(rotators.length).toBeGreaterThan(0);
    for (const spec of specs) {
      const statements = policyOf(spec.module);
      const rotate = statements.filter((statement) => actionsOf(statement).includes('secretsmanager:RotateSecret'));
      const invoke = allowsOn(statements, 'lambda:InvokeFunction').map(flatten);
      if (!rotators.includes(spec)) {
        expect(rotate).toEqual([]);
        expect(invoke).toEqual([]);
        continue;
      }
      expect(rotate).toHaveLength(1);
      expect(resourcesOf(rotate[0]!).map(flatten)).toEqual([expect.stringContaining(credentialsPattern)]);
      expect(rotate[0]!.Condition!.Null).toEqual({ 'aws:ResourceTag/official-accounts:account': 'false' });
      expect(flatten(rotate[0]!.Condition!.ArnEquals['secretsmanager:RotationLambdaARN'])).toMatch(
        new RegExp(`:function:${rotationFunctionName}$`),
      );
      expect(invoke).toEqual([expect.stringMatching(new RegExp(`:function:${rotationFunctionName}$`))]);
      expect(allowsOn(statements, 'secretsmanager:DescribeSecret').map(flatten)).toEqual([
        expect.stringContaining(credentialsPattern),
      ]);
    }
  });

  it('only rotation functions may generate passwords (GetRandomPassword, Resource "*")', () => {
    for (const spec of specs) {
      const generate = allowsOn(policyOf(spec.module), 'secretsmanager:GetRandomPassword');
      expect(generate, spec.module).toEqual(spec.invokedBy.includes('secretsmanager.amazonaws.com') ? ['*'] : []);
    }
    expect(specs.some((spec) => spec.module === triggers.rotateSecret.module && spec.invokedBy.length > 0)).toBe(true);
  });

  it('that send e-mail may put undelivered mail in the outbox (PutItem only) and read the key that seals it', () => {
    const senders = specs.filter((spec) => spec.access.sendEmail);
    expect(senders.length).toBeGreaterThan(0);
    for (const spec of specs) {
      const statements = policyOf(spec.module);
      const onOutbox = statements.filter((statement) =>
        resourcesOf(statement).some((resource) => JSON.stringify(resource).includes(`:${tables.outbox.logicalId}"`)),
      );
      const outboxActions = new Set(onOutbox.flatMap(actionsOf));
      if (spec.access.tables?.outbox === 'readwrite') expect(outboxActions).toContain('dynamodb:DeleteItem');
      else if (spec.access.sendEmail) {
        expect([...outboxActions], spec.module).toEqual(['dynamodb:PutItem']);
        expect(allowsOn(statements, 'dynamodb:PutItem')).toContainEqual(tableArn('outbox'));
      } else expect(onOutbox, spec.module).toEqual([]);
      const hmacKey = ref(root, Object.keys(root.resources).find((id) => id.startsWith('SecretsHmacKey'))!);
      const sealingKey = ref(root, Object.keys(root.resources).find((id) => id.startsWith('SecretsMailSealingKey'))!);
      if (spec.access.sendEmail) {
        expect(allowsOn(statements, 'secretsmanager:GetSecretValue')).toContainEqual(sealingKey);
        expect(allowsOn(statements, 'ses:SendEmail').length).toBeGreaterThan(0);
      } else expect(allowsOn(statements, 'secretsmanager:GetSecretValue')).not.toContainEqual(sealingKey);
      // The fingerprint key is read only where fingerprints are made, never for sealing mail.
      const readsHmacKey = allowsOn(statements, 'secretsmanager:GetSecretValue').some(
        (resource) => JSON.stringify(resource) === JSON.stringify(hmacKey),
      );
      expect(readsHmacKey, spec.module).toBe(spec.access.secrets?.includes('hmac-key') ?? false);
    }
  });
});

describe('triggers', () => {
  /** What each service may invoke its trigger for: Secrets Manager the credential secrets, EventBridge one rule. */
  const sourceArns: Record<string, string> = {
    'secretsmanager.amazonaws.com': `arn:{{AWS::Partition}}:secretsmanager:{{AWS::Region}}:{{AWS::AccountId}}${credentialsPattern}`,
    'events.amazonaws.com':
      'arn:{{AWS::Partition}}:events:{{AWS::Region}}:{{AWS::AccountId}}:rule/OfficialAccounts-mail-feedback',
  };

  it.each(triggerList)(
    '$module may be invoked by $invokedBy of this account, for the resources it serves only',
    (trigger) => {
      const fn = functionOf(trigger.module);
      const permissions = Object.values(fn.at.resources).filter(
        (resource) =>
          resource.Type === 'AWS::Lambda::Permission' && resource.Properties.Principal === trigger.invokedBy,
      );
      expect(permissions).toHaveLength(1);
      const props = permissions[0]!.Properties;
      expect(props.Action).toBe('lambda:InvokeFunction');
      expect(props.FunctionName).toEqual({ 'Fn::GetAtt': [fn.id, 'Arn'] });
      expect(props.SourceAccount).toEqual({ Ref: 'AWS::AccountId' });
      expect(flatten(props.SourceArn)).toBe(sourceArns[trigger.invokedBy]);
    },
  );

  it('SES feedback: the configuration set publishes bounces, complaints, rejects and delays to the rule (19.1)', () => {
    const destinations = templates.ofType('AWS::SES::ConfigurationSetEventDestination');
    expect(destinations).toHaveLength(1);
    const destination = destinations[0]!.resource.Properties.EventDestination;
    expect(destination.Enabled).toBe(true);
    expect([...destination.MatchingEventTypes].sort()).toEqual(['bounce', 'complaint', 'deliveryDelay', 'reject']);
    expect(flatten(destination.EventBridgeDestination.EventBusArn)).toContain(':event-bus/default');
    const rules = templates.ofType('AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    const rule = rules[0]!.resource.Properties;
    expect(rule.Name).toBe('OfficialAccounts-mail-feedback');
    expect(rule.EventPattern.source).toEqual(['aws.ses']);
    expect(rule.EventPattern['detail-type']).toEqual([
      'Email Bounced',
      'Email Complaint Received',
      'Email Rejected',
      'Email Delivery Delayed',
    ]);
    expect(rule.Targets).toHaveLength(1);
    expect(flatten(rule.Targets[0].Arn)).toContain(
      `function:OfficialAccounts-${functionNameOf('mail/record-mail-feedback')}`,
    );
  });

  it("are the only functions, besides the API routes' handlers, with a resource-based invoke permission", () => {
    const principals = new Set(
      templates.ofType('AWS::Lambda::Permission').map(({ resource }) => resource.Properties.Principal),
    );
    expect([...principals].sort()).toEqual(
      ['apigateway.amazonaws.com', ...new Set(triggerList.map((trigger) => trigger.invokedBy))].sort(),
    );
  });
});

describe('API', () => {
  const authorizerId = () => templates.ofType('AWS::ApiGatewayV2::Authorizer')[0]!;
  const apiId = () => templates.ofType('AWS::ApiGatewayV2::Api')[0]!;

  it.each(routeList())(
    "$key exists in its handler's stack, behind $auth, integrated with its handler over payload 2.0",
    (route) => {
      const found = templates
        .ofType('AWS::ApiGatewayV2::Route')
        .filter(({ resource }) => resource.Properties.RouteKey === `${route.method} ${route.path}`);
      expect(found).toHaveLength(1);
      const { at, resource } = found[0]!;
      expect(at.stack).toBe(stack.functions.stackOf(route.handler));
      expect(templates.origin(at, resource.Properties.ApiId)).toEqual(ref(root, apiId().id));
      expect(resource.Properties.AuthorizationType).toBe(route.auth === 'jwt' ? 'JWT' : 'NONE');
      if (route.auth === 'jwt')
        expect(templates.origin(at, resource.Properties.AuthorizerId)).toEqual(
          ref(authorizerId().at, authorizerId().id),
        );
      const integrationId = (resource.Properties.Target['Fn::Join'][1] as Array<unknown>)
        .map((part) => (part as { Ref?: string }).Ref)
        .find(Boolean)!;
      const integration = at.resources[integrationId]!.Properties;
      expect(integration.PayloadFormatVersion).toBe('2.0');
      expect(integration.IntegrationUri).toEqual({ 'Fn::GetAtt': [functionOf(route.handler).id, 'Arn'] });
      // API Gateway may invoke the handler for this route's path only.
      const permissions = Object.values(at.resources).filter(
        (r) =>
          r.Type === 'AWS::Lambda::Permission' &&
          r.Properties.Principal === 'apigateway.amazonaws.com' &&
          flatten(r.Properties.SourceArn).endsWith(`/*/*${route.path}`),
      );
      expect(permissions.map((permission) => permission.Properties.FunctionName)).toContainEqual({
        'Fn::GetAtt': [functionOf(route.handler).id, 'Arn'],
      });
    },
  );

  it('has exactly the routes of shared/routes/index.ts', () => {
    expect(
      templates
        .ofType('AWS::ApiGatewayV2::Route')
        .map(({ resource }) => resource.Properties.RouteKey)
        .sort(),
    ).toEqual(
      routeList()
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    );
  });

  it('verifies JWTs from the context issuer and audience in the Authorization header (root stack)', () => {
    root.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: deployment.oidcIssuer, Audience: [deployment.oidcAudience] },
    });
  });

  it('auto-deploys a throttled $default stage with JSON access logs in an encrypted group', () => {
    const [{ at, resource: stage }] = templates.ofType('AWS::ApiGatewayV2::Stage') as [Located];
    expect(at).toBe(root);
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) },
    });
    expect(() => JSON.parse(stage.Properties.AccessLogSettings.Format)).not.toThrow();
    const logGroup = root.resources[stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0]]!;
    expect(logGroup.Properties.KmsKeyId).toBeDefined();
  });
});

describe('routes no JWT authorizer guards (public pages, SCIM)', () => {
  it('each has its own, stricter throttle than the stage default, and the stage waits for the route to exist', () => {
    const [{ resource: stage, id }] = templates.ofType('AWS::ApiGatewayV2::Stage') as [Located & { id?: string }];
    const defaults = stage.Properties.DefaultRouteSettings;
    const publicRoutes = routeList().filter((route) => route.auth !== 'jwt');
    expect(publicRoutes.length).toBeGreaterThan(0);
    const settings = stage.Properties.RouteSettings as Record<string, Record<string, number>>;
    expect(Object.keys(settings ?? {}).sort()).toEqual(publicRoutes.map((r) => `${r.method} ${r.path}`).sort());
    for (const [key, limits] of Object.entries(settings)) {
      expect(limits.ThrottlingRateLimit, key).toBeLessThan(defaults.ThrottlingRateLimit);
      expect(limits.ThrottlingBurstLimit, key).toBeLessThan(defaults.ThrottlingBurstLimit);
    }
    // CloudFormation refuses RouteSettings for a route key that does not exist yet.
    const stageId = Object.entries(root.resources).find(([, r]) => r.Type === 'AWS::ApiGatewayV2::Stage')![0];
    expect([root.resources[stageId]!.DependsOn ?? []].flat().length, String(id)).toBeGreaterThan(0);
  });
});

describe('workflows', () => {
  const machineOf = (workflow: WorkflowDefinition): Located => {
    const found = templates
      .ofType('AWS::StepFunctions::StateMachine')
      .find(({ resource }) => resource.Properties.StateMachineName === `OfficialAccounts-${workflow.name}`);
    if (!found) throw new Error(`No state machine for ${workflow.name}.`);
    return found;
  };

  it.each(Object.values(catalogue))(
    '$name: STANDARD, readable definition with substitutions, ALL logging without execution data, traced',
    (workflow) => {
      const { at, resource: machine } = machineOf(workflow);
      expect(at.stack).toBe(stack.workflows);
      const props = machine.Properties;
      expect(props.StateMachineType).toBe('STANDARD');
      // The file as written, its Retry markers expanded (shared/workflow-definitions.ts).
      expect(props.DefinitionString).toBe(readDefinition(workflow, repositoryRoot));
      expect(props.DefinitionString).not.toContain(retryableErrorsMarker);
      expect(Object.keys(props.DefinitionSubstitutions).sort()).toEqual(Object.keys(workflow.tasks).sort());
      const taskFunction = (module: string) => getAtt(functionOf(module).at, functionOf(module).id);
      for (const [placeholder, task] of Object.entries(workflow.tasks))
        expect(templates.origin(at, props.DefinitionSubstitutions[placeholder])).toEqual(taskFunction(task.module));
      expect(props.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
      expect(props.TracingConfiguration).toEqual({ Enabled: true });
      // The role may invoke its task functions and nothing else.
      const roleId = props.RoleArn['Fn::GetAtt'][0] as string;
      const statements = (at.resources[roleId]!.Properties.ManagedPolicyArns as Array<{ Ref: string }>).flatMap(
        (arn) => at.resources[arn.Ref]!.Properties.PolicyDocument.Statement as Statement[],
      );
      const invoke = statements.filter((statement) => actionsOf(statement).includes('lambda:InvokeFunction'));
      expect(invoke).toHaveLength(1);
      const invoked = resourcesOf(invoke[0]!)
        .map((arn) => JSON.stringify(templates.origin(at, arn)))
        .sort();
      expect(invoked).toEqual(
        [...new Set(Object.values(workflow.tasks).map((task) => JSON.stringify(taskFunction(task.module))))].sort(),
      );
    },
  );

  describe('loadDefinition', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asl-'));
    const fixture = (name: string, states: Record<string, unknown>): WorkflowDefinition => {
      const file = join(dir, `${name}.asl.json`);
      writeFileSync(file, JSON.stringify({ StartAt: Object.keys(states)[0], States: states }, null, 2));
      return { name, file, envVar: 'FIXTURE_ARN', tasks: {} };
    };
    const direct = { Type: 'Task', Resource: '${NotifyFunctionArn}', End: true };
    const callback = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: '${AwaitFunctionArn}', 'Payload.$': '$' },
      Next: 'Notify',
    };

    it('returns the definition unchanged when the placeholders match', () => {
      const workflow = fixture('Ok', { Await: callback, Notify: direct });
      expect(loadDefinition(workflow, ['AwaitFunctionArn', 'NotifyFunctionArn'])).toBe(
        readFileSync(workflow.file, 'utf8'),
      );
    });
    it('throws on a missing placeholder', () => {
      expect(() =>
        loadDefinition(fixture('Missing', { Await: callback, Notify: direct }), ['AwaitFunctionArn']),
      ).toThrow(/missing substitutions NotifyFunctionArn/);
    });
    it('throws on an unused placeholder', () => {
      expect(() =>
        loadDefinition(fixture('Unused', { Notify: direct }), ['NotifyFunctionArn', 'ExtraFunctionArn']),
      ).toThrow(/unused substitutions ExtraFunctionArn/);
    });
    it('throws on a task that is not a Lambda invocation of a placeholder', () => {
      const put = {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:putItem',
        Parameters: { TableName: 'x' },
        End: true,
      };
      expect(() => loadDefinition(fixture('Foreign', { Put: put }), [])).toThrow(
        /state "Put" must invoke a task function/,
      );
    });
    it('throws on an asynchronous invocation, which would need the dead-letter queue acknowledged away', () => {
      const async = {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: '${NotifyFunctionArn}', InvocationType: 'Event' },
        End: true,
      };
      expect(() => loadDefinition(fixture('Async', { Fire: async }), ['NotifyFunctionArn'])).toThrow(/asynchronously/);
    });
  });

  it('synthesize without a dependency cycle, in any template, when a task function starts, reads and calls back its own machine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asl-'));
    const file = join(dir, 'loop.asl.json');
    writeFileSync(
      file,
      JSON.stringify({
        StartAt: 'Wait',
        States: {
          Wait: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            Parameters: { FunctionName: '${SelfFunctionArn}' },
            End: true,
          },
        },
      }),
    );
    const loop: WorkflowDefinition = {
      name: 'Loop',
      file,
      envVar: 'LOOP_STATE_MACHINE_ARN',
      tasks: {
        SelfFunctionArn: {
          module: 'system/get-health',
          access: { workflows: { loop: ['start', 'callback', 'read'] } },
        },
      },
    };
    const fixtureApp = new App({ context });
    const fixtureStack = new OfficialAccountsStack(fixtureApp, 'Fixture', {
      deployment: { ...deployment, oidcAudience: [deployment.oidcAudience] },
      workflows: { ...catalogue, loop },
    });
    const fixture = new AppTemplates(fixtureStack);
    for (const at of fixture.all) expect(cycleIn(at.resources), at.label).toBeUndefined();
    const machines = fixture
      .ofType('AWS::StepFunctions::StateMachine')
      .map(({ resource }) => resource.Properties.StateMachineName);
    expect(machines).toContain('Fixture-Loop');
  });
});

describe('dependencies', () => {
  it('form no cycle between resources of any template (the root sees each nested stack as one resource)', () => {
    for (const at of templates.all) expect(cycleIn(at.resources), at.label).toBeUndefined();
  });
  it('(the cycle check finds one when there is one)', () => {
    const r = (properties: Record<string, unknown>): Resource => ({ Type: 'T', Properties: properties });
    expect(
      cycleIn({ Fn: r({ Env: { 'Fn::Sub': '${Machine}' } }), Machine: r({ Task: { 'Fn::GetAtt': ['Fn', 'Arn'] } }) }),
    ).toEqual(['Fn', 'Machine', 'Fn']);
  });
});

describe('IAM', () => {
  const statements = (): Statement[] => [
    ...templates
      .ofType('AWS::IAM::ManagedPolicy')
      .flatMap(({ resource }) => resource.Properties.PolicyDocument.Statement),
    ...templates.ofType('AWS::IAM::Policy').flatMap(({ resource }) => resource.Properties.PolicyDocument.Statement),
    ...templates
      .ofType('AWS::IAM::Role')
      .flatMap(({ resource }) => (resource.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement)),
  ];

  it('grants no Action "*" or "service:*"', () => {
    for (const statement of statements())
      for (const action of actionsOf(statement)) expect(action).not.toMatch(/(^|:)\*$/);
  });

  it('attaches no *FullAccess or administrator managed policy', () => {
    const attached = templates
      .ofType('AWS::IAM::Role')
      .flatMap(({ resource }) => resource.Properties.ManagedPolicyArns ?? []);
    expect(JSON.stringify(attached)).not.toMatch(/FullAccess|AdministratorAccess|PowerUserAccess/);
  });

  it('keeps every permission in customer-managed policies, none inline', () => {
    expect(templates.ofType('AWS::IAM::Policy')).toEqual([]);
    expect(templates.ofType('AWS::IAM::Role').filter(({ resource }) => resource.Properties.Policies)).toEqual([]);
  });

  it('gives Resource "*" only to actions that support no resource', () => {
    const starOnly = new Set([
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'xray:GetSamplingRules',
      'xray:GetSamplingTargets',
      'states:SendTaskSuccess',
      'states:SendTaskFailure',
      'states:SendTaskHeartbeat',
      'secretsmanager:GetRandomPassword',
      'logs:CreateLogDelivery',
      'logs:GetLogDelivery',
      'logs:UpdateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:ListLogDeliveries',
      'logs:PutResourcePolicy',
      'logs:DescribeResourcePolicies',
      'logs:DescribeLogGroups',
    ]);
    const identityStatements = [...templates.ofType('AWS::IAM::ManagedPolicy')].flatMap(
      ({ resource }) => resource.Properties.PolicyDocument.Statement as Statement[],
    );
    for (const statement of identityStatements.filter((s) => resourcesOf(s).includes('*'))) {
      for (const action of actionsOf(statement)) expect(starOnly, action).toContain(action);
    }
  });
});

describe('logs and keys', () => {
  it('every log group, in every stack, is KMS-encrypted with a retention period', () => {
    for (const { resource: logGroup } of templates.ofType('AWS::Logs::LogGroup')) {
      expect(logGroup.Properties.KmsKeyId).toBeDefined();
      expect(logGroup.Properties.RetentionInDays).toBeDefined();
      expect(logGroup.DeletionPolicy).toBe('Retain');
    }
  });

  it('every key rotates and is retained', () => {
    // The audit signing key (issue 21.2) is asymmetric, which AWS cannot rotate; each digest names its key.
    const symmetric = templates.ofType('AWS::KMS::Key').filter(({ resource }) => !resource.Properties.KeySpec);
    expect(symmetric.length).toBeGreaterThanOrEqual(6);
    for (const { resource: key } of symmetric) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
    }
  });

  it('issue 21.2: one ECC_NIST_P256 signing key for the audit digests, retained', () => {
    const signing = templates.ofType('AWS::KMS::Key').filter(({ resource }) => resource.Properties.KeySpec);
    expect(signing).toHaveLength(1);
    expect(signing[0]!.resource.Properties).toMatchObject({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    expect(signing[0]!.resource.DeletionPolicy).toBe('Retain');
  });
});

describe('the audit digests bucket (issue 21.2)', () => {
  it("locks every object in compliance mode for the profile's audit retention, versioned, KMS, TLS only, private", () => {
    const buckets = templates
      .ofType('AWS::S3::Bucket')
      .filter(({ resource }) => resource.Properties.ObjectLockEnabled !== undefined);
    expect(buckets).toHaveLength(1);
    const { resource: bucket } = buckets[0]!;
    expect(bucket.Properties).toMatchObject({
      ObjectLockEnabled: true,
      // This stack runs nj-dcf+ct-dcf: combined, the longer audit retention wins, Connecticut's 10 years (CT-06).
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 10 * 365 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    expect(
      bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
    ).toMatchObject({ SSEAlgorithm: 'aws:kms' });
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('only the seal job writes digests, only the two exports read them, and nothing may delete one', () => {
    const touching = specs.filter((spec) => JSON.stringify(policyOf(spec.module)).includes('-audit-digests-'));
    expect(touching.map((spec) => spec.module).sort()).toEqual([
      'contacts/export-contacts',
      'records/export-records',
      'records/seal-audit-chains',
    ]);
    for (const spec of touching) {
      const actions = policyOf(spec.module).flatMap((statement) => [statement.Action].flat());
      expect(actions.some((action) => /^s3:(Delete|BypassGovernance|PutBucket|PutObjectLegalHold)/.test(action))).toBe(
        false,
      );
      expect(actions.includes('s3:PutObject')).toBe(spec.module === 'records/seal-audit-chains');
    }
  });
});

describe('alarms', () => {
  type Alarm = Located & { props: Record<string, any> };
  const alarms = (): Alarm[] =>
    templates.ofType('AWS::CloudWatch::Alarm').map((located) => ({ ...located, props: located.resource.Properties }));
  const dimension = (alarm: Alarm, name: string) =>
    (alarm.props.Dimensions as Array<{ Name: string; Value: unknown }> | undefined)?.find((d) => d.Name === name)
      ?.Value;
  const single = (found: Alarm[], what: string): Alarm => {
    expect(found, what).toHaveLength(1);
    return found[0]!;
  };
  /** Pages: at or above the threshold, on ALARM and back to OK, through the topic e-mailed to alarmEmail. */
  const expectNotifies = (alarm: Alarm) => {
    expect(alarm.props.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    expect(templates.origin(alarm.at, alarm.props.AlarmActions)).toEqual([ref(root, topicId())]);
    expect(templates.origin(alarm.at, alarm.props.OKActions)).toEqual([ref(root, topicId())]);
  };

  it('notify one encrypted topic with an e-mail subscription to context alarmEmail', () => {
    const topic = root.resources[topicId()]!;
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId('Notifications'), 'Arn'] });
    root.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: deployment.alarmEmail,
      TopicArn: { Ref: topicId() },
    });
    for (const alarm of alarms()) expectNotifies(alarm);
  });

  it("one alarm on the account's Lambda throttles, not one a function (issue 20.5: none reserves concurrency)", () => {
    const throttles = alarms().filter((a) => a.props.Namespace === 'AWS/Lambda' && a.props.MetricName === 'Throttles');
    const alarm = single(throttles, 'the account throttles alarm');
    expect(alarm.props.Dimensions ?? []).toEqual([]);
    expect(alarm.props).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 1, EvaluationPeriods: 1 });
    expect(alarm.props.AlarmName).toBe('OfficialAccounts-Lambda-Throttles');
    expectNotifies(alarm);
    for (const fn of templates.ofType('AWS::Lambda::Function'))
      expect(fn.resource.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it.each(specs.map((spec) => spec.module))('%s: Errors, next to the function', (module) => {
    const fn = functionOf(module);
    for (const metric of ['Errors']) {
      const alarm = single(
        alarms().filter(
          (a) =>
            a.props.Namespace === 'AWS/Lambda' &&
            a.props.MetricName === metric &&
            JSON.stringify(templates.origin(a.at, dimension(a, 'FunctionName'))) === JSON.stringify(ref(fn.at, fn.id)),
        ),
        `${module} ${metric}`,
      );
      expect(alarm.at).toBe(fn.at);
      expect(alarm.props).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 1, EvaluationPeriods: 1 });
      expect(alarm.props.AlarmName).toBe(`OfficialAccounts-${functionNameOf(module)}-${metric}`);
      expectNotifies(alarm);
    }
  });

  it.each(Object.values(catalogue))(
    '$name: ExecutionsFailed, ExecutionsTimedOut and ExecutionsAborted, next to the state machine',
    (workflow) => {
      const machine = templates
        .ofType('AWS::StepFunctions::StateMachine')
        .find(({ resource }) => resource.Properties.StateMachineName === `OfficialAccounts-${workflow.name}`)!;
      for (const status of alarmedExecutionStatuses) {
        const alarm = single(
          alarms().filter(
            (a) =>
              a.props.Namespace === 'AWS/States' &&
              a.props.MetricName === `Executions${status}` &&
              JSON.stringify(templates.origin(a.at, dimension(a, 'StateMachineArn'))) ===
                JSON.stringify(ref(machine.at, machine.id)),
          ),
          `${workflow.name} ${status}`,
        );
        expect(alarm.at).toBe(machine.at);
        expect(alarm.props).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 1 });
        expectNotifies(alarm);
      }
    },
  );

  it('the mail dead-letter queue: any UndeliveredEmails in five minutes', () => {
    const alarm = single(
      alarms().filter((a) => a.props.MetricName === 'UndeliveredEmails'),
      'UndeliveredEmails',
    );
    expect(alarm.props).toMatchObject({
      Namespace: 'OfficialAccounts',
      Dimensions: [{ Name: 'service', Value: 'official-accounts' }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
    });
    expect(alarm.at.stack).toBe(stack.monitoringStack);
  });

  it('the API: the 5xx rate (5xx / Count) and the p99 latency', () => {
    const api = ref(root, templates.ofType('AWS::ApiGatewayV2::Api')[0]!.id);
    const rate = single(
      alarms().filter((a) => a.props.Metrics && JSON.stringify(a.props.Metrics).includes('e5xx')),
      'metric math alarm',
    );
    const [expression, ...inputs] = rate.props.Metrics as Array<Record<string, any>>;
    expect(expression!.Expression).toMatch(/100 \* FILL\(e5xx, 0\) \/ requests/);
    const byId = Object.fromEntries(inputs.map((input) => [input.Id, input.MetricStat]));
    for (const [id, metricName] of [
      ['e5xx', '5xx'],
      ['requests', 'Count'],
    ] as const) {
      expect(byId[id]).toMatchObject({
        Metric: { Namespace: 'AWS/ApiGateway', MetricName: metricName },
        Stat: 'Sum',
        Period: 300,
      });
      expect(templates.origin(rate.at, byId[id].Metric.Dimensions)).toEqual([{ Name: 'ApiId', Value: api }]);
    }
    expect(rate.props.Threshold).toBe(apiAlarms.serverErrorRatePercent);
    const latency = single(
      alarms().filter((a) => a.props.Namespace === 'AWS/ApiGateway' && a.props.MetricName === 'Latency'),
      'latency',
    );
    expect(latency.props).toMatchObject({ ExtendedStatistic: 'p99', Period: 300, Threshold: apiAlarms.p99LatencyMs });
    expect(templates.origin(latency.at, latency.props.Dimensions)).toEqual([{ Name: 'ApiId', Value: api }]);
  });

  it('a wait for a person that ran out: any WaitsTimedOut in five minutes (issue 19.2)', () => {
    const alarm = single(
      alarms().filter((a) => a.props.MetricName === 'WaitsTimedOut'),
      'WaitsTimedOut',
    );
    expect(alarm.props).toMatchObject({ Namespace: 'OfficialAccounts', Statistic: 'Sum', Period: 300, Threshold: 1 });
    expect(alarm.at.stack).toBe(stack.monitoringStack);
  });

  it('mail not reaching people: bounces + complaints + rejects, and feedback EventBridge gave up on (issue 19.1)', () => {
    const reach = single(
      alarms().filter((a) => a.props.Metrics && JSON.stringify(a.props.Metrics).includes('MailBounces')),
      'Mail-NotReachingPeople',
    );
    const [expression, ...inputs] = reach.props.Metrics as Array<Record<string, any>>;
    expect(expression!.Expression).toBe('bounces + complaints + rejects');
    expect(inputs.map((input) => input.MetricStat.Metric.MetricName).sort()).toEqual([
      'MailBounces',
      'MailComplaints',
      'MailRejects',
    ]);
    expect(reach.props.Threshold).toBe(1);
    const undelivered = single(
      alarms().filter((a) => a.props.Namespace === 'AWS/Events' && a.props.MetricName === 'FailedInvocations'),
      'Mail-FeedbackUndelivered',
    );
    expect(undelivered.props).toMatchObject({
      Dimensions: [{ Name: 'RuleName', Value: 'OfficialAccounts-mail-feedback' }],
      Statistic: 'Sum',
      Threshold: 1,
    });
  });

  it('exist for nothing else: every alarm is one of the above', () => {
    expect(alarms()).toHaveLength(
      // Errors per function, three per workflow, the API's two, mail, the account's Lambda throttles, and
      // issue 19's three (a wait that timed out, mail not reaching people, mail feedback undelivered).
      specs.length + Object.keys(catalogue).length * alarmedExecutionStatuses.length + 7,
    );
  });
});

describe('dashboard', () => {
  type Widget = { type: string; properties: { title?: string; metrics?: unknown[][]; markdown?: string } };
  let widgets: Widget[];
  beforeAll(() => {
    const [dashboard] = templates.ofType('AWS::CloudWatch::Dashboard');
    expect(dashboard!.at.stack).toBe(stack.monitoringStack);
    widgets = (JSON.parse(flatten(dashboard!.resource.Properties.DashboardBody)) as { widgets: Widget[] }).widgets;
  });
  const titled = (title: string) => {
    const found = widgets.filter((widget) => widget.properties.title === title);
    expect(found, title).toHaveLength(1);
    return found[0]!.properties;
  };
  /** [namespace, name, ...dimensions, options] → name and options. */
  const metricsOf = (title: string) =>
    (titled(title).metrics ?? []).map((entry) => ({
      namespace: entry[0],
      name: entry[1],
      dimensions: entry.slice(2, -1),
      options: entry.at(-1) as { stat?: string; label?: string },
    }));

  it.each(Object.values(catalogue))('shows $name executions by status', (workflow) => {
    const metrics = metricsOf(`${workflow.name} executions by status`);
    expect(metrics.map((m) => m.name)).toEqual(executionStatuses.map((status) => `Executions${status}`));
    for (const metric of metrics) {
      expect(metric.namespace).toBe('AWS/States');
      expect(metric.dimensions[0]).toBe('StateMachineArn');
      expect(metric.dimensions[1]).toMatch(new RegExp(`:stateMachine:OfficialAccounts-${workflow.name}$`));
      expect(metric.options.stat).toBe('Sum');
    }
  });

  it("shows approvals pending and the oldest one's age, rotations due and overdue, open incidents and departures", () => {
    const shown = (title: string) => metricsOf(title).map((m) => m.name);
    expect(shown('Approvals pending')).toEqual(['PendingApprovals', 'OldestPendingApprovalAgeHours']);
    expect(shown("Approvals pending and the oldest one's age")).toEqual([
      'PendingApprovals',
      'OldestPendingApprovalAgeHours',
    ]);
    expect(shown('Rotations due and overdue')).toEqual(['RotationsDue', 'RotationsOverdue']);
    expect(shown('Password rotations due and overdue')).toEqual(['RotationsDue', 'RotationsOverdue']);
    expect(shown('Open incidents and departures')).toEqual(['OpenIncidents', 'OpenDepartures']);
    const gaugeMetrics = widgets
      .flatMap((widget) => widget.properties.metrics ?? [])
      .filter((entry) => (gauges as readonly unknown[]).includes(entry[1]));
    for (const entry of gaugeMetrics) {
      expect(entry.slice(0, 1)).toEqual(['OfficialAccounts']);
      expect(entry.slice(2, 4)).toEqual(['service', 'official-accounts']);
      expect((entry.at(-1) as { stat: string }).stat).toBe('Maximum');
    }
    expect(new Set(gaugeMetrics.map((entry) => entry[1]))).toEqual(new Set(gauges));
  });

  it('shows API latency (p50, p99) and errors (4xx, 5xx)', () => {
    expect(metricsOf('API latency (p50, p99)').map((m) => [m.name, m.options.stat])).toEqual([
      ['Latency', 'p50'],
      ['Latency', 'p99'],
    ]);
    expect(metricsOf('API errors (4xx, 5xx) and requests').map((m) => m.name)).toEqual(['4xx', '5xx', 'Count']);
  });

  it('shows every business count', () => {
    const metrics = metricsOf('Business counts (per hour)');
    expect(metrics.map((m) => m.name)).toEqual([...businessCounts]);
    for (const metric of metrics)
      expect(metric).toMatchObject({
        namespace: 'OfficialAccounts',
        dimensions: ['service', 'official-accounts'],
        options: { stat: 'Sum' },
      });
  });
});

describe('cdk-nag', () => {
  it.each(nagPacks().map((pack) => [pack.name, pack] as const))(
    '%s reports no unacknowledged finding in any stack',
    (_, pack) => {
      expect(pack.validateScope(app).violations).toEqual([]);
    },
  );

  it('leaves no error or warning annotation on any construct', () => {
    const annotations = app.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((m) => m.type === 'aws:cdk:error' || m.type === 'aws:cdk:warning')
          .map((m) => `${construct.node.path}: ${String(m.data)}`),
      );
    expect(annotations).toEqual([]);
  });

  it('acknowledges only with the catalogue of infra/nag.ts, on resources, never on a stack, in every stack that needs one', () => {
    const entries = Object.values(acknowledgments) as AcknowledgmentEntry[];
    const acknowledgedIn = new Set<Stack>();
    for (const construct of app.node.findAll()) {
      for (const entry of construct.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules')) {
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          const rule = id.replace(/^annotation::/i, '').replace(/\[.*\]$/, '');
          expect(
            entries.some((known) => known.reason === reason && known.rules.includes(rule)),
            `${construct.node.path}: ${id}`,
          ).toBe(true);
          expect(construct instanceof Stack || construct === app).toBe(false);
          acknowledgedIn.add(Stack.of(construct));
        }
      }
    }
    // Every stack with functions or state machines carries acknowledgments of its own.
    for (const at of templates.all.filter((entry) =>
      Object.values(entry.resources).some(
        (r) => r.Type === 'AWS::Lambda::Function' || r.Type === 'AWS::StepFunctions::StateMachine',
      ),
    )) {
      expect(acknowledgedIn.has(at.stack), at.label).toBe(true);
    }
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

  it('fails synth on an unacknowledged finding inside a nested stack', () => {
    const bare = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new LogGroup(new NestedStack(new Stack(bare, 'Parent'), 'Child'), 'Unencrypted');
    applyNagPacks(bare);
    expect(() => bare.synth()).toThrow(
      /Parent\/Child\/Unencrypted[\s\S]*CloudWatchLogGroupEncrypted|CloudWatchLogGroupEncrypted[\s\S]*Parent\/Child\/Unencrypted/,
    );
  });

  it('treats warnings as errors', () => {
    const warning: IPolicyValidationPlugin = {
      name: 'Fixture',
      validate: () => ({
        success: false,
        violations: [{ ruleName: 'Fixture-Rule', description: 'd', severity: 'warning', violatingResources: [] }],
      }),
    };
    const report = new StrictPlugin(warning).validate({
      templatePaths: [],
      stackTemplates: [],
      appConstruct: new App(),
    });
    expect(report.success).toBe(false);
    expect(report.violations.map((violation) => violation.severity)).toEqual(['error']);
  });
});

describe('context', () => {
  it('rejects an unknown profile with the context key in the message', () => {
    expect(() => createApp({ context: { ...context, profile: 'xx-dcf' } })).toThrow(
      /Context "profile": Unknown policy profile xx-dcf/,
    );
  });
  it('rejects a non-https issuer', () => {
    expect(() => createApp({ context: { ...context, oidcIssuer: 'http://login.example' } })).toThrow(
      /Context "oidcIssuer" must be an https URL/,
    );
  });
});
