/**
 * The logic of `npm run rules`, read from the syntax trees (TypeScript compiler API) rather than the
 * text, so a comment or a test title that mentions a rule proves nothing. For each rule of the
 * catalogue: its home (the one function tagged `@enforces <id>`), any rule-id literal in shared/ or
 * functions/ outside that home, and the tests whose `expect(...)` chains (or the file's own
 * expecting helpers) carry the id. Exported so test/tree/rules.test.ts runs it without a process.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { type RuleId, type RuleKind, rules } from '../shared/policy/rules.ts';

export interface RuleRow {
  id: RuleId;
  kind: RuleKind;
  /** `file:function` of every function tagged `@enforces <id>`; one is the goal. */
  homes: string[];
  /** `file:line` of rule-id literals in code that sit in no function tagged with the id. */
  outsideHome: string[];
  /** `file › describe › test` of every test that asserts the id. */
  tests: string[];
  /** Profiles and workflow definitions that cite the id (settings and workflows live there). */
  citedBy: string[];
}

export interface RuleReport {
  rows: RuleRow[];
  /** Why `--check` fails, one line each; empty when it passes. */
  failures: string[];
  /** Rules not of kind `check` that no test asserts: reported, never failing. */
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

/** Rule ids a function's `@enforces` or `@records` tags name (on the function, or on the statement declaring it). */
function enforcedBy(node: ts.Node): RuleId[] {
  const holders = [node];
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(node.parent))
    holders.push(node.parent);
  return holders.flatMap((holder) =>
    ts
      .getJSDocTags(holder)
      // `@records XX-NN — what` marks the one function writing a rule's evidence: its home, as `@enforces`
      // is a check's.
      .filter((tag) => tag.tagName.text === 'enforces' || tag.tagName.text === 'records')
      .flatMap((tag) => idsIn(ts.getTextOfJSDocComment(tag.comment) ?? '')),
  );
}

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

async function scanCode(root: string, homes: Map<RuleId, Set<string>>, outside: Map<RuleId, string[]>) {
  for (const dir of ['shared', 'functions']) {
    for await (const path of walk(join(root, dir), (name) => name.endsWith('.ts'))) {
      const file = relative(root, path);
      // The catalogue and the profiles list every id: that is where ids are defined, not enforced.
      if (file.startsWith('shared/policy/')) continue;
      const source = await parse(path);
      const visit = (node: ts.Node) => {
        if (isFunctionLike(node)) {
          for (const id of enforcedBy(node)) add(homes, id, `${file}:${functionName(node) ?? '(anonymous)'}`);
        }
        if (isStringLike(node) && isRuleId(node.text) && !inExample(node)) {
          let home = false;
          for (let at = node.parent; at && !home; at = at.parent)
            home = isFunctionLike(at) && enforcedBy(at).includes(node.text);
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
    // Tests of the tree (this report's own among them) name rules without testing them.
    if (file.startsWith('test/tree/')) continue;
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
  const outside = new Map<RuleId, string[]>();
  const tests = new Map<RuleId, Set<string>>();
  await scanCode(root, homes, outside);
  await scanTests(root, tests);
  const cited = await citations(root);
  const rows: RuleRow[] = (Object.keys(rules) as RuleId[]).map((id) => ({
    id,
    kind: rules[id].kind,
    homes: [...(homes.get(id) ?? [])].sort(),
    outsideHome: outside.get(id) ?? [],
    tests: [...(tests.get(id) ?? [])].sort(),
    citedBy: [...(cited.get(id) ?? [])].sort(),
  }));
  const failures: string[] = [];
  for (const row of rows) {
    if (row.kind === 'check' && row.homes.length === 0) failures.push(`${row.id}: no function is tagged @enforces`);
    if (row.kind === 'check' && row.tests.length === 0) failures.push(`${row.id}: no test asserts it`);
    if (row.homes.length > 1) failures.push(`${row.id}: more than one home (${row.homes.join(', ')})`);
    for (const site of row.outsideHome) failures.push(`${row.id}: cited outside its home at ${site}`);
  }
  const untestedOthers = rows.filter((row) => row.kind !== 'check' && row.tests.length === 0).map((row) => row.id);
  return { rows, failures, untestedOthers };
}
