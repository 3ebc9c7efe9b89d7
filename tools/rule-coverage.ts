/**
 * `npm run rules`: for every rule of the catalogue (shared/policy/rules.ts), the function that
 * enforces it (`@enforces`) or records its evidence (`@records`, with what is recorded) and the tests
 * that assert it (tools/rule-coverage-report.ts reads the syntax trees). `--check` fails when a rule
 * of kind check has no enforcing function or no asserting test, when any rule has neither a home nor
 * an asserting test, when a rule has more than one home, or when a rule id is cited in code outside
 * its home, so a rule cannot quietly lose its proof. `--markdown` prints the same as a table.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type RecordHome, type RuleRow, ruleCoverage } from './rule-coverage-report.ts';

const { values } = parseArgs({
  options: { check: { type: 'boolean', default: false }, markdown: { type: 'boolean', default: false } },
});
const report = await ruleCoverage(resolve(import.meta.dirname, '..'));
const out = (line = '') => process.stdout.write(`${line}\n`);
const list = (items: string[], separator: string) => (items.length ? items.join(separator) : '—');
const recorded = (record: RecordHome) => `${record.home} (${record.what || 'what is recorded: not said'})`;

if (values.markdown) {
  out('| rule | kind | enforced by | recorded by | asserted by | cited by |');
  out('|---|---|---|---|---|---|');
  for (const row of report.rows)
    out(
      `| ${row.id} | ${row.kind} | ${list(row.homes, '<br>')} | ${list(row.records.map(recorded), '<br>')} | ` +
        `${list(row.tests, '<br>')} | ${list(row.citedBy, '<br>')} |`,
    );
} else {
  const indent = ' '.repeat(16);
  for (const row of report.rows) {
    out(`${row.id}  ${row.kind.padEnd(8)}  enforced by: ${list(row.homes, ', ')}`);
    for (const record of row.records) out(`${indent}recorded by: ${recorded(record)}`);
    if (row.outsideHome.length) out(`${indent}cited outside its home: ${row.outsideHome.join(', ')}`);
    if (row.citedBy.length) out(`${indent}cited by: ${row.citedBy.join(', ')}`);
    if (row.tests.length === 0) out(`${indent}asserted by: —`);
    for (const test of row.tests) out(`${indent}asserted by: ${test}`);
  }
}
const checks = report.rows.filter((row) => row.kind === 'check');
out();
/** One function that enforces it, one that records it, or one of each (CT-06). */
const oneHome = (row: RuleRow) =>
  row.homes.length <= 1 && row.records.length <= 1 && row.homes.length + row.records.length > 0;
out(
  `${report.rows.filter((row) => row.tests.length).length} of ${report.rows.length} rules asserted by a test; ` +
    `${checks.filter((row) => row.homes.length === 1 && row.tests.length).length} of ${checks.length} ` +
    'checks have one home and an asserting test; ' +
    `${report.rows.filter((row) => row.kind !== 'check' && oneHome(row)).length} of ` +
    `${report.rows.length - checks.length} other rules have their home (enforced, recorded, or one of each).`,
);
if (report.untestedOthers.length) out(`Not checks, asserted by no test: ${report.untestedOthers.join(', ')}`);
if (report.failures.length) {
  out(`${report.failures.length} failures:`);
  for (const failure of report.failures) out(`  ${failure}`);
  if (values.check) process.exitCode = 1;
}
