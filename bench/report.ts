/** The results of a run: judged against the goals, printed as tables and kept as JSON. */
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
  const { ingest, query, functions, workflows } = results;
  const applicable = functions.filter((f) => f.sizeRatio !== null && f.importRatio !== null);
  const worst = (pick: (f: FunctionResult) => number) => applicable.reduce((a, b) => (pick(b) > pick(a) ? b : a));
  const overSize = applicable.filter((f) => f.sizeRatio! > goals.functionSize);
  const overImport = applicable.filter((f) => f.importRatio! > goals.functionImport);
  const twoApprovers = workflows.find((w) => w.goal !== null)!;
  const worstSize = worst((f) => f.sizeRatio!);
  const worstImport = worst((f) => f.importRatio!);
  return [
    {
      goal: `ingest: API throughput ≥ ${times(goals.ingestThroughput)} raw PutItem`,
      measured: times(ingest.ratios.throughput),
      met: ingest.ratios.throughput >= goals.ingestThroughput,
    },
    {
      goal: `ingest: API p99 ≤ ${times(goals.ingestP99)} raw PutItem`,
      measured: times(ingest.ratios.p99),
      met: ingest.ratios.p99 <= goals.ingestP99,
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
      goal: `functions: bundle ≤ ${times(goals.functionSize)} bare handler`,
      measured: `${overSize.length} of ${applicable.length} over; median ${times(medianRatio(functions, (f) => f.sizeRatio))}, worst ${times(worstSize.sizeRatio!)} (${worstSize.module})`,
      met: overSize.length === 0,
    },
    {
      goal: `functions: import CPU time ≤ ${times(goals.functionImport)} bare handler`,
      measured: `${overImport.length} of ${applicable.length} over; median ${times(medianRatio(functions, (f) => f.importRatio))}, worst ${times(worstImport.importRatio!)} (${worstImport.module})`,
      met: overImport.length === 0,
    },
    {
      goal: `workflows: two-approver account approval (${twoApprovers.profile}) ≤ ${twoApprovers.goal} transitions`,
      measured: String(twoApprovers.transitions),
      met: twoApprovers.transitions <= twoApprovers.goal!,
    },
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

/** What the functions over the size goal carry beyond their bare handlers, averaged over them. */
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
    `   Beyond the bare handler, the ${over.length} functions over the size goal carry on average (KB):`,
    table(rows),
  ];
}

/** The run as plain-text tables, one per benchmark, then the goals. */
export function render(results: Results): string {
  const { ingest, query, functions, workflows } = results;
  return [
    `Benchmarks of ${results.commit}, ${results.date} (${results.durationSeconds} s on ${results.machine.cpus} CPUs, load ${results.machine.loadAverageAtStart.map((l) => l.toFixed(1)).join(' ')})`,
    '',
    `1. Contact ingest: ${ingest.count} POST /contacts at concurrency ${ingest.concurrency}, against PutItem of the same record items`,
    table([
      ['', 'per s', 'p50 ms', 'p99 ms'],
      ['API', ingest.api.throughput, ingest.api.p50Ms, ingest.api.p99Ms],
      ['raw PutItem', ingest.raw.throughput, ingest.raw.p50Ms, ingest.raw.p99Ms],
      [`service only (${ingest.service.count})`, ingest.service.throughput, ingest.service.p50Ms, ingest.service.p99Ms],
      ['raw BatchGetItem + PutItem', ingest.floor.throughput, ingest.floor.p50Ms, ingest.floor.p99Ms],
      ['API / raw', times(ingest.ratios.throughput), times(ingest.ratios.p50), times(ingest.ratios.p99)],
      ['service / raw', times(ingest.ratios.serviceThroughput), '', ''],
      ['BatchGetItem + PutItem / raw', times(ingest.ratios.floorThroughput), '', ''],
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
    '3. Functions: bundle size and import CPU time (median) against a bare handler with the same AWS SDK clients',
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
    '4. Workflows: state transitions of the main path',
    table([
      ['workflow', 'profile', 'path', 'transitions'],
      ...workflows.map((w) => [
        w.workflow,
        w.profile,
        w.path,
        w.goal === null ? w.transitions : `${w.transitions} (goal ≤ ${w.goal})`,
      ]),
    ]),
    '',
    'Goals',
    table(results.goals.map((g) => [g.goal, g.measured, g.met ? 'met' : 'MISSED'])),
    '',
  ].join('\n');
}
