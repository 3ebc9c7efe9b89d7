/**
 * Benchmark 3, functions: every function bundled as CDK bundles it, its size and the time a fresh
 * Node process takes to import it, against a bare handler importing only the AWS SDK clients the
 * function's bundle contains. Import times are medians over a few rounds of fresh processes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsOnlyEnvironment, bundling, functionLogLevel } from '../infra/lambda-defaults.ts';
import { functionEnvironment } from '../infra/function-settings.ts';
import { functionModules } from '../local/functions.ts';
import { tables, type TableKey } from '../shared/tables.ts';
import { triggers, type TriggerKey } from '../shared/triggers.ts';
import { workflows, type WorkflowKey } from '../shared/workflows.ts';
import { goals } from './goals.ts';
import { bundleBare, bundleFunction, cdkEsbuildOptions, contributors, sdkClientsIn, type Bundle } from './bundles.ts';
import { importSample, type ImportSample } from './import-time.ts';
import { repositoryRoot } from './runtime.ts';
import { atConcurrency } from './load.ts';
import { median, ratio, round } from './stats.ts';

/** One function against its bare handler; ratios are null where it uses no SDK client at all. */
export interface FunctionResult {
  module: string;
  sdkClients: string[];
  bytes: number;
  bareBytes: number;
  sizeRatio: number | null;
  /** Medians over the rounds: CPU time (what the goal is judged on) and wall time of the import. */
  importCpuMs: number;
  bareImportCpuMs: number;
  importRatio: number | null;
  importWallMs: number;
  bareImportWallMs: number;
  /** Where the bytes beyond the bare handler's come from, for a function over the import goal. */
  contributors?: Array<{ source: string; bytes: number }>;
}

/** Rounds of fresh-process imports per bundle (the median is kept), and esbuild builds in flight. */
export const functionsSettings = { rounds: 7, bundleConcurrency: 4 };

/** The environment functions get in AWS, with placeholder names: importing reads some of it. */
function lambdaEnvironment(): Record<string, string> {
  const arn = (kind: string, name: string) => `arn:aws:${kind}:us-east-1:000000000000:${name}`;
  return {
    AWS_REGION: 'us-east-1',
    ...functionEnvironment({
      profile: 'tn-dcs',
      publicBaseUrl: 'https://api.example.invalid',
      senderAddress: 'no-reply@example.invalid',
      mailConfigurationSet: 'bench',
      tableNames: Object.fromEntries(Object.keys(tables).map((key) => [key, key])) as Record<TableKey, string>,
      stateMachineArns: Object.fromEntries(
        Object.keys(workflows).map((key) => [key, arn('states', `stateMachine:${key}`)]),
      ) as Record<WorkflowKey, string>,
      triggerArns: Object.fromEntries(
        Object.keys(triggers).map((key) => [key, arn('lambda', `function:${key}`)]),
      ) as Record<TriggerKey, string>,
      hmacKeySecretId: 'hmac-key',
      scimTokenSecretId: 'scim-token',
      mailSealingKeySecretId: 'mail-sealing-key',
      logLevel: functionLogLevel,
    }),
    // NODE_OPTIONS=--enable-source-maps, as deployed: Node then reads each bundle's source map on load.
    ...awsOnlyEnvironment(arn('kms', 'key/placeholder')),
  };
}

/**
 * One round's imports: each function once, and its bare handler before every eighth of them and
 * after the last, so each baseline is sampled throughout the round it is compared in.
 */
function roundOfImports(groups: ReadonlyMap<string, string[]>): string[] {
  const files: string[] = [];
  for (const [bareFile, functionFiles] of groups) {
    functionFiles.forEach((file, index) => {
      if (index % 8 === 0) files.push(bareFile);
      files.push(file);
    });
    files.push(bareFile);
  }
  return files;
}

/** Runs the benchmark: needs no runtime, only esbuild and fresh Node processes. */
export async function functionsBenchmark(settings = functionsSettings): Promise<FunctionResult[]> {
  const options = { ...cdkEsbuildOptions(bundling), absWorkingDir: repositoryRoot };
  const outRoot = await mkdtemp(join(tmpdir(), 'oa-bench-bundles-'));
  try {
    const modules = [...new Set(functionModules().values())];
    const bundles = new Map<string, Bundle>();
    await atConcurrency(modules, settings.bundleConcurrency, async (module) => {
      bundles.set(
        module,
        await bundleFunction(
          options,
          join(repositoryRoot, 'functions', `${module}.ts`),
          join(outRoot, 'functions', module),
        ),
      );
    });
    const clientsOf = new Map(modules.map((module) => [module, sdkClientsIn(bundles.get(module)!)]));
    const bares = new Map<string, Bundle>();
    for (const clients of clientsOf.values()) {
      const key = clients.join('+');
      if (!bares.has(key))
        bares.set(key, await bundleBare(options, clients, repositoryRoot, join(outRoot, 'bare', String(bares.size))));
    }
    const bareOf = (module: string) => bares.get(clientsOf.get(module)!.join('+'))!;

    const groups = new Map<string, string[]>();
    for (const module of modules)
      groups.set(bareOf(module).file, [...(groups.get(bareOf(module).file) ?? []), bundles.get(module)!.file]);
    const environment = lambdaEnvironment();
    const samples = new Map<string, ImportSample[]>();
    for (let pass = 0; pass < settings.rounds; pass++) {
      // Two at a time, one per core: CPU time does not count waiting for a core.
      await atConcurrency(roundOfImports(groups), 2, async (file) => {
        samples.set(file, [...(samples.get(file) ?? []), await importSample(file, environment)]);
      });
    }
    const medianOf = (file: string, pick: (sample: ImportSample) => number) => median(samples.get(file)!.map(pick));

    return modules.map((module) => {
      const bundle = bundles.get(module)!;
      const bare = bareOf(module);
      const clients = clientsOf.get(module)!;
      const cpu = { subject: medianOf(bundle.file, (s) => s.cpuMs), bare: medianOf(bare.file, (s) => s.cpuMs) };
      const result: FunctionResult = {
        module,
        sdkClients: clients.map((name) => name.replace('@aws-sdk/client-', '')),
        bytes: bundle.bytes,
        bareBytes: bare.bytes,
        sizeRatio: clients.length > 0 ? ratio(bundle.bytes, bare.bytes) : null,
        importCpuMs: round(cpu.subject, 1),
        bareImportCpuMs: round(cpu.bare, 1),
        importRatio: clients.length > 0 ? ratio(cpu.subject, cpu.bare) : null,
        importWallMs: round(
          medianOf(bundle.file, (s) => s.wallMs),
          1,
        ),
        bareImportWallMs: round(
          medianOf(bare.file, (s) => s.wallMs),
          1,
        ),
      };
      if (result.importRatio !== null && result.importRatio > goals.functionImport)
        result.contributors = contributors(bundle, bare);
      return result;
    });
  } finally {
    await rm(outRoot, { recursive: true, force: true });
  }
}
