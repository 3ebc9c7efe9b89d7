/**
 * The logic of `npm run rules`, read from the syntax trees (TypeScript compiler API) rather than the
 * text, so a comment or a test title that mentions a rule proves nothing. For each rule of the
 * catalogue: its home, the one function tagged `@enforces <id>` (it refuses or applies the rule) or
 * `@records <id> — <what is recorded>` (it writes the evidence that carries the id), any rule-id
 * literal in shared/ or functions/ outside that home, and the tests whose `expect(...)` chains (or the
 * file's own expecting helpers) carry the id. Exported so test/tree/rules.test.ts and
 * test/tools/rule-coverage-report.test.ts run it without a process.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { type RuleId, type RuleKind, rules } from '../shared/policy/rules.ts';

export interface RuleRow {
  id: RuleId;
  kind: RuleKind;
  /** `file:function` of every function tagged `@enforces <id>`. */
  homes: string[];
  /** Every function tagged `@records <id> — <what>`: its `file:function` and what it records. */
  records: RecordHome[];
  /** `file:line` of rule-id literals in code that sit in no function tagged with the id. */
  outsideHome: string[];
  /** `file › describe › test` of every test that asserts the id. */
  tests: string[];
  /** Profiles and workflow definitions that cite the id (settings and workflows live there). */
  citedBy: string[];
}

/** A function that writes a rule's evidence, and what the evidence is, in the tag's own words. */
export interface RecordHome {
  home: string;
  what: string;
}

export interface RuleReport {
  rows: RuleRow[];
  /** Why `--check` fails, one line each; empty when it passes. */
  failures: string[];
  /** Rules not of kind `check` that no test asserts: reported; failing only without a home. */
  untestedOthers: RuleId[];
}

const ids = new Set(Object.keys(rules));
const idPattern = /\b[A-Z]{2}-\d{2}\b/g;
const idsIn = (text: string): RuleId[] => [...text.matchAll(idPattern)].map(([m]) => m).filter(isRuleId);
const isRuleId = (text: string): text is RuleId => ids.has(text);

async function* walk(dir: string, keep: (name: string) => boolean): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') yield* walk(path, keep);
    else if (entry.isFile() && keep(entry.name)) yield path;
  }
}

async function parse(path: string): Promise<ts.SourceFile> {
  return ts.createSourceFile(path, await readFile(path, 'utf8'), ts.ScriptTarget.Latest, true);
}

const isStringLike = (node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral =>
  ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);

/** The name a function is known by: its own, its variable's, its property's or method's. */
function functionName(node: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText();
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && node.parent) {
    const parent = node.parent;
    if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText();
  }
  return undefined;
}

/** The texts of a function's `@<name>` tags (on the function, or on the statement declaring it). */
function tagTexts(node: ts.Node, name: 'enforces' | 'records'): string[] {
  const holders = [node];
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(node.parent))
    holders.push(node.parent);
  // An arrow function's tags are its declaration's too: each tag once.
  const tags = new Set(holders.flatMap((holder) => ts.getJSDocTags(holder)));
  return [...tags]
    .filter((tag) => tag.tagName.text === name)
    .map((tag) => (ts.getTextOfJSDocComment(tag.comment) ?? '').replace(/\s+/g, ' ').trim());
}

/** Rule ids a function's `@enforces` tags name. */
const enforcedBy = (node: ts.Node): RuleId[] => tagTexts(node, 'enforces').flatMap(idsIn);

/**
 * What a `@records` tag says: the ids it leads with, then (after a dash or colon) what is recorded,
 * e.g. `@records CT-10 — an audit entry for every reveal`. Ids in the description are not its.
 */
export function parseRecords(text: string): { ids: RuleId[]; what: string } {
  const [, lead = '', what = ''] = /^((?:[A-Z]{2}-\d{2}[\s,]*)+)(?:[—–:-]\s*)?(.*)$/.exec(text.trim()) ?? [];
  return { ids: idsIn(lead), what: what.trim() };
}

/** Rule ids a function's `@records` tags name, with what each records. */
const recordedBy = (node: ts.Node): { ids: RuleId[]; what: string }[] => tagTexts(node, 'records').map(parseRecords);

/** Rule ids whose home `node` is, by either tag: their literals belong there. */
const homeOf = (node: ts.Node): RuleId[] => [...enforcedBy(node), ...recordedBy(node).flatMap((r) => r.ids)];

const isFunctionLike = (node: ts.Node): boolean =>
  ts.isFunctionDeclaration(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isArrowFunction(node) ||
  ts.isFunctionExpression(node);

/** OpenAPI examples show a refusal; they do not make one. */
function inExample(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node; at; at = at.parent)
    if (ts.isPropertyAssignment(at) && at.name.getText() === 'examples') return true;
  return false;
}

async function scanCode(
  root: string,
  homes: Map<RuleId, Set<string>>,
  records: Map<RuleId, RecordHome[]>,
  outside: Map<RuleId, string[]>,
) {
  for (const dir of ['shared', 'functions']) {
    for await (const path of walk(join(root, dir), (name) => name.endsWith('.ts'))) {
      const file = relative(root, path);
      // The catalogue and the profiles list every id: that is where ids are defined, not enforced.
      // The combination of profiles (CT-02) is code, and its home.
      if (file.startsWith('shared/policy/') && file !== 'shared/policy/combine.ts') continue;
      const source = await parse(path);
      const visit = (node: ts.Node) => {
        if (isFunctionLike(node)) {
          const home = `${file}:${functionName(node) ?? '(anonymous)'}`;
          for (const id of enforcedBy(node)) add(homes, id, home);
          for (const { ids: recorded, what } of recordedBy(node))
            for (const id of recorded) (records.get(id) ?? records.set(id, []).get(id)!).push({ home, what });
        }
        if (isStringLike(node) && isRuleId(node.text) && !inExample(node)) {
          let home = false;
          for (let at = node.parent; at && !home; at = at.parent)
            home = isFunctionLike(at) && homeOf(at).includes(node.text);
          if (!home) {
            const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
            (outside.get(node.text) ?? outside.set(node.text, []).get(node.text)!).push(`${file}:${line}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
}

function add<K>(map: Map<K, Set<string>>, key: K, value: string) {
  (map.get(key) ?? map.set(key, new Set()).get(key)!).add(value);
}

const calleeName = (call: ts.CallExpression): string | undefined => {
  let callee: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(callee) || ts.isCallExpression(callee))
    callee = ts.isCallExpression(callee) ? callee.expression : callee.expression;
  return ts.isIdentifier(callee) ? callee.text : undefined;
};

const isExpectCall = (node: ts.Node): node is ts.CallExpression =>
  ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'expect';

/** The whole `expect(x).not.toBe(y)` chain an `expect(x)` call starts. */
function chainTop(node: ts.Node): ts.Node {
  let top = node;
  while (
    top.parent &&
    ((ts.isPropertyAccessExpression(top.parent) && top.parent.expression === top) ||
      (ts.isCallExpression(top.parent) && top.parent.expression === top) ||
      ts.isAwaitExpression(top.parent))
  )
    top = top.parent;
  return top;
}

function contains(node: ts.Node, test: (n: ts.Node) => boolean): boolean {
  return test(node) || (ts.forEachChild(node, (child) => contains(child, test) || undefined) ?? false);
}

/** Ids a file binds to names: `const rule = 'TN-07'`, and `.each` tables' columns. */
function bindingsOf(source: ts.SourceFile): Map<string, Set<RuleId>> {
  const bound = new Map<string, Set<RuleId>>();
  const arrays = new Map<string, ts.ArrayLiteralExpression>();
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      let init: ts.Expression = node.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
      if (isStringLike(init)) for (const id of idsIn(init.text)) add(bound, node.name.text, id);
      if (ts.isArrayLiteralExpression(init)) arrays.set(node.name.text, init);
    }
    // describe.each(table)(title, ({ column }) => ...): the column's ids are bound to its name.
    if (ts.isCallExpression(node) && ts.isCallExpression(node.expression)) {
      const inner = node.expression;
      const each = ts.isPropertyAccessExpression(inner.expression) && inner.expression.name.text === 'each';
      const tableArg = inner.arguments[0];
      const table =
        tableArg && ts.isIdentifier(tableArg)
          ? arrays.get(tableArg.text)
          : tableArg && ts.isArrayLiteralExpression(tableArg)
            ? tableArg
            : undefined;
      const callback = node.arguments[1];
      const params = callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback));
      const pattern = params ? callback.parameters[0]?.name : undefined;
      // it.each([[a, b, 'TN-05'], ...])(title, (a, b, rule) => ...): positional columns.
      if (each && table && params) {
        callback.parameters.forEach((parameter, column) => {
          for (const row of table.elements) {
            const cell = ts.isArrayLiteralExpression(row) ? row.elements[column] : undefined;
            if (cell && ts.isIdentifier(parameter.name))
              for (const literal of literals(cell))
                for (const id of idsIn(literal)) add(bound, parameter.name.text, id);
          }
        });
      }
      if (each && table && pattern && ts.isObjectBindingPattern(pattern)) {
        for (const element of pattern.elements) {
          const column = (element.propertyName ?? element.name).getText();
          for (const row of table.elements) {
            if (!ts.isObjectLiteralExpression(row)) continue;
            for (const property of row.properties)
              if (ts.isPropertyAssignment(property) && property.name.getText() === column)
                for (const literal of literals(property.initializer))
                  for (const id of idsIn(literal)) add(bound, element.name.getText(), id);
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return bound;
}

function literals(node: ts.Node): string[] {
  const found: string[] = [];
  const visit = (n: ts.Node) => {
    if (isStringLike(n)) found.push(n.text);
    else if (ts.isTemplateExpression(n)) {
      found.push(n.head.text, ...n.templateSpans.map((span) => span.literal.text));
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** Ids an expression carries: its literals and the names the file bound to ids. */
function idsCarried(node: ts.Node, bound: Map<string, Set<RuleId>>): Set<RuleId> {
  const found = new Set<RuleId>(literals(node).flatMap(idsIn));
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n)) for (const id of bound.get(n.text) ?? []) found.add(id);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

const testNames = new Set(['it', 'test']);
const suiteNames = new Set(['describe', 'suite']);

async function scanTests(root: string, tests: Map<RuleId, Set<string>>) {
  const files: string[] = [];
  for (const dir of ['test', 'packages'])
    for await (const path of walk(join(root, dir), (name) => name.endsWith('.test.ts'))) files.push(path);
  for (const path of files) {
    const file = relative(root, path);
    // Tests of the tree and of this report name rules without testing them.
    if (file.startsWith('test/tree/') || file.startsWith('test/tools/rule-coverage')) continue;
    const source = await parse(path);
    const bound = bindingsOf(source);
    // Helpers the file defines that expect something: a rule id passed to one is asserted.
    const helpers = new Set<string>();
    const findHelpers = (node: ts.Node) => {
      if (isFunctionLike(node) && contains(node, isExpectCall)) {
        const name = functionName(node);
        if (name) helpers.add(name);
      }
      ts.forEachChild(node, findHelpers);
    };
    findHelpers(source);

    const visit = (node: ts.Node, suites: string[]) => {
      if (ts.isCallExpression(node)) {
        const name = calleeName(node);
        const first = node.arguments[0];
        const title = first && (isStringLike(first) ? first.text : first.getText().replace(/^`|`$/g, ''));
        const body = node.arguments.find((arg) => ts.isArrowFunction(arg) || ts.isFunctionExpression(arg));
        if (name && suiteNames.has(name) && body) {
          ts.forEachChild(body, (child) => visit(child, [...suites, title ?? '…']));
          return;
        }
        if (name && testNames.has(name) && body) {
          const label = [file, ...suites, title ?? '…'].join(' › ');
          for (const id of assertedIn(body, bound, helpers)) add(tests, id, label);
          return;
        }
      }
      ts.forEachChild(node, (child) => visit(child, suites));
    };
    visit(source, []);
  }
}

function assertedIn(body: ts.Node, bound: Map<string, Set<RuleId>>, helpers: Set<string>): Set<RuleId> {
  const found = new Set<RuleId>();
  const visit = (node: ts.Node) => {
    if (isExpectCall(node)) {
      for (const id of idsCarried(chainTop(node), bound)) found.add(id);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && helpers.has(node.expression.text)) {
      for (const arg of node.arguments) for (const id of idsCarried(arg, bound)) found.add(id);
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

async function citations(root: string): Promise<Map<RuleId, Set<string>>> {
  const cited = new Map<RuleId, Set<string>>();
  for await (const path of walk(join(root, 'workflows'), (name) => name.endsWith('.json')))
    for (const id of idsIn(await readFile(path, 'utf8'))) add(cited, id, relative(root, path));
  for await (const path of walk(join(root, 'shared/policy/profiles'), (name) => name.endsWith('.ts'))) {
    const source = await parse(path);
    for (const text of literals(source)) if (isRuleId(text)) add(cited, text, relative(root, path));
  }
  return cited;
}

/** The whole report: what `npm run rules` prints and what `--check` fails on. */
export async function ruleCoverage(root: string): Promise<RuleReport> {
  const homes = new Map<RuleId, Set<string>>();
  const records = new Map<RuleId, RecordHome[]>();
  const outside = new Map<RuleId, string[]>();
  const tests = new Map<RuleId, Set<string>>();
  await scanCode(root, homes, records, outside);
  await scanTests(root, tests);
  const cited = await citations(root);
  const rows: RuleRow[] = (Object.keys(rules) as RuleId[]).map((id) => ({
    id,
    kind: rules[id].kind,
    homes: [...(homes.get(id) ?? [])].sort(),
    records: (records.get(id) ?? []).sort((a, b) => a.home.localeCompare(b.home)),
    outsideHome: outside.get(id) ?? [],
    tests: [...(tests.get(id) ?? [])].sort(),
    citedBy: [...(cited.get(id) ?? [])].sort(),
  }));
  const failures: string[] = [];
  for (const row of rows) {
    const all = [...row.homes, ...row.records.map((record) => record.home)];
    if (row.kind === 'check' && row.homes.length === 0) failures.push(`${row.id}: no function is tagged @enforces`);
    if (row.kind === 'check' && row.tests.length === 0) failures.push(`${row.id}: no test asserts it`);
    // Every kind: a rule is shown enforced or recorded in one place, or a test asserts it.
    if (row.kind !== 'check' && all.length === 0 && row.tests.length === 0)
      failures.push(`${row.id}: no home (@enforces or @records) and no test asserts it`);
    // One function refuses or applies a rule; one writes its evidence. A rule may have one of each
    // (CT-06: who lifts a hold, and the disposal log), never two of either.
    if (row.homes.length > 1) failures.push(`${row.id}: more than one home (${row.homes.join(', ')})`);
    if (row.records.length > 1) failures.push(`${row.id}: more than one home (${all.join(', ')})`);
    // A home is a claim; a test whose expect carries the id is its proof.
    if (row.kind !== 'check' && all.length > 0 && row.tests.length === 0)
      failures.push(`${row.id}: at home in ${all.join(', ')} but no test asserts it`);
    for (const record of row.records)
      if (!record.what) failures.push(`${row.id}: @records at ${record.home} does not say what is recorded`);
    for (const site of row.outsideHome) failures.push(`${row.id}: cited outside its home at ${site}`);
  }
  const untestedOthers = rows.filter((row) => row.kind !== 'check' && row.tests.length === 0).map((row) => row.id);
  return { rows, failures, untestedOthers };
}
