/**
 * Which AWS calls a function can make, read statically from the sources, so a test can hold them
 * against the IAM policy CDK synthesized for it (test/infra/access-coverage.test.ts).
 *
 * How: every file under shared/ and functions/ is parsed (TypeScript compiler API, no type
 * checking). From the handler module's top-level declarations, follow the top-level declarations
 * each one names, across relative imports and re-exports: a function reaches exactly the
 * repository functions it (transitively) mentions, not every export of every file it imports. In
 * the declarations reached, every `new <Name>Command(…)` of an `@aws-sdk/*` package is a call:
 * - DynamoDB: the table comes from `tableName('<key>')` in the request (directly or through a
 *   helper such as `table()` or `auditPut()`), else from the declaration that sends it (a local
 *   `const table = tableName(…)`), else from the reached declarations that call it (a generic
 *   helper such as `queryAll({ TableName: … })`); `IndexName: '<name>'` makes it an index call;
 *   TransactWriteItems counts as the Put/Update/Delete/ConditionCheck of each of its items, each
 *   item with its own table.
 * - Secrets Manager: the HMAC key secret when the file names `hmacKeySecretId`, the mail sealing key
 *   secret when it names `mailSealingKeySecretId`, the credential
 *   secrets when it names `credentialSecretName`; CreateSecret with Tags is also TagResource;
 *   RotateSecret also needs lambda:InvokeFunction on the rotation function; GetRandomPassword "*".
 * - Step Functions: StartExecution and ListExecutions on the workflows the reached callers name
 *   (`workflows.<key>`, or all of them when they use the catalogue whole); task callbacks on "*".
 * - SES: SendEmail on the sender identity.
 * Limits, on purpose: a transaction item handed in as a parameter counts against the tables of
 * the declaration that sends it; values built at run time (a table name from a variable) are not
 * followed. Both over- or under-approximate only within one repository module, which the per-item
 * rules above keep small.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export type ResourceKey =
  | `table:${string}`
  | `table:${string}/index/${string}`
  /** An index chosen at run time: allowed only if every index of the table is. */
  | `table:${string}/index/*`
  | 'secret:hmac-key'
  | 'key:audit-signing'
  /** The audit digests' bucket itself (listing) and its digest objects. */
  | 'bucket:audit-digests'
  | 'objects:audit-digests'
  | 'secret:scim-token'
  | 'secret:mail-sealing-key'
  | 'secret:credentials'
  | `workflow:${string}`
  | 'function:rotation'
  | 'ses:identity'
  | '*';

export interface Requirement {
  action: string;
  resource: ResourceKey;
  /** `file:line` of the call, for the failure message. */
  at: string;
  /** How the handler reaches it: the declarations in between. */
  via: string[];
}

interface ImportTarget {
  file: string;
  name: string;
}

interface FileInfo {
  path: string;
  source: ts.SourceFile;
  /** Top-level declarations by name. */
  declarations: Map<string, ts.Node>;
  /** Top-level statements without a name (run on import). */
  anonymous: ts.Node[];
  /** Local name → what it imports (relative imports of repository files only). */
  imports: Map<string, ImportTarget>;
  /** Local name → package, for imports of packages (`@aws-sdk/client-dynamodb`). */
  packageImports: Map<string, string>;
  reexports: Map<string, ImportTarget>;
  starExports: string[];
}

/**
 * S3 commands as IAM authorizes them: a put carrying Object Lock retention also needs PutObjectRetention,
 * a read of a named version GetObjectVersion, and HeadObject is authorized as GetObject.
 */
const s3Actions: Record<string, Array<[string, ResourceKey]>> = {
  PutObjectCommand: [
    ['s3:PutObject', 'objects:audit-digests'],
    ['s3:PutObjectRetention', 'objects:audit-digests'],
  ],
  GetObjectCommand: [
    ['s3:GetObject', 'objects:audit-digests'],
    ['s3:GetObjectVersion', 'objects:audit-digests'],
  ],
  HeadObjectCommand: [['s3:GetObject', 'objects:audit-digests']],
  ListObjectsV2Command: [['s3:ListBucket', 'bucket:audit-digests']],
  ListObjectVersionsCommand: [['s3:ListBucketVersions', 'bucket:audit-digests']],
};

const dynamoActions: Record<string, string> = {
  GetCommand: 'dynamodb:GetItem',
  GetItemCommand: 'dynamodb:GetItem',
  PutCommand: 'dynamodb:PutItem',
  PutItemCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  DeleteCommand: 'dynamodb:DeleteItem',
  DeleteItemCommand: 'dynamodb:DeleteItem',
  QueryCommand: 'dynamodb:Query',
  ScanCommand: 'dynamodb:Scan',
  BatchGetCommand: 'dynamodb:BatchGetItem',
  BatchWriteCommand: 'dynamodb:BatchWriteItem',
};
const transactionItems: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};
const taskCallbacks = new Set(['SendTaskSuccessCommand', 'SendTaskFailureCommand', 'SendTaskHeartbeatCommand']);

/** The sources of one repository, parsed once. */
export class SourceGraph {
  readonly #root: string;
  readonly #files = new Map<string, FileInfo>();
  readonly #workflowKeys: string[];

  constructor(root: string, workflowKeys: string[]) {
    this.#root = root;
    this.#workflowKeys = workflowKeys;
    for (const dir of ['shared', 'functions'])
      for (const file of walk(join(root, dir))) this.#files.set(file, parse(file));
  }

  /** Every AWS call functions/<module>.ts can make, with the resource it needs. */
  requirementsOf(module: string): Requirement[] {
    const entry = join(this.#root, 'functions', `${module}.ts`);
    const file = this.#files.get(entry);
    if (!file) throw new Error(`No handler module ${entry}.`);
    const reached = this.#reach(
      [...file.declarations.entries()]
        .map(([name, node]) => ({ file, node, label: name }))
        .concat(file.anonymous.map((node) => ({ file, node, label: '(module)' }))),
    );
    const requirements: Requirement[] = [];
    for (const declaration of reached) {
      for (const site of commandSites(declaration.file, declaration.node)) {
        requirements.push(
          ...this.#requirementsOf(site, declaration, reached).map((requirement) => ({
            ...requirement,
            via: viaOf(declaration),
          })),
        );
      }
    }
    const unique = new Map(
      requirements.map((requirement) => [`${requirement.action} ${requirement.resource}`, requirement]),
    );
    return [...unique.values()];
  }

  /** Declarations (or the parts of them a caller uses) reachable from `start`, each once. */
  #reach(start: Target[]): Declaration[] {
    const seen = new Map<ts.Node, Declaration>();
    const queue: Array<Target & { from?: Declaration }> = [...start];
    while (queue.length > 0) {
      const { file, node, label, from } = queue.shift()!;
      if (seen.has(node)) continue;
      const declaration: Declaration = {
        file,
        node,
        label,
        references: this.#referencesOf(file, node),
        ...(from ? { from } : {}),
      };
      seen.set(node, declaration);
      for (const target of declaration.references) {
        queue.push({ ...target, from: declaration });
        // A file's top-level statements run when anything of it is used.
        for (const anonymous of target.file.anonymous)
          queue.push({ file: target.file, node: anonymous, label: '(module)', from: declaration });
      }
    }
    return [...seen.values()];
  }

  /**
   * The repository declarations `node` names. A name used through properties (`registry[kind].page`)
   * reaches only those properties of an object-literal declaration, so one entry of a registry of
   * handlers does not drag in the others.
   */
  #referencesOf(file: FileInfo, node: ts.Node): Target[] {
    const found: Target[] = [];
    const add = (target: { file: FileInfo; node: ts.Node; name: string } | undefined, usage: ts.Node) => {
      if (!target || target.node === node) return;
      const path = propertyPath(usage);
      for (const part of selectPath(target.node, path))
        found.push({ file: target.file, node: part.node, label: `${target.name}${part.path}` });
    };
    const visit = (child: ts.Node) => {
      // Types name no values (`Promise<{ awaitHotlineReport: boolean }>`).
      if (ts.isTypeNode(child)) return;
      if (ts.isPropertyAccessExpression(child) && ts.isIdentifier(child.expression)) {
        const namespace = file.imports.get(child.expression.text);
        if (namespace?.name === '*') {
          add(this.#resolve({ file: namespace.file, name: child.name.text }), child);
          return;
        }
      }
      if (ts.isIdentifier(child) && !isPropertyName(child)) {
        const name = child.text;
        const local = file.declarations.get(name);
        if (local) add({ file, node: local, name }, child);
        const imported = file.imports.get(name);
        if (imported && imported.name !== '*') add(this.#resolve(imported), child);
      }
      ts.forEachChild(child, visit);
    };
    visit(node);
    return found;
  }

  #resolve(target: ImportTarget, depth = 0): { file: FileInfo; node: ts.Node; name: string } | undefined {
    const file = this.#files.get(target.file);
    if (!file || depth > 20) return undefined;
    const node = file.declarations.get(target.name);
    if (node) return { file, node, name: target.name };
    const reexport = file.reexports.get(target.name);
    if (reexport) return this.#resolve(reexport, depth + 1);
    for (const star of file.starExports) {
      const found = this.#resolve({ file: star, name: target.name }, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /** Tables named in `node` (tableName('x')), through the helper declarations it names that send nothing themselves. */
  #tablesIn(file: FileInfo, node: ts.Node, seen = new Set<ts.Node>()): Set<string> {
    const tables = new Set<string>();
    const visit = (child: ts.Node) => {
      if (ts.isCallExpression(child) && ts.isIdentifier(child.expression) && child.expression.text === 'tableName') {
        const [argument] = child.arguments;
        if (argument && ts.isStringLiteralLike(argument)) tables.add(argument.text);
      }
      ts.forEachChild(child, visit);
    };
    visit(node);
    for (const target of this.#referencesOf(file, node)) {
      if (seen.has(target.node) || commandSites(target.file, target.node).length > 0) continue;
      seen.add(target.node);
      for (const table of this.#tablesIn(target.file, target.node, seen)) tables.add(table);
    }
    return tables;
  }

  #requirementsOf(
    site: CommandSite,
    declaration: Declaration,
    reached: Declaration[],
  ): Array<Omit<Requirement, 'via'>> {
    const at = `${relative(this.#root, declaration.file.path)}:${declaration.file.source.getLineAndCharacterOfPosition(site.node.getStart()).line + 1}`;
    const callers = () =>
      reached.filter((other) => other.references.some((target) => target.node === declaration.node));
    const tablesFor = (expression: ts.Node | undefined): Set<string> => {
      const direct = expression ? this.#tablesIn(declaration.file, expression) : new Set<string>();
      if (direct.size > 0) return direct;
      const enclosing = this.#tablesIn(declaration.file, declaration.node);
      if (enclosing.size > 0) return enclosing;
      return new Set(callers().flatMap((caller) => [...this.#tablesIn(caller.file, caller.node)]));
    };
    const { name, packageName, argument } = site;

    if (packageName.startsWith('@aws-sdk/lib-dynamodb') || packageName.startsWith('@aws-sdk/client-dynamodb')) {
      if (name === 'TransactWriteCommand' || name === 'TransactWriteItemsCommand' || name === 'TransactGetCommand') {
        const items = propertiesNamed(argument, Object.keys(transactionItems));
        const direct = items.flatMap(({ key, value }) =>
          [...tablesFor(value)].map((table) => ({
            action: transactionItems[key]!,
            resource: `table:${table}` as ResourceKey,
            at,
          })),
        );
        if (!argument?.getText().includes('...')) return direct;
        // Items spread in from elsewhere (shared/adapters/audit.ts transactWithAudit: the caller's own items
        // and the chained audit items): the item literals of the declarations it uses and of its callers.
        const sources: Target[] = [...declaration.references, ...callers()];
        const spread = sources.flatMap((source) =>
          propertiesNamed(source.node, Object.keys(transactionItems)).flatMap(({ key, value }) =>
            [...this.#tablesIn(source.file, value)].map((table) => ({
              action: transactionItems[key]!,
              resource: `table:${table}` as ResourceKey,
              at,
            })),
          ),
        );
        return [...direct, ...spread];
      }
      const action = dynamoActions[name];
      if (!action) throw new Error(`${at}: no IAM action known for ${name}; add it to test/infra/sdk-calls.ts.`);
      const [indexName] = propertiesNamed(argument, ['IndexName']);
      const index = indexName ? (ts.isStringLiteralLike(indexName.value) ? indexName.value.text : '*') : undefined;
      return [...tablesFor(argument)].map((table) => ({
        action,
        resource: (index ? `table:${table}/index/${index}` : `table:${table}`) as ResourceKey,
        at,
      }));
    }
    if (packageName.startsWith('@aws-sdk/client-secrets-manager')) {
      const action = `secretsmanager:${name.replace(/Command$/, '')}`;
      if (name === 'GetRandomPasswordCommand') return [{ action, resource: '*', at }];
      const text = declaration.file.source.text;
      const resource: ResourceKey | undefined = text.includes('hmacKeySecretId')
        ? 'secret:hmac-key'
        : text.includes('scimTokenSecretId')
          ? 'secret:scim-token'
          : text.includes('mailSealingKeySecretId')
            ? 'secret:mail-sealing-key'
            : text.includes('credentialSecretName')
              ? 'secret:credentials'
              : undefined;
      if (!resource)
        throw new Error(
          `${at}: cannot tell which secret ${name} is for; name it through hmacKeySecretId, scimTokenSecretId or credentialSecretName.`,
        );
      const requirements: Array<Omit<Requirement, 'via'>> = [{ action, resource, at }];
      if (name === 'CreateSecretCommand' && propertiesNamed(argument, ['Tags']).length > 0)
        requirements.push({ action: 'secretsmanager:TagResource', resource, at });
      if (name === 'RotateSecretCommand')
        requirements.push({ action: 'lambda:InvokeFunction', resource: 'function:rotation', at });
      return requirements;
    }
    if (packageName.startsWith('@aws-sdk/client-sfn')) {
      const action = `states:${name.replace(/Command$/, '')}`;
      if (taskCallbacks.has(name)) return [{ action, resource: '*', at }];
      const keys = new Set<string>();
      for (const caller of [declaration, ...callers()])
        for (const key of workflowKeysIn(caller.node, this.#workflowKeys)) keys.add(key);
      if (keys.size === 0)
        throw new Error(`${at}: cannot tell which workflow ${name} is for; its callers name none as workflows.<key>.`);
      return [...keys].map((key) => ({ action, resource: `workflow:${key}` as ResourceKey, at }));
    }
    if (packageName.startsWith('@aws-sdk/client-kms')) {
      // The only key a function uses: the audit digests' signing key (shared/adapters/audit-digests.ts).
      return [{ action: `kms:${name.replace(/Command$/, '')}`, resource: 'key:audit-signing', at }];
    }
    if (packageName.startsWith('@aws-sdk/client-s3')) {
      // The only bucket a function uses: the audit digests' (shared/adapters/audit-digests.ts).
      const actions = s3Actions[name];
      if (!actions) throw new Error(`${at}: no IAM action known for ${name}; add it to test/infra/sdk-calls.ts.`);
      return actions.map(([action, resource]) => ({ action, resource, at }));
    }
    if (packageName.startsWith('@aws-sdk/client-sesv2') || packageName.startsWith('@aws-sdk/client-ses')) {
      return [{ action: `ses:${name.replace(/Command$/, '')}`, resource: 'ses:identity', at }];
    }
    throw new Error(`${at}: ${name} from ${packageName} is not mapped to IAM in test/infra/sdk-calls.ts.`);
  }
}

interface Target {
  file: FileInfo;
  node: ts.Node;
  /** The declaration's name, and the properties used of it (`decisionSubjects[*].page`). */
  label: string;
}

interface Declaration extends Target {
  references: Target[];
  /** What reached it first. */
  from?: Declaration;
}

const viaOf = (declaration: Declaration): string[] => {
  const chain: string[] = [];
  for (let at: Declaration | undefined = declaration; at; at = at.from) chain.unshift(`${at.label}`);
  return chain;
};

/** The properties `usage` reads of the name it is: `registry[kind].page` → ['*', 'page']. */
function propertyPath(usage: ts.Node): string[] {
  const path: string[] = [];
  let current = usage;
  for (;;) {
    const parent = current.parent;
    if (parent && ts.isPropertyAccessExpression(parent) && parent.expression === current) path.push(parent.name.text);
    else if (parent && ts.isElementAccessExpression(parent) && parent.expression === current)
      path.push(ts.isStringLiteralLike(parent.argumentExpression) ? parent.argumentExpression.text : '*');
    else if (!parent || !ts.isNonNullExpression(parent)) break;
    current = parent;
  }
  return path;
}

const unwrap = (node: ts.Node): ts.Node => {
  let current = node;
  while (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current))
    current = current.expression;
  return current;
};

/** The parts of a declaration a property path reads, or the whole declaration when it cannot tell. */
function selectPath(node: ts.Node, path: string[]): Array<{ node: ts.Node; path: string }> {
  if (path.length === 0 || !ts.isVariableDeclaration(node) || !node.initializer) return [{ node, path: '' }];
  let parts: Array<{ node: ts.Node; path: string }> = [{ node: unwrap(node.initializer), path: '' }];
  for (const segment of path) {
    const next: Array<{ node: ts.Node; path: string }> = [];
    for (const part of parts) {
      if (!ts.isObjectLiteralExpression(part.node)) return [{ node, path: '' }];
      const properties = part.node.properties.filter(
        (property) =>
          segment === '*' ||
          (property.name &&
            (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) &&
            property.name.text === segment),
      );
      if (properties.length === 0 || part.node.properties.some(ts.isSpreadAssignment)) return [{ node, path: '' }];
      for (const property of properties) {
        const value = ts.isPropertyAssignment(property)
          ? unwrap(property.initializer)
          : ts.isShorthandPropertyAssignment(property)
            ? property.name
            : property;
        next.push({ node: value, path: `${part.path}${segment === '*' ? '[*]' : `.${segment}`}` });
      }
    }
    parts = next;
    // Stop at a value that is not an object: the rest of the path is a call or a field of it.
    if (parts.some((part) => !ts.isObjectLiteralExpression(part.node))) break;
  }
  return parts;
}

interface CommandSite {
  name: string;
  packageName: string;
  node: ts.NewExpression;
  argument: ts.Expression | undefined;
}

function commandSites(file: FileInfo, node: ts.Node): CommandSite[] {
  const sites: CommandSite[] = [];
  const visit = (child: ts.Node) => {
    if (ts.isNewExpression(child) && ts.isIdentifier(child.expression)) {
      const packageName = file.packageImports.get(child.expression.text);
      if (packageName?.startsWith('@aws-sdk/') && child.expression.text.endsWith('Command')) {
        sites.push({ name: child.expression.text, packageName, node: child, argument: child.arguments?.[0] });
      }
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return sites;
}

/** `workflows.<key>` in `node`; every key when the catalogue is used whole. */
function workflowKeysIn(node: ts.Node, all: string[]): Set<string> {
  const keys = new Set<string>();
  const visit = (child: ts.Node) => {
    if (ts.isIdentifier(child) && child.text === 'workflows' && !isPropertyName(child)) {
      const parent = child.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.expression === child && all.includes(parent.name.text))
        keys.add(parent.name.text);
      else if (!ts.isImportSpecifier(parent)) for (const key of all) keys.add(key);
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return keys;
}

/** Every `key: value` property named one of `names` in `node`, at any depth. */
function propertiesNamed(node: ts.Node | undefined, names: string[]): Array<{ key: string; value: ts.Expression }> {
  const found: Array<{ key: string; value: ts.Expression }> = [];
  const visit = (child: ts.Node) => {
    if (
      ts.isPropertyAssignment(child) &&
      (ts.isIdentifier(child.name) || ts.isStringLiteral(child.name)) &&
      names.includes(child.name.text)
    ) {
      found.push({ key: child.name.text, value: child.initializer });
    }
    ts.forEachChild(child, visit);
  };
  if (node) visit(node);
  return found;
}

/** An identifier that only names a property (`a.b`'s b, `{ b: 1 }`'s b), not a value. */
function isPropertyName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node) ||
    (ts.isPropertyDeclaration(parent) && parent.name === node) ||
    (ts.isMethodDeclaration(parent) && parent.name === node) ||
    ts.isImportSpecifier(parent) ||
    ts.isExportSpecifier(parent) ||
    ts.isTypeReferenceNode(parent) ||
    ts.isQualifiedName(parent)
  );
}

function parse(path: string): FileInfo {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2024, true, ts.ScriptKind.TS);
  const info: FileInfo = {
    path,
    source,
    declarations: new Map(),
    anonymous: [],
    imports: new Map(),
    packageImports: new Map(),
    reexports: new Map(),
    starExports: [],
  };
  const target = (specifier: string) => resolve(dirname(path), specifier);
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      if (statement.importClause?.isTypeOnly) continue;
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      const relativeImport = specifier.startsWith('.');
      const clause = statement.importClause;
      const record = (local: string, name: string) => {
        if (relativeImport) info.imports.set(local, { file: target(specifier), name });
        else info.packageImports.set(local, specifier);
      };
      if (clause?.name) record(clause.name.text, 'default');
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) record(bindings.name.text, '*');
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements)
          if (!element.isTypeOnly) record(element.name.text, (element.propertyName ?? element.name).text);
      }
      continue;
    }
    if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly || !statement.moduleSpecifier) continue;
      const file = target((statement.moduleSpecifier as ts.StringLiteral).text);
      const clause = statement.exportClause;
      if (!clause) info.starExports.push(file);
      else if (ts.isNamedExports(clause))
        for (const element of clause.elements)
          if (!element.isTypeOnly)
            info.reexports.set(element.name.text, { file, name: (element.propertyName ?? element.name).text });
      continue;
    }
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      if (statement.name) info.declarations.set(statement.name.text, statement);
      else info.anonymous.push(statement);
      continue;
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const names = bindingNames(declaration.name);
        for (const name of names) info.declarations.set(name, declaration);
      }
      continue;
    }
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) continue;
    info.anonymous.push(statement);
  }
  return info;
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : bindingNames(element.name)));
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) yield path;
  }
}
