/**
 * A handler's bundle carries its own route and no other: each handler imports its route const from
 * shared/routes/<capability>.ts, and esbuild drops the capability's other routes (their summaries
 * and schema references) as long as a route const is only literals and references — a spread or a
 * call in one makes esbuild keep it in every bundle that imports its file. Two handlers are bundled
 * exactly as CDK does (bench/bundles.ts); every route const is also bundled alone, in one build
 * with packages left external, so a spread in any capability file fails here too.
 */
import { build, type Plugin } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunction, cdkEsbuildOptions, type Bundle } from '../../bench/bundles.ts';
import { bundling, repositoryRoot } from '../../infra/lambda-defaults.ts';
import { routeList, routes, type RouteDefinition } from '../../shared/routes/index.ts';

const routesDir = join(repositoryRoot, 'shared/routes');

/** Every exported route const of the capability files, with the file it is in. */
const routeConsts = await Promise.all(
  readdirSync(routesDir)
    .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && file !== 'types.ts')
    .map(async (file) => {
      const module = (await import(join(routesDir, file))) as Record<string, unknown>;
      return Object.entries(module)
        .filter((entry): entry is [string, RouteDefinition] => entry[0].endsWith('Route'))
        .map(([name, route]) => ({ name, file, route }));
    }),
).then((perFile) => perFile.flat());

/**
 * What to look for of a summary in bundled text: its longest run of characters that esbuild
 * writes unchanged inside a string literal (ASCII, no quote or backslash), minified or not.
 */
const needleOf = (summary: string): string =>
  summary.split(/[^\x20-\x7e]|["'`\\]/).reduce((longest, run) => (run.length > longest.length ? run : longest), '');

/** The summaries of every route but `route`, as needles. */
const othersThan = (route: RouteDefinition) =>
  routeList()
    .filter((other) => other.handler !== route.handler)
    .map((other) => needleOf(other.summary));

describe('the route table', () => {
  it('keys every route by its method and path, the key route-handler logs', () => {
    for (const [key, route] of Object.entries(routes)) expect(key).toBe(`${route.method} ${route.path}`);
  });

  it('has one exported route const per route, named after its handler module', () => {
    const camel = (module: string) =>
      module
        .split('/')
        .at(-1)!
        .replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
    expect(routeConsts.map(({ name }) => name).sort()).toEqual(
      routeList()
        .map((route) => `${camel(route.handler)}Route`)
        .sort(),
    );
    for (const { name, route } of routeConsts) expect(`${camel(route.handler)}Route`).toBe(name);
  });

  it('tells routes apart by their summaries (what the bundle checks look for)', () => {
    const needles = routeList().map((route) => needleOf(route.summary));
    expect(new Set(needles).size).toBe(needles.length);
    for (const needle of needles) expect(needle.length).toBeGreaterThanOrEqual(30);
  });
});

describe('a route const bundled alone', () => {
  let outputs: Map<string, string>;

  beforeAll(async () => {
    // One build, one virtual entry per route const: `import { xRoute } from '…/x.ts'; console.log(xRoute);`.
    const entries: Plugin = {
      name: 'route-entries',
      setup(build) {
        build.onResolve({ filter: /^route-entry:/ }, ({ path }) => ({
          path: path.slice('route-entry:'.length),
          namespace: 'route-entry',
        }));
        build.onLoad({ filter: /.*/, namespace: 'route-entry' }, ({ path }) => {
          const { name, file } = routeConsts.find((candidate) => candidate.name === path)!;
          return {
            contents: `import { ${name} } from ${JSON.stringify(join(routesDir, file))};\nconsole.log(${name});`,
            resolveDir: repositoryRoot,
            loader: 'ts',
          };
        });
      },
    };
    const result = await build({
      entryPoints: Object.fromEntries(routeConsts.map(({ name }) => [name, `route-entry:${name}`])),
      bundle: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      minify: true,
      write: false,
      outdir: join(tmpdir(), 'route-bundles'),
      plugins: [entries],
      logLevel: 'silent',
    });
    outputs = new Map(result.outputFiles.map((file) => [file.path.split('/').at(-1)!.replace(/\.js$/, ''), file.text]));
  });

  it.each(routeConsts.map(({ name, route }) => [name, route] as const))(
    "%s carries its own summary and no other route's",
    (name, route) => {
      const text = outputs.get(name)!;
      expect(text).toContain(needleOf(route.summary));
      const others = othersThan(route).filter((needle) => text.includes(needle));
      expect(others, 'summaries of other routes in the bundle').toEqual([]);
    },
  );
});

describe('a handler bundled as CDK bundles it', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'route-bundles-'));
  const bundles = new Map<string, { bundle: Bundle; text: string }>();
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const handlers = [
    { module: 'contacts/record-contact', capability: 'shared/routes/contacts.ts' },
    { module: 'account-requests/get-account-request', capability: 'shared/routes/account-requests.ts' },
  ];

  beforeAll(async () => {
    for (const { module } of handlers) {
      const dir = join(outDir, module.replace('/', '-'));
      const bundle = await bundleFunction(
        cdkEsbuildOptions(bundling),
        join(repositoryRoot, 'functions', `${module}.ts`),
        dir,
      );
      bundles.set(module, { bundle, text: readFileSync(bundle.file, 'utf8') });
    }
  }, 60_000);

  it.each(handlers)(
    '$module takes only its own capability file of shared/routes, never the table',
    ({ module, capability }) => {
      const { bundle } = bundles.get(module)!;
      const routeInputs = Object.entries(bundle.inputs)
        .filter(([path, bytes]) => path.startsWith('shared/routes/') && bytes > 0)
        .map(([path]) => path);
      expect(routeInputs).toEqual([capability]);
    },
  );

  it.each(handlers)("$module carries its own route's summary and no other route's", ({ module }) => {
    const { text } = bundles.get(module)!;
    const route = routeList().find((candidate) => candidate.handler === module)!;
    expect(text).toContain(needleOf(route.summary));
    expect(
      othersThan(route).filter((needle) => text.includes(needle)),
      'summaries of other routes in the bundle',
    ).toEqual([]);
  });
});
