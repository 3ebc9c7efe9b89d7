/**
 * Benchmark 6, cost (issue 20.5): what one agency pays AWS a month, from counts this run measures and
 * the list prices in bench/prices-us-east-1.json (dated, with their sources). Idle: every priced
 * resource of the synthesized CDK app (both stacks, nested ones included), counted from the template,
 * never listed by hand. Per use: a POST /contacts invocation's AWS calls, DynamoDB capacity as
 * DynamoDB reports it, duration, memory and log bytes (cost-worker.ts), and each workflow path's
 * state transitions and Lambda invocations (workflows.ts).
 */
import { fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createApp } from '../infra/app.ts';
import { functionMemoryMb } from '../infra/function-settings.ts';
import { functionLogLevel } from '../infra/lambda-defaults.ts';
import { businessCounts, gauges } from '../infra/constructs/monitoring.ts';
import { AppTemplates, type Located } from '../test/infra/templates.ts';
import type { BenchRuntime } from './runtime.ts';
import { repositoryRoot } from './runtime.ts';
import { median, round } from './stats.ts';
import type { WorkflowResult } from './workflows.ts';
import type { Tally } from './cost-worker.ts';

type Prices = Record<string, number>;
const priceFile = JSON.parse(readFileSync(join(import.meta.dirname, 'prices-us-east-1.json'), 'utf8')) as {
  pricedOn: string;
  prices: Prices;
};
export const prices = priceFile.prices;
export const pricedOn = priceFile.pricedOn;

/**
 * Assumptions the bench cannot measure locally, named so the table can say so: Lambda's own log
 * lines per invocation (platform start and report records, JSON format), and the size of a month
 * (the pages price per month).
 */
export const assumptions = { lambdaPlatformLogBytes: 600 };

/** What one POST /contacts costs, measured by invoking its handler (cost-worker.ts). */
export interface ContactCounts {
  invocations: number;
  callsPerContact: Record<string, number>;
  readUnitsPerContact: number;
  writeUnitsPerContact: number;
  /** Median wall time of the handler, and so Lambda's billed duration, on DynamoDB Local. */
  durationMs: number;
  logBytesPerContact: number;
  maxRssMb: number;
}

/** Counts each contact's costs over `bodies` through the POST /contacts handler, in a process of its own. */
export async function contactCounts(runtime: BenchRuntime, bodies: readonly unknown[]): Promise<ContactCounts> {
  const environment = JSON.parse(await readFile(join(runtime.dataDir, 'function-env.json'), 'utf8')) as Record<
    string,
    string
  >;
  const worker = fork(join(import.meta.dirname, 'cost-worker.ts'), {
    // As deployed: the functions' log level in AWS, so the log bytes are what CloudWatch would ingest.
    env: { ...environment, POWERTOOLS_LOG_LEVEL: functionLogLevel },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const run = (batch: readonly unknown[]) =>
    new Promise<Tally>((resolve, reject) => {
      worker.once('message', (message: Tally | { error: string }) =>
        'error' in message ? reject(new Error(message.error)) : resolve(message),
      );
      worker.send({ callerId: runtime.endpoints.personas.caseSystem!.id, bodies: batch });
    });
  try {
    // The first few warm the module and the clients up, as the first invocations of an instance do.
    const warm = 20;
    const before = await run(bodies.slice(0, warm));
    const after = await run(bodies.slice(warm));
    const n = after.invocations - before.invocations;
    const calls = Object.fromEntries(
      Object.entries(after.calls).map(([name, count]) => [name, round((count - (before.calls[name] ?? 0)) / n, 2)]),
    );
    return {
      invocations: n,
      callsPerContact: calls,
      readUnitsPerContact: round((after.readUnits - before.readUnits) / n, 2),
      writeUnitsPerContact: round((after.writeUnits - before.writeUnits) / n, 2),
      durationMs: round(median(after.durationsMs.slice(before.durationsMs.length)), 1),
      logBytesPerContact: Math.round((after.logBytes - before.logBytes) / n),
      maxRssMb: Math.round(after.maxRssMb),
    };
  } finally {
    worker.kill();
  }
}

/** The priced resources of the app as deployed for `profile`, counted from its templates. */
export interface Inventory {
  kmsKeys: number;
  secrets: number;
  alarms: number;
  /** Metrics alarms watch: CloudWatch prices each metric of a metric-math alarm. */
  alarmMetrics: number;
  compositeAlarms: number;
  dashboards: number;
  logGroups: number;
  metricFilters: number;
  /** The application's embedded metrics (infra/constructs/monitoring.ts lists them), one custom metric each. */
  appMetrics: number;
  webAcls: number;
  webAclRules: number;
  functions: number;
  tables: number;
  backupRules: Array<{ name: string; deleteAfterDays: number | null }>;
}

/** Synthesizes the app (no bundling) as a deployment with its edge would, and counts what is priced. */
export function inventory(profile = 'tn-dcs'): Inventory {
  const cdkJson = JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const { stack, edge } = createApp({
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      profile,
      oidcIssuer: 'https://login.agency.example/oauth2',
      oidcAudience: 'official-accounts',
      senderAddress: 'no-reply@agency.example',
      alarmEmail: 'oncall@agency.example',
      apiDomainName: 'api-origin.agency.example',
      apiCertificateArn: 'arn:aws:acm:us-east-2:123456789012:certificate/11111111-2222-3333-4444-555555555555',
      publicDomainName: 'accounts.agency.example',
      publicCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000',
      consoleClientId: 'official-accounts-console',
    },
  });
  const all: Located[] = [stack, ...(edge ? [edge] : [])].flatMap((root) => new AppTemplates(root).resources());
  const ofType = (type: string) => all.filter((entry) => entry.resource.Type === type);
  const alarms = ofType('AWS::CloudWatch::Alarm');
  const acls = ofType('AWS::WAFv2::WebACL');
  const plans = ofType('AWS::Backup::BackupPlan');
  return {
    kmsKeys: ofType('AWS::KMS::Key').length,
    secrets: ofType('AWS::SecretsManager::Secret').length,
    alarms: alarms.length,
    alarmMetrics: alarms.reduce((sum, { resource }) => {
      const metrics = resource.Properties.Metrics as Array<{ MetricStat?: unknown }> | undefined;
      return sum + (metrics ? metrics.filter((m) => m.MetricStat).length : 1);
    }, 0),
    compositeAlarms: ofType('AWS::CloudWatch::CompositeAlarm').length,
    dashboards: ofType('AWS::CloudWatch::Dashboard').length,
    logGroups: ofType('AWS::Logs::LogGroup').length,
    metricFilters: ofType('AWS::Logs::MetricFilter').length,
    appMetrics: businessCounts.length + gauges.length,
    webAcls: acls.length,
    webAclRules: acls.reduce((sum, { resource }) => sum + ((resource.Properties.Rules as unknown[]) ?? []).length, 0),
    functions: ofType('AWS::Lambda::Function').length,
    tables: ofType('AWS::DynamoDB::Table').length + ofType('AWS::DynamoDB::GlobalTable').length,
    backupRules: plans.flatMap(({ resource }) =>
      (
        resource.Properties.BackupPlan.BackupPlanRule as Array<{
          RuleName: string;
          Lifecycle?: { DeleteAfterDays?: number };
        }>
      ).map((rule) => ({ name: rule.RuleName, deleteAfterDays: rule.Lifecycle?.DeleteAfterDays ?? null })),
    ),
  };
}

/** One line of the monthly bill. */
export interface CostLine {
  item: string;
  basis: string;
  usd: number;
}

/** Everything the cost table prints. */
export interface CostResult {
  pricedOn: string;
  inventory: Inventory;
  contact: ContactCounts;
  idle: CostLine[];
  perTenThousandContacts: CostLine[];
  perAccountApproval: CostLine[];
  perRotation: CostLine[];
  perOfficialAccount: CostLine[];
  /** Storage and backups of a year of contacts at the typical agency's rate, per month. */
  storagePerGbMonth: CostLine[];
  /** A stored contact record's size, which storage and backups are priced on. */
  contactItemBytes: number;
  /** A typical agency: a fiftieth of the national figures of docs/capacity.md. */
  typicalMonth: { contacts: number; approvals: number; rotations: number; officialAccounts: number; usd: number };
}

const money = (value: number) => round(value, 4);
const gb = 1024 ** 3;

/** Lambda's price of `invocations` lasting `ms` each (billed per ms) at the functions' memory. */
const lambdaCost = (invocations: number, ms: number) =>
  invocations * prices.lambdaRequest! +
  invocations * (Math.ceil(ms) / 1000) * (functionMemoryMb / 1024) * prices.lambdaArmGbSecond!;

/** What a workflow path costs per execution: transitions, and its Lambda invocations at their measured time. */
function workflowLines(path: WorkflowResult | undefined, apiRequests: number): CostLine[] {
  if (!path) return [];
  const ms = path.lambdaInvocations > 0 ? path.lambdaMs / path.lambdaInvocations : 0;
  return [
    {
      item: 'Step Functions',
      basis: `${path.transitions} transitions (${path.workflow}, ${path.profile})`,
      usd: money(path.transitions * prices.stepFunctionsStandardTransition!),
    },
    {
      item: 'Lambda (tasks)',
      basis: `${path.lambdaInvocations} invocations, ${Math.round(ms)} ms each`,
      usd: money(lambdaCost(path.lambdaInvocations, ms)),
    },
    {
      item: 'API Gateway + WAF + CloudFront',
      basis: `about ${apiRequests} requests (forms, links, reads)`,
      usd: money(apiRequests * (prices.httpApiRequest! + prices.wafRequest! + prices.cloudfrontRequestHttps!)),
    },
  ];
}

/** The bill, from this run's counts. */
export function costs(
  contact: ContactCounts,
  workflows: readonly WorkflowResult[],
  counted: Inventory,
  contactItemBytes: number,
): CostResult {
  const idle: CostLine[] = [
    { item: 'KMS keys', basis: `${counted.kmsKeys} keys`, usd: counted.kmsKeys * prices.kmsKeyMonth! },
    {
      item: 'Secrets Manager (the app’s own)',
      basis: `${counted.secrets} secrets`,
      usd: counted.secrets * prices.secretMonth!,
    },
    {
      item: 'CloudWatch alarms',
      basis: `${counted.alarms} alarms on ${counted.alarmMetrics} metrics, ${counted.compositeAlarms} composite`,
      usd: counted.alarmMetrics * prices.cloudwatchAlarmMetricMonth! + counted.compositeAlarms * 0.5,
    },
    {
      item: 'CloudWatch dashboards',
      basis: `${counted.dashboards} dashboards`,
      usd: counted.dashboards * prices.cloudwatchDashboardMonth!,
    },
    {
      item: 'CloudWatch custom metrics',
      basis: `${counted.appMetrics} embedded metrics, ${counted.metricFilters} metric filters`,
      usd: (counted.appMetrics + counted.metricFilters) * prices.cloudwatchCustomMetricMonth!,
    },
    {
      item: 'AWS WAF',
      basis: `${counted.webAcls} web ACL, ${counted.webAclRules} rules`,
      usd: counted.webAcls * prices.wafWebAclMonth! + counted.webAclRules * prices.wafRuleMonth!,
    },
  ].map((line) => ({ ...line, usd: money(line.usd) }));

  const n = 10_000;
  const reads = contact.readUnitsPerContact * n;
  const writes = contact.writeUnitsPerContact * n;
  const logBytes = (contact.logBytesPerContact + assumptions.lambdaPlatformLogBytes) * n;
  const perTenThousandContacts: CostLine[] = [
    {
      item: 'Lambda',
      basis: `${n} invocations × ${contact.durationMs} ms × ${functionMemoryMb} MB (arm64)`,
      usd: lambdaCost(n, contact.durationMs),
    },
    {
      item: 'DynamoDB requests',
      basis: `${contact.readUnitsPerContact} RRU + ${contact.writeUnitsPerContact} WRU a contact (ConsumedCapacity)`,
      usd: reads * prices.dynamodbReadRequestUnit! + writes * prices.dynamodbWriteRequestUnit!,
    },
    {
      item: 'API Gateway + WAF + CloudFront',
      basis: `${n} requests`,
      usd: n * (prices.httpApiRequest! + prices.wafRequest! + prices.cloudfrontRequestHttps!),
    },
    {
      item: 'CloudWatch Logs',
      basis: `${contact.logBytesPerContact} B logged + ~${assumptions.lambdaPlatformLogBytes} B Lambda's own a contact`,
      usd: (logBytes / gb) * prices.cloudwatchLogsIngestGb!,
    },
  ].map((line) => ({ ...line, usd: money(line.usd) }));

  const approval = workflows.find((w) => w.workflow === 'AccountApproval' && w.profile === 'tn-dcs');
  const rotation = workflows.find((w) => w.workflow === 'CredentialRotation');
  const perAccountApproval = workflowLines(approval, 6);
  const perRotation = [
    ...workflowLines(rotation, 6),
    {
      item: 'Secrets Manager API',
      basis: 'about 8 calls (put pending, reveal, promote, describe)',
      usd: money(8 * prices.secretsManagerApiCall!),
    },
  ];
  const perOfficialAccount: CostLine[] = [
    { item: 'Secrets Manager', basis: 'one secret per account login', usd: prices.secretMonth! },
  ];
  const dailies = counted.backupRules.reduce((sum, rule) => {
    // Copies kept at once: a daily rule keeps deleteAfterDays of them, a monthly one deleteAfterDays / 30.
    const copies = rule.deleteAfterDays === null ? 0 : rule.deleteAfterDays / (/month/i.test(rule.name) ? 30.4 : 1);
    return sum + copies;
  }, 0);
  const storagePerGbMonth: CostLine[] = [
    { item: 'DynamoDB storage', basis: 'per GB of tables', usd: prices.dynamodbStorageGbMonth! },
    { item: 'Point-in-time recovery', basis: 'per GB of tables, 35 days', usd: prices.dynamodbPitrGbMonth! },
    {
      item: 'AWS Backup copies',
      basis: `${Math.round(dailies)} full copies kept (${counted.backupRules.map((r) => `${r.name} ${r.deleteAfterDays} d`).join(', ')})`,
      usd: money(dailies * prices.backupDynamodbWarmGbMonth!),
    },
  ];

  const sum = (lines: readonly CostLine[]) => lines.reduce((total, line) => total + line.usd, 0);
  const typical = { contacts: 16_700, approvals: 4, rotations: 30, officialAccounts: 25 };
  // A year of contacts in the table, with their indexes (the item size counted once per index it is projected to).
  const storedGb = (typical.contacts * 12 * contactItemBytes * 4) / gb;
  const usd =
    sum(idle) +
    (sum(perTenThousandContacts) * typical.contacts) / n +
    sum(perAccountApproval) * typical.approvals +
    sum(perRotation) * typical.rotations +
    sum(perOfficialAccount) * typical.officialAccounts +
    sum(storagePerGbMonth) * storedGb;
  return {
    pricedOn,
    inventory: counted,
    contact,
    idle,
    perTenThousandContacts,
    perAccountApproval,
    perRotation,
    perOfficialAccount,
    storagePerGbMonth,
    contactItemBytes,
    typicalMonth: { ...typical, usd: round(usd, 2) },
  };
}

/** An item's size as DynamoDB counts it, near enough: attribute names and values, as UTF-8. */
export function itemBytes(item: Record<string, unknown>): number {
  const size = (value: unknown): number => {
    if (value === null || typeof value !== 'object') return Buffer.byteLength(String(value ?? ''));
    return Object.entries(value as Record<string, unknown>).reduce(
      (sum, [key, inner]) =>
        sum + (/^(S|N|B|BOOL|NULL|M|L|SS|NS|BS)$/.test(key) ? 0 : Buffer.byteLength(key)) + size(inner),
      0,
    );
  };
  return size(item);
}
