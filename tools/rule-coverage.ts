/**
 * `npm run rules`: for every rule of the catalogue (shared/policy/rules.ts), the code and the
 * tests that cite it. `--check` fails when a rule that software enforces (kind check, workflow or
 * setting) is cited by no test, so a rule cannot quietly lose its proof.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rules, type RuleId } from '../shared/policy/rules.ts';

const root = resolve(import.meta.dirname, '..');
const codeDirs = ['functions', 'shared', 'workflows', 'infra'];
const testDirs = ['test'];

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(ts|json)$/.test(entry.name)) yield path;
  }
}

async function citations(dirs: string[]): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  const pattern = /\b(TN|DC|MO|NJ|CT)-\d{2}\b/g;
  for (const dir of dirs) {
    for await (const file of files(join(root, dir))) {
      // The catalogue and the profiles list every id; citing them there proves nothing.
      if (/shared\/policy\/(rules|profiles\/)/.test(file)) continue;
      for (const [id] of (await readFile(file, 'utf8')).matchAll(pattern)) {
        (found.get(id) ?? found.set(id, new Set()).get(id)!).add(relative(root, file));
      }
    }
  }
  return found;
}

const { values } = parseArgs({
  options: { check: { type: 'boolean', default: false }, markdown: { type: 'boolean', default: false } },
});
const [code, tests] = await Promise.all([citations(codeDirs), citations(testDirs)]);
const rows = (Object.keys(rules) as RuleId[]).map((id) => ({
  id,
  kind: rules[id].kind,
  code: [...(code.get(id) ?? [])].sort(),
  tests: [...(tests.get(id) ?? [])].sort(),
}));

if (values.markdown) {
  process.stdout.write('| rule | kind | code | tests |\n|---|---|---|---|\n');
  for (const row of rows)
    process.stdout.write(
      `| ${row.id} | ${row.kind} | ${row.code.join('<br>') || '—'} | ${row.tests.join('<br>') || '—'} |\n`,
    );
} else {
  for (const row of rows) {
    process.stdout.write(
      `${row.id}  ${row.kind.padEnd(8)}  code: ` +
        `${row.code.length ? row.code.join(', ') : '-'}\n${' '.repeat(16)}tests: ` +
        `${row.tests.length ? row.tests.join(', ') : '-'}\n`,
    );
  }
}
const enforced = rows.filter((row) => row.kind !== 'conduct' && row.kind !== 'evidence');
const untested = enforced.filter((row) => row.tests.length === 0);
process.stdout.write(
  `\n${rows.filter((r) => r.tests.length).length} of ${rows.length} rules cited by a test; ` +
    `${enforced.length - untested.length} of ${enforced.length} enforced rules tested.\n`,
);
if (values.check && untested.length > 0) {
  process.stdout.write(`Enforced rules no test cites: ${untested.map((r) => r.id).join(', ')}\n`);
  process.exitCode = 1;
}
