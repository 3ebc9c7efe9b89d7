/**
 * `npm run rules` on a small tree written for each run (issue 17): `@records` names a rule's evidence
 * home and what it records, and `--check` fails for any rule with neither one home nor a test.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecords, type RuleReport, ruleCoverage } from '../../tools/rule-coverage-report.ts';

const files: Record<string, string> = {
  'shared/services/evidence.ts': [
    '/**',
    ' * Why it is written.',
    ' * @records CT-10 — an audit entry for every reveal,',
    ' *   naming the rule',
    ' */',
    "export function auditReveal() { return { rule: 'CT-10' }; }",
    "/** @records TN-08: the incident's timeline */",
    "export const logIncident = () => ({ rule: 'TN-08' });",
    '/** @records NJ-08 */',
    "export function bare() { return 'NJ-08'; }",
    "export function elsewhere() { return 'TN-14'; }",
    "/** @records DC-09 — a first place */ export function first() { return 'DC-09'; }",
    "/** @enforces DC-09 */ export function second() { return 'DC-09'; }",
    "/** @records MO-04 — one log */ export function one() { return 'MO-04'; }",
    "/** @records MO-04 — another log */ export function another() { return 'MO-04'; }",
  ].join('\n'),
  'test/evidence.test.ts': [
    "import { expect, it } from 'vitest';",
    "import { auditReveal } from '../shared/services/evidence.ts';",
    "it('audits', () => { expect(auditReveal().rule).toBe('CT-10'); });",
    "it('checks supervisors', () => { expect(['DC-09', 'MO-04']).toHaveLength(2); });",
  ].join('\n'),
};

let root: string;
let report: RuleReport;
const row = (id: string) => report.rows.find((r) => r.id === id)!;
const failuresOf = (id: string) => report.failures.filter((failure) => failure.startsWith(`${id}:`));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rule-coverage-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  report = await ruleCoverage(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('parseRecords', () => {
  it('takes the leading ids, and what is recorded after a dash or colon', () => {
    expect(parseRecords('CT-10 — an entry (like TN-10)')).toEqual({ ids: ['CT-10'], what: 'an entry (like TN-10)' });
    expect(parseRecords('TN-06, TN-14 - the incident')).toEqual({ ids: ['TN-06', 'TN-14'], what: 'the incident' });
    expect(parseRecords('NJ-08')).toEqual({ ids: ['NJ-08'], what: '' });
  });
});

describe('ruleCoverage with @records', () => {
  it('shows the recording function and what it records, its literal at home, and the asserting test', () => {
    expect(row('CT-10')).toMatchObject({
      homes: [],
      records: [
        { home: 'shared/services/evidence.ts:auditReveal', what: 'an audit entry for every reveal, naming the rule' },
      ],
      outsideHome: [],
      tests: ['test/evidence.test.ts › audits'],
    });
    expect(failuresOf('CT-10')).toEqual([]);
  });

  it('fails an evidence rule recorded in one place until a test asserts the record', () => {
    expect(row('TN-08').records).toEqual([
      { home: 'shared/services/evidence.ts:logIncident', what: "the incident's timeline" },
    ]);
    expect(failuresOf('TN-08')).toEqual([
      'TN-08: at home in shared/services/evidence.ts:logIncident but no test asserts it',
    ]);
  });

  it('fails a @records that does not say what is recorded', () => {
    expect(failuresOf('NJ-08')).toEqual([
      'NJ-08: at home in shared/services/evidence.ts:bare but no test asserts it',
      'NJ-08: @records at shared/services/evidence.ts:bare does not say what is recorded',
    ]);
  });

  it('allows one function that enforces a rule and one that records it, never two of either', () => {
    expect(failuresOf('DC-09')).toEqual([]);
    expect(failuresOf('MO-04')).toEqual([
      'MO-04: more than one home (shared/services/evidence.ts:another, shared/services/evidence.ts:one)',
    ]);
  });

  it('fails a rule of any kind with neither a home nor a test, and an id cited outside a home', () => {
    expect(failuresOf('TN-14')).toEqual([
      'TN-14: no home (@enforces or @records) and no test asserts it',
      'TN-14: cited outside its home at shared/services/evidence.ts:11',
    ]);
    expect(failuresOf('CT-11')).toEqual(['CT-11: no home (@enforces or @records) and no test asserts it']);
    expect(failuresOf('TN-01')).toEqual(['TN-01: no function is tagged @enforces', 'TN-01: no test asserts it']);
  });
});
