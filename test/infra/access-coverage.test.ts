/**
 * Every AWS call a function's code can make (read from the sources by test/infra/sdk-calls.ts:
 * which adapters it reaches and which SDK commands they send, with which table, index, secret or
 * workflow) is allowed by the IAM policy synthesized for that function. A repository change that
 * makes a handler reach a new adapter call, or a route that declares too little `access`, fails
 * here instead of with AccessDenied in AWS (the local runtime has no IAM, so nothing else would).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from '../../infra/app.ts';
import { functionSpecs } from '../../infra/constructs/functions.ts';
import { repositoryRoot } from '../../infra/lambda-defaults.ts';
import { routeList } from '../../shared/routes/index.ts';
import { tables } from '../../shared/tables.ts';
import { functionNameOf, workflows, type WorkflowDefinition } from '../../shared/workflows.ts';
import { SourceGraph, type Requirement, type ResourceKey } from './sdk-calls.ts';
import { AppTemplates, flatten } from './templates.ts';

const catalogue = workflows as Record<string, WorkflowDefinition>;
const specs = functionSpecs(routeList(), catalogue);

/**
 * Calls the code makes that the function's declared access does not cover yet, each waiting for a
 * change in shared/ (not infra's to make). The test fails as soon as an entry is no longer needed,
 * so this list only ever shrinks.
 */
const pendingProductFixes: Record<string, Array<Pick<Requirement, 'action' | 'resource'>>> = {};

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

let templates: AppTemplates;
let graph: SourceGraph;

beforeAll(() => {
  const cdkJson = JSON.parse(readFileSync(resolve(repositoryRoot, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const { stack } = createApp({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  templates = new AppTemplates(stack);
  graph = new SourceGraph(repositoryRoot, Object.keys(catalogue));
});

const tableByLogicalId = new Map(Object.entries(tables).map(([key, table]) => [table.logicalId as string, key]));
const workflowByName = new Map(Object.entries(catalogue).map(([key, workflow]) => [workflow.name, key]));

/** A policy resource as the kind of thing sdk-calls.ts names, or undefined for anything else. */
function resourceKey(resource: unknown): ResourceKey | undefined {
  if (resource === '*') return '*';
  const text = flatten(resource);
  const table = /^\{\{[^{}]*:([A-Za-z0-9]+)\.Arn\}\}(?:\/index\/([A-Za-z0-9_.-]+))?$/.exec(text);
  if (table && tableByLogicalId.has(table[1]!))
    return (
      table[2]
        ? `table:${tableByLogicalId.get(table[1]!)}/index/${table[2]}`
        : `table:${tableByLogicalId.get(table[1]!)}`
    ) as ResourceKey;
  if (/^\{\{[^{}]*:SecretsHmacKey[A-Za-z0-9]*\}\}$/.test(text)) return 'secret:hmac-key';
  if (/^\{\{[^{}]*:SecretsScimToken[A-Za-z0-9]*\}\}$/.test(text)) return 'secret:scim-token';
  if (/^\{\{[^{}]*:SecretsMailSealingKey[A-Za-z0-9]*\}\}$/.test(text)) return 'secret:mail-sealing-key';
  if (text.endsWith(':secret:official-accounts/accounts/*')) return 'secret:credentials';
  const machine = /:stateMachine:[A-Za-z0-9]+-([A-Za-z0-9]+)$/.exec(text);
  if (machine && workflowByName.has(machine[1]!)) return `workflow:${workflowByName.get(machine[1]!)}`;
  // Calls on one execution (DescribeExecution, GetExecutionHistory) are granted on the machine's
  // executions, `…:execution:<name>:*`; sdk-calls.ts names them by their workflow, as the action tells them apart.
  const executions = /:execution:[A-Za-z0-9]+-([A-Za-z0-9]+):\*$/.exec(text);
  if (executions && workflowByName.has(executions[1]!)) return `workflow:${workflowByName.get(executions[1]!)}`;
  if (text.endsWith(':function:OfficialAccounts-credentials-rotate-secret')) return 'function:rotation';
  if (/:ses:.*:identity\//.test(text)) return 'ses:identity';
  if (/^\{\{[^{}]*:KeysAuditSigning[A-Za-z0-9]*\.Arn\}\}$/.test(text)) return 'key:audit-signing';
  if (/:s3:::[a-z0-9-]+-audit-digests-[^/]+$/.test(text)) return 'bucket:audit-digests';
  if (/:s3:::[a-z0-9-]+-audit-digests-[^/]+\/digests\/\*$/.test(text)) return 'objects:audit-digests';
  return undefined;
}

/** What the synthesized policy of `module` allows, as `action resource` pairs. */
function allowed(module: string): Set<string> {
  const fn = templates
    .ofType('AWS::Lambda::Function')
    .find(({ resource }) => resource.Properties.FunctionName === `OfficialAccounts-${functionNameOf(module)}`)!;
  const role = templates.get(templates.origin(fn.at, fn.resource.Properties.Role));
  const statements = (role.resource.Properties.ManagedPolicyArns as unknown[]).flatMap((arn) => {
    const policy = templates.get(templates.origin(role.at, arn));
    return templates.origin(policy.at, policy.resource.Properties.PolicyDocument.Statement) as Statement[];
  });
  const pairs = new Set<string>();
  for (const statement of statements.filter((s) => s.Effect === 'Allow')) {
    for (const action of [statement.Action].flat()) {
      for (const resource of [statement.Resource].flat()) {
        const key = resourceKey(resource);
        if (key) pairs.add(`${action} ${key}`);
      }
    }
  }
  return pairs;
}

/** A call on an index chosen at run time needs every index of the table. */
const expand = (requirement: Requirement): string[] => {
  const anyIndex = /^table:([A-Za-z]+)\/index\/\*$/.exec(requirement.resource);
  if (!anyIndex) return [`${requirement.action} ${requirement.resource}`];
  return tables[anyIndex[1] as keyof typeof tables].indexes.map(
    (index) => `${requirement.action} table:${anyIndex[1]}/index/${index.name}`,
  );
};

const missingFor = (module: string) => {
  const permitted = allowed(module);
  return graph
    .requirementsOf(module)
    .filter((requirement) => !expand(requirement).every((pair) => permitted.has(pair)));
};

describe('every AWS call a function makes is allowed by its policy', () => {
  it.each(specs.map((spec) => spec.module))('%s', (module) => {
    const missing = missingFor(module);
    const expected = pendingProductFixes[module] ?? [];
    expect(
      missing.map(({ action, resource }) => ({ action, resource })),
      `functions/${module}.ts reaches calls its policy does not allow:\n${missing.map((m) => `  ${m.action} on ${m.resource} (${m.at}, via ${m.via.join(' → ')})`).join('\n')}\nDeclare the access in shared/ (routes, workflows, schedules or triggers).`,
    ).toEqual(expected);
  });
});

describe('the source reading (test/infra/sdk-calls.ts) sees the calls it must', () => {
  const has = (module: string, action: string, resource: ResourceKey) =>
    expect(
      graph.requirementsOf(module).map((r) => `${r.action} ${r.resource}`),
      `${module}`,
    ).toContain(`${action} ${resource}`);

  it('transaction items, each on its own table (a decision with its audit entry; disposal with its hold checks)', () => {
    has('approvals/decide-approval', 'dynamodb:PutItem', 'table:audit');
    has('approvals/decide-approval', 'dynamodb:ConditionCheckItem', 'table:accounts');
    has('contacts/dispose-expired-records', 'dynamodb:DeleteItem', 'table:contacts');
    has('contacts/dispose-expired-records', 'dynamodb:ConditionCheckItem', 'table:contacts');
  });

  it('S3 calls on the audit digests, a locked put needing PutObjectRetention too (issue 21.2)', () => {
    has('records/seal-audit-chains', 's3:PutObject', 'objects:audit-digests');
    has('records/seal-audit-chains', 's3:PutObjectRetention', 'objects:audit-digests');
    has('records/seal-audit-chains', 's3:GetObject', 'objects:audit-digests');
    has('records/export-records', 's3:ListBucketVersions', 'bucket:audit-digests');
    has('records/export-records', 's3:GetObjectVersion', 'objects:audit-digests');
  });

  it('queries on indexes', () => {
    has('contacts/list-contacts', 'dynamodb:Query', 'table:contacts/index/*');
    has('approvals/open-round', 'dynamodb:Query', 'table:accounts/index/gsi1');
  });

  it('the vault, the HMAC key and the rotation function', () => {
    has('credentials/rotate-secret', 'secretsmanager:GetRandomPassword', '*');
    has('credentials/rotate-secret', 'secretsmanager:UpdateSecretVersionStage', 'secret:credentials');
    has('credentials/rotate-secret', 'secretsmanager:GetSecretValue', 'secret:hmac-key');
    has('credentials/request-rotation', 'secretsmanager:RotateSecret', 'secret:credentials');
    has('credentials/request-rotation', 'lambda:InvokeFunction', 'function:rotation');
    has('accounts/provision-account', 'secretsmanager:CreateSecret', 'secret:credentials');
    has('accounts/provision-account', 'secretsmanager:TagResource', 'secret:credentials');
  });

  it('workflows started and called back, and mail with its dead-letter queue', () => {
    has('account-requests/create-account-request', 'states:StartExecution', 'workflow:accountApproval');
    has('approvals/decide-approval', 'states:SendTaskSuccess', '*');
    has('approvals/open-round', 'ses:SendEmail', 'ses:identity');
    has('approvals/open-round', 'dynamodb:PutItem', 'table:outbox');
    has('approvals/open-round', 'secretsmanager:GetSecretValue', 'secret:mail-sealing-key');
    // Sealing mail is not fingerprinting: a sender never reaches the HMAC key.
    expect(graph.requirementsOf('approvals/open-round').map((r) => r.resource)).not.toContain('secret:hmac-key');
  });

  it("a redrive on the path's workflow, and the grant for it on that workflow's executions (issue 19.7)", () => {
    for (const workflow of ['accountApproval', 'departure'] as const) {
      has('ops/redrive-execution', 'states:RedriveExecution', `workflow:${workflow}`);
      expect(allowed('ops/redrive-execution')).toContain(`states:RedriveExecution workflow:${workflow}`);
    }
    // Reading executions grants no redrive.
    expect([...allowed('ops/get-execution')].filter((pair) => pair.includes('Redrive'))).toEqual([]);
  });

  it('only what a handler reaches: reading an account does not send mail or touch secrets', () => {
    const actions = graph.requirementsOf('accounts/get-account').map((r) => r.action);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action) => !action.startsWith('dynamodb:'))).toEqual([]);
  });
});
