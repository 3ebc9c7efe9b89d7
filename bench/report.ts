/** The results of a run: judged against the goals, printed as tables and kept as JSON. */
import type { ConsoleResult } from './console.ts';
import type { CostLine, CostResult } from './cost.ts';
import type { FunctionResult } from './functions.ts';
import { goals } from './goals.ts';
import { median } from './stats.ts';
import type { IngestResult } from './ingest.ts';
import type { QueryResult } from './query.ts';
import type { WorkflowResult } from './workflows.ts';

/** Everything bench/results.json holds. */
export interface Results {
  date: string;
  commit: string;
  durationSeconds: number;
  machine: { cpus: number; node: string; loadAverageAtStart: number[] };
  ingest: IngestResult;
  query: QueryResult;
  functions: FunctionResult[];
  workflows: WorkflowResult[];
  console: ConsoleResult | null;
  cost: CostResult;
  goals: Goal[];
}

/** One goal of the issue and where this run stands against it. */
export interface Goal {
  goal: string;
  measured: string;
  met: boolean;
}

const times = (value: number) => `${value.toFixed(2)}×`;

/** Each goal of the issue, judged on this run's numbers. */
export function judge(results: Omit<Results, 'goals'>): Goal[] {
  const { ingest, query, functions, workflows, console: site } = results;
  const applicable = functions.filter((f) => f.importRatio !== null);
  const worst = (pick: (f: FunctionResult) => number) => applicable.reduce((a, b) => (pick(b) > pick(a) ? b : a));
  const overImport = applicable.filter((f) => f.importRatio! > goals.functionImport);
  const worstImport = worst((f) => f.importRatio!);
  const twoApprovers = workflows.filter((w) => w.goal !== null);
  const floor = 'the checked-write floor (raw BatchGetItem + PutItem)';
  return [
    {
      goal: `ingest: contact service throughput ≥ ${times(goals.ingestServiceThroughput)} ${floor}`,
      measured: times(ingest.ratios.serviceVsFloor),
      met: ingest.ratios.serviceVsFloor >= goals.ingestServiceThroughput,
    },
    {
      goal: `ingest: API throughput ≥ ${times(goals.ingestApiThroughput)} the floor`,
      measured: times(ingest.ratios.apiVsFloor),
      met: ingest.ratios.apiVsFloor >= goals.ingestApiThroughput,
    },
    {
      goal: `ingest: API p99 ≤ ${times(goals.ingestApiP99)} the floor's`,
      measured: times(ingest.ratios.apiP99VsFloor),
      met: ingest.ratios.apiP99VsFloor <= goals.ingestApiP99,
    },
    {
      goal: `query: p50 at ${query.large.records.toLocaleString('en-US')} records ≤ ${times(goals.queryScaling)} at ${query.small.records.toLocaleString('en-US')}`,
      measured: times(query.ratios.p50),
      met: query.ratios.p50 <= goals.queryScaling,
    },
    {
      goal: `query: p99 at ${query.large.records.toLocaleString('en-US')} records ≤ ${times(goals.queryScaling)} at ${query.small.records.toLocaleString('en-US')}`,
      measured: times(query.ratios.p99),
      met: query.ratios.p99 <= goals.queryScaling,
    },
    {
      goal: `cold start: import CPU time of every function ≤ ${times(goals.functionImport)} its bare handler`,
      measured: `${overImport.length} of ${applicable.length} over; median ${times(medianRatio(functions, (f) => f.importRatio))}, worst ${times(worstImport.importRatio!)} (${worstImport.module})`,
      met: overImport.length === 0,
    },
    {
      goal: `console: home page's first-load JavaScript ≤ ${goals.consoleScriptKb} KB gzip`,
      measured: site
        ? `${kb(site.scriptGzipBytes)} KB (${site.scripts} scripts, ${kb(site.scriptBytes)} KB raw)`
        : 'no Chromium',
      met: site !== null && site.scriptGzipBytes <= goals.consoleScriptKb * 1024,
    },
    {
      goal: `console: home page interactive ≤ ${goals.consoleInteractiveMs} ms (median of fresh loads, sign-in round trip included)`,
      measured: site ? `${site.interactiveMs} ms` : 'no Chromium',
      met: site !== null && site.interactiveMs <= goals.consoleInteractiveMs,
    },
    ...twoApprovers.map((w) => ({
      goal: `workflows: ${w.workflow} with two approvers (${w.profile}) ≤ ${w.goal} transitions`,
      measured: String(w.transitions),
      met: w.transitions <= w.goal!,
    })),
  ];
}

/** Columns padded to their widest cell; the first left-aligned, the rest right-aligned. */
function table(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = rows.map((row) => row.map(String));
  const widths = cells[0]!.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  return cells
    .map((row) =>
      `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')}`.trimEnd(),
    )
    .join('\n');
}

const kb = (bytes: number) => (bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0);
const orNa = (value: number | null) => (value === null ? 'n/a' : times(value));

/** The median of a ratio over the functions it applies to. */
export const medianRatio = (functions: readonly FunctionResult[], pick: (f: FunctionResult) => number | null): number =>
  median(functions.map(pick).filter((value): value is number => value !== null));

/** What the functions over the import goal carry beyond their bare handlers, averaged over them. */
function overSizeContributors(functions: readonly FunctionResult[]): string[] {
  const over = functions.filter((f) => f.contributors);
  if (over.length === 0) return [];
  const totals = new Map<string, number>();
  for (const f of over)
    for (const { source, bytes } of f.contributors!) totals.set(source, (totals.get(source) ?? 0) + bytes);
  const rows = [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([source, bytes]) => [source, kb(bytes / over.length)]);
  return [
    '',
    `   Beyond the bare handler, the ${over.length} functions over the import goal carry on average (KB):`,
    table(rows),
  ];
}

/** The run as plain-text tables, one per benchmark, then the goals. */
export function render(results: Results): string {
  const { ingest, query, functions, workflows, console: site, cost } = results;
  return [
    `Benchmarks of ${results.commit}, ${results.date} (${results.durationSeconds} s on ${results.machine.cpus} CPUs, load ${results.machine.loadAverageAtStart.map((l) => l.toFixed(1)).join(' ')})`,
    '',
    `1. Contact ingest: ${ingest.count} POST /contacts at concurrency ${ingest.concurrency}, against PutItem of the same record items`,
    table([
      ['', 'per s', 'p50 ms', 'p99 ms'],
      ['API', ingest.api.throughput, ingest.api.p50Ms, ingest.api.p99Ms],
      ['raw PutItem', ingest.raw.throughput, ingest.raw.p50Ms, ingest.raw.p99Ms],
      [`service only (${ingest.service.count})`, ingest.service.throughput, ingest.service.p50Ms, ingest.service.p99Ms],
      ['floor: raw BatchGetItem + PutItem', ingest.floor.throughput, ingest.floor.p50Ms, ingest.floor.p99Ms],
      [
        `floor with TN-12's owed marker (${Math.round(ingest.owedShare * 100)}% transactions)`,
        ingest.floorWithMarker.throughput,
        ingest.floorWithMarker.p50Ms,
        ingest.floorWithMarker.p99Ms,
      ],
      ['API / floor', times(ingest.ratios.apiVsFloor), '', times(ingest.ratios.apiP99VsFloor)],
      ['service / floor', times(ingest.ratios.serviceVsFloor), '', ''],
      ['API / floor with marker', times(ingest.ratios.apiVsFloorWithMarker), '', ''],
      ['floor with marker / floor', times(ingest.ratios.floorWithMarkerVsFloor), '', ''],
      ['floor / raw PutItem', times(ingest.ratios.floorThroughput), '', ''],
    ]),
    '',
    `2. Query scaling: GET /contacts?caseId=… (a case of ${query.caseRecords} records), ${query.requests} requests to each table, one at a time, alternating`,
    table([
      ['records in the table', 'p50 ms', 'p99 ms'],
      [query.small.records.toLocaleString('en-US'), query.small.p50Ms, query.small.p99Ms],
      [query.large.records.toLocaleString('en-US'), query.large.p50Ms, query.large.p99Ms],
      ['ratio', times(query.ratios.p50), times(query.ratios.p99)],
    ]),
    '',
    '3. Cold start: import CPU time (median) against a bare handler with the same AWS SDK clients; bundle size beside it',
    table([
      ['function', 'SDK clients', 'KB', 'bare KB', 'size', 'import ms', 'bare ms', 'import'],
      ...functions.map((f) => [
        f.module,
        f.sdkClients.join(',') || '-',
        kb(f.bytes),
        kb(f.bareBytes),
        orNa(f.sizeRatio),
        f.importCpuMs,
        f.bareImportCpuMs,
        orNa(f.importRatio),
      ]),
      [
        'median of the functions with SDK clients',
        '',
        '',
        '',
        times(medianRatio(functions, (f) => f.sizeRatio)),
        '',
        '',
        times(medianRatio(functions, (f) => f.importRatio)),
      ],
    ]),
    ...overSizeContributors(functions),
    '',
    '4. Workflows: state transitions of the main path, and the Lambda invocations it makes',
    table([
      ['workflow', 'profile', 'path', 'transitions', 'Lambda', 'Lambda ms'],
      ...workflows.map((w) => [
        w.workflow,
        w.profile,
        w.path,
        w.goal === null ? w.transitions : `${w.transitions} (goal ≤ ${w.goal})`,
        w.lambdaInvocations,
        w.lambdaMs,
      ]),
    ]),
    '',
    '5. The console in Chromium: the home page',
    site
      ? table([
          ['first-load JS', 'gzip', 'scripts', `interactive (median of ${site.loads})`],
          [`${kb(site.scriptBytes)} KB`, `${kb(site.scriptGzipBytes)} KB`, site.scripts, `${site.interactiveMs} ms`],
        ])
      : '  no Chromium at /usr/bin/chromium: not measured',
    '',
    ...renderCost(cost),
    '',
    'Goals',
    table(results.goals.map((g) => [g.goal, g.measured, g.met ? 'met' : 'MISSED'])),
    '',
  ].join('\n');
}

const usd = (value: number) => (value >= 1 ? `$${value.toFixed(2)}` : `$${value.toFixed(4)}`);
const lines = (title: string, costLines: readonly CostLine[]) => [
  title,
  table([
    ['item', 'from', 'USD'],
    ...costLines.map((line) => [line.item, line.basis, usd(line.usd)]),
    ['total', '', usd(costLines.reduce((sum, line) => sum + line.usd, 0))],
  ]),
];

/** The monthly bill of one agency, from this run's counts and the dated prices. */
export function renderCost(cost: CostResult): string[] {
  const { contact, typicalMonth: typical } = cost;
  const calls = Object.entries(contact.callsPerContact)
    .map(([name, count]) => `${count} ${name}`)
    .join(', ');
  return [
    `6. Cost: one agency a month, us-east-1 list prices of ${cost.pricedOn} (bench/prices-us-east-1.json)`,
    `   A contact (POST /contacts handler, ${contact.invocations} invoked): ${calls}; ${contact.readUnitsPerContact} RRU, ${contact.writeUnitsPerContact} WRU; ${contact.durationMs} ms median on DynamoDB Local; ${contact.logBytesPerContact} B logged; ${contact.maxRssMb} MB RSS`,
    ...lines('   Idle (counted from the synthesized templates):', cost.idle),
    ...lines('   Per 10,000 contacts:', cost.perTenThousandContacts),
    ...lines('   Per account approval (one approver):', cost.perAccountApproval),
    ...lines('   Per credential rotation:', cost.perRotation),
    ...lines('   Per official account:', cost.perOfficialAccount),
    ...lines('   Per GB of table data kept:', cost.storagePerGbMonth),
    `   A typical agency (a fiftieth of docs/capacity.md's national figures: ${typical.contacts.toLocaleString('en-US')} contacts, ${typical.approvals} approvals, ${typical.rotations} rotations, ${typical.officialAccounts} accounts a month): ${usd(typical.usd)} a month`,
  ];
}
