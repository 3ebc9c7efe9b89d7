/**
 * Bundling a function exactly as CDK does (the `bundling` options of infra/lambda-defaults.ts,
 * passed to esbuild the way aws-cdk-lib's NodejsFunction passes them), and a bare handler that
 * imports only the AWS SDK clients a function's bundle contains, for comparison.
 */
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { join } from 'node:path';

/** One bundle: where it is, its size, and what went into it. */
export interface Bundle {
  file: string;
  bytes: number;
  /** Bytes each input contributes to the output, by input path. */
  inputs: Record<string, number>;
}

const handled = new Set([
  'format',
  'target',
  'mainFields',
  'externalModules',
  'minify',
  'sourceMap',
  'sourceMapMode',
  'sourcesContent',
  'charset',
  'logLevel',
  'tsconfig',
  'banner',
  'footer',
  'keepNames',
  'define',
  'loader',
  'inject',
]);

/**
 * esbuild's options for `bundling`, as aws-cdk-lib 2.276's Bundling.buildEsbuildArgs turns them
 * into CLI flags. `charset` is not among them: CDK has dropped it since 2.85
 * (https://github.com/aws/aws-cdk/issues/32649), so deployed bundles are ASCII-escaped and so are
 * these. Options this mapping does not know fail loudly rather than being measured wrong.
 */
export function cdkEsbuildOptions(bundling: BundlingOptions): BuildOptions {
  const unknown = Object.keys(bundling).filter((key) => !handled.has(key));
  if (unknown.length > 0)
    throw new Error(`bench/bundles.ts does not know how CDK passes ${unknown.join(', ')} to esbuild`);
  const sourceMapMode = bundling.sourceMapMode ?? (bundling.sourceMap ? 'default' : undefined);
  return {
    bundle: true,
    platform: 'node',
    target: bundling.target ?? 'node24',
    format: bundling.format ?? 'cjs',
    minify: bundling.minify ?? false,
    sourcemap: sourceMapMode === undefined ? false : sourceMapMode === 'default' ? true : sourceMapMode,
    sourcesContent: bundling.sourcesContent ?? true,
    external: bundling.externalModules ?? ['@aws-sdk/*'],
    ...(bundling.mainFields ? { mainFields: bundling.mainFields } : {}),
    ...(bundling.logLevel ? { logLevel: bundling.logLevel } : {}),
    ...(bundling.tsconfig ? { tsconfig: bundling.tsconfig } : {}),
    ...(bundling.banner ? { banner: { js: bundling.banner } } : {}),
    ...(bundling.footer ? { footer: { js: bundling.footer } } : {}),
    ...(bundling.keepNames ? { keepNames: true } : {}),
    ...(bundling.define ? { define: bundling.define } : {}),
    ...(bundling.loader ? { loader: bundling.loader as BuildOptions['loader'] } : {}),
    ...(bundling.inject ? { inject: bundling.inject } : {}),
  };
}

/** CDK's output file name: index.mjs for ESM. */
const outputName = (options: BuildOptions) => (options.format === 'esm' ? 'index.mjs' : 'index.js');

async function bundleWith(
  options: BuildOptions,
  entry: Pick<BuildOptions, 'entryPoints' | 'stdin'>,
  outDir: string,
): Promise<Bundle> {
  const file = join(outDir, outputName(options));
  const { metafile } = await build({ ...options, ...entry, outfile: file, metafile: true });
  const output = Object.values((metafile as Metafile).outputs).find((candidate) => candidate.entryPoint !== undefined)!;
  return {
    file,
    bytes: output.bytes,
    inputs: Object.fromEntries(Object.entries(output.inputs).map(([path, input]) => [path, input.bytesInOutput])),
  };
}

/** Bundles functions/<module>.ts into `outDir`. */
export const bundleFunction = (options: BuildOptions, entryFile: string, outDir: string): Promise<Bundle> =>
  bundleWith(options, { entryPoints: [entryFile] }, outDir);

/** The `@aws-sdk/client-*` packages that ended up in a bundle, sorted. */
export function sdkClientsIn(bundle: Bundle): string[] {
  const clients = new Set<string>();
  for (const path of Object.keys(bundle.inputs)) {
    const match = /node_modules\/(@aws-sdk\/client-[^/]+)\//.exec(path);
    if (match) clients.add(match[1]!);
  }
  return [...clients].sort();
}

/** The client class and one command of each SDK client package the functions use. */
const bareUses: Record<string, { client: string; command: string }> = {
  '@aws-sdk/client-dynamodb': { client: 'DynamoDBClient', command: 'GetItemCommand' },
  '@aws-sdk/client-kms': { client: 'KMSClient', command: 'SignCommand' },
  '@aws-sdk/client-secrets-manager': { client: 'SecretsManagerClient', command: 'GetSecretValueCommand' },
  '@aws-sdk/client-sesv2': { client: 'SESv2Client', command: 'SendEmailCommand' },
  '@aws-sdk/client-sfn': { client: 'SFNClient', command: 'StartExecutionCommand' },
};

/**
 * The source of a bare handler for `clients`: each client created once at module load, as Lambda
 * handlers conventionally do, and one command sent with the event as input — nothing else.
 */
export function bareHandlerSource(clients: readonly string[]): string {
  const uses = clients.map((name, index) => {
    const use = bareUses[name];
    if (!use) throw new Error(`No bare handler for ${name}: add its client and a command to bench/bundles.ts`);
    return { name, ...use, variable: `client${index}` };
  });
  return [
    ...uses.map((use) => `import { ${use.client}, ${use.command} } from '${use.name}';`),
    ...uses.map((use) => `const ${use.variable} = new ${use.client}({});`),
    `export const handler = async (event) => Promise.all([${uses.map((use) => `${use.variable}.send(new ${use.command}(event))`).join(', ')}]);`,
  ].join('\n');
}

/** Bundles the bare handler for `clients` into `outDir`, resolving packages from `resolveDir`. */
export const bundleBare = (
  options: BuildOptions,
  clients: readonly string[],
  resolveDir: string,
  outDir: string,
): Promise<Bundle> =>
  bundleWith(
    options,
    { stdin: { contents: bareHandlerSource(clients), resolveDir, sourcefile: 'bare-handler.mjs', loader: 'js' } },
    outDir,
  );

/**
 * What a function's bundle carries beyond its bare handler's, by npm package or, for this
 * repository's code, by directory (shared/routes, shared/policy, …), largest first.
 */
export function contributors(bundle: Bundle, bare: Bundle, top = 8): Array<{ source: string; bytes: number }> {
  const bySource = new Map<string, number>();
  for (const [path, bytes] of Object.entries(bundle.inputs)) {
    const extra = bytes - (bare.inputs[path] ?? 0);
    if (extra <= 0) continue;
    const source =
      /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1] ??
      path
        .split('/')
        .slice(0, path.startsWith('shared/') ? 2 : 1)
        .join('/');
    bySource.set(source, (bySource.get(source) ?? 0) + extra);
  }
  return [...bySource]
    .map(([source, bytes]) => ({ source, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}
