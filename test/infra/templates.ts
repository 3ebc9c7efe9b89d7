/**
 * Every CloudFormation template of a synthesized app, root and nested, and a way to read a value
 * in one of them as what it finally is: a nested stack sees its parent's tables, keys and sibling
 * stacks' functions only as parameters, and its parent sees its resources only as outputs.
 * `origin` follows those hops, so a test can say "this function's TABLE variable is the Directory
 * table of the root stack" whichever stack each lives in.
 */
import { NestedStack, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

export type Resource = {
  Type: string;
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string | string[];
};

export interface StackTemplate {
  stack: Stack;
  /** The stack's construct path: unique, and how `origin` names the stack a resource lives in. */
  label: string;
  template: Template;
  json: {
    Resources: Record<string, Resource>;
    Parameters?: Record<string, unknown>;
    Outputs?: Record<string, { Value: unknown }>;
  };
  resources: Record<string, Resource>;
}

export interface Located {
  at: StackTemplate;
  id: string;
  resource: Resource;
}

/** The templates of `root` and every stack nested in it, root first. */
export function templatesOf(root: Stack): StackTemplate[] {
  const stacks = [
    root,
    ...root.node.findAll().filter((construct): construct is NestedStack => NestedStack.isNestedStack(construct)),
  ];
  return stacks.map((stack) => {
    const template = Template.fromStack(stack);
    const json = template.toJSON() as StackTemplate['json'];
    return { stack, label: stack.node.path, template, json, resources: json.Resources };
  });
}

/** Queries over the templates of one app. */
export class AppTemplates {
  readonly all: StackTemplate[];
  readonly root: StackTemplate;

  constructor(root: Stack) {
    this.all = templatesOf(root);
    this.root = this.all[0]!;
  }

  of(stack: Stack): StackTemplate {
    const found = this.all.find((entry) => entry.stack === stack);
    if (!found) throw new Error(`No template for ${stack.node.path}.`);
    return found;
  }

  /** Every resource of every template. */
  resources(): Located[] {
    return this.all.flatMap((at) => Object.entries(at.resources).map(([id, resource]) => ({ at, id, resource })));
  }

  ofType(type: string): Located[] {
    return this.resources().filter((entry) => entry.resource.Type === type);
  }

  /** A resource by template and logical id, or by the `{ Ref }`/`{ Fn::GetAtt }` origin() returns. */
  get(reference: unknown): Located {
    const id = referenceId(reference);
    const [label, logicalId] = splitId(id);
    const at = this.all.find((entry) => entry.label === label);
    const resource = at?.resources[logicalId];
    if (!at || !resource) throw new Error(`No resource ${id}.`);
    return { at, id: logicalId, resource };
  }

  /**
   * `value` as read in `at`, with every parameter a nested stack receives replaced by what its
   * parent passes, every nested stack output by its value, and every remaining reference to a
   * resource qualified with the label of the template it lives in (`{ Ref: 'Root:Directory' }`).
   * Pseudo parameters (`AWS::Region`) stay as they are.
   */
  origin(at: StackTemplate, value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.origin(at, item));
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [[key, argument]] = entries as [[string, unknown]];
      if (key === 'Ref' && typeof argument === 'string') {
        if (argument.startsWith('AWS::')) return value;
        if (at.json.Parameters?.[argument] !== undefined && at.stack.nestedStackParent) {
          const parent = this.of(at.stack.nestedStackParent);
          const resourceId = parent.stack.getLogicalId((at.stack as NestedStack).nestedStackResource!);
          return this.origin(parent, parent.resources[resourceId]!.Properties.Parameters[argument]);
        }
        return { Ref: qualified(at, argument) };
      }
      if (key === 'Fn::GetAtt' && Array.isArray(argument)) {
        const [id, attribute] = argument as [string, string];
        if (attribute.startsWith('Outputs.')) {
          const child = this.all.find(
            (entry) =>
              entry.stack.nestedStackParent === at.stack &&
              at.stack.getLogicalId((entry.stack as NestedStack).nestedStackResource!) === id,
          );
          if (!child) throw new Error(`${at.label}: ${id} is not a nested stack.`);
          return this.origin(child, child.json.Outputs![attribute.slice('Outputs.'.length)]!.Value);
        }
        return { 'Fn::GetAtt': [qualified(at, id), attribute] };
      }
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, this.origin(at, item)]));
  }
}

/** `Root/Nested:LogicalId`, the form origin() gives references. */
export const qualified = (at: StackTemplate, logicalId: string): string => `${at.label}:${logicalId}`;
export const ref = (at: StackTemplate, logicalId: string) => ({ Ref: qualified(at, logicalId) });
export const getAtt = (at: StackTemplate, logicalId: string, attribute = 'Arn') => ({
  'Fn::GetAtt': [qualified(at, logicalId), attribute],
});

function referenceId(reference: unknown): string {
  if (typeof reference === 'string') return reference;
  const value = reference as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  const id = value.Ref ?? value['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`Not a reference: ${JSON.stringify(reference)}`);
  return id;
}

function splitId(id: string): [string, string] {
  const index = id.lastIndexOf(':');
  return [id.slice(0, index), id.slice(index + 1)];
}

/**
 * A template value with intrinsic functions as a plain string where possible: Fn::Join of strings
 * and references, each reference written `{{…}}`, so an ARN built from names can be matched.
 */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    if (join) return join[1].map(flatten).join(join[0]);
    const refName = (value as { Ref?: string }).Ref;
    if (refName) return `{{${refName}}}`;
    const att = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
    if (att) return `{{${att.join('.')}}}`;
  }
  return `{{${JSON.stringify(value)}}}`;
}

/** A dependency cycle among a template's resources (Ref, GetAtt, Sub, DependsOn), which only CloudFormation would otherwise notice. */
export function cycleIn(all: Record<string, Resource>): string[] | undefined {
  const edges = new Map<string, Set<string>>();
  const collect = (node: unknown, into: Set<string>): void => {
    if (Array.isArray(node)) {
      for (const item of node) collect(item, into);
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'Ref' && typeof value === 'string' && value in all) into.add(value);
      else if (key === 'Fn::GetAtt' && Array.isArray(value) && value[0] in all) into.add(value[0] as string);
      else if (key === 'Fn::Sub')
        for (const [, name] of JSON.stringify(value).matchAll(/\$\{([A-Za-z0-9]+)[.}]/g))
          if (name! in all) into.add(name!);
      collect(value, into);
    }
  };
  for (const [id, resource] of Object.entries(all)) {
    const into = new Set<string>([resource.DependsOn ?? []].flat());
    collect(resource.Properties, into);
    edges.set(id, into);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next, [...path, id]);
      if (cycle) return cycle;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id, []);
    if (cycle) return cycle;
  }
  return undefined;
}
