/**
 * SCIM PATCH (RFC 7644 §3.5.2) in the forms identity providers really send: Entra ID capitalises
 * ops (`Replace`, `Add`, `Remove`), sends booleans as "True"/"False", path-less value objects whose
 * keys may be dotted paths (`name.givenName`), and the manager as a bare id or by path "manager" with a
 * list of one. Every operation is applied to a copy; the caller writes the result only if all of them
 * succeeded.
 */
import SCIMMY from 'scimmy';
import { invalidSyntax, invalidValue, ScimError } from './errors.ts';
import { enterpriseAttributes, enterpriseSchema, patchSchema, userSchema } from './schemas.ts';
import { readBoolean, readEmails, readManager, readString, type UserAttributes } from './user-resource.ts';

/** One operation, its op lower-cased. */
export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

const noTarget = (detail: string) => new ScimError(400, detail, 'noTarget');
const invalidPath = (path: string) => new ScimError(400, `The path "${path}" names no attribute.`, 'invalidPath');

/** The operations of a PatchOp body, or invalidSyntax. */
export function readOperations(body: unknown): PatchOperation[] {
  const message = (body ?? {}) as Record<string, unknown>;
  if (!Array.isArray(message.schemas) || !message.schemas.includes(patchSchema))
    throw invalidSyntax(`schemas must include ${patchSchema}.`);
  const operations = message.Operations;
  if (!Array.isArray(operations) || operations.length === 0)
    throw invalidSyntax('Operations must be a non-empty list.');
  return operations.map((raw: Record<string, unknown>) => {
    const op = typeof raw?.op === 'string' ? raw.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw invalidSyntax(`Unknown op "${String(raw?.op)}".`);
    if (raw.path !== undefined && typeof raw.path !== 'string') throw invalidSyntax('path must be a string.');
    if (op !== 'remove' && raw.value === undefined) throw invalidSyntax(`${raw.op} needs a value.`);
    return { op, ...(raw.path ? { path: raw.path } : {}), ...(raw.value !== undefined ? { value: raw.value } : {}) };
  });
}

const enterprisePrefix = `${enterpriseSchema.toLowerCase()}:`;
const corePrefix = `${userSchema.toLowerCase()}:`;

/** A User path as the flat attribute it addresses, or undefined when it addresses nothing we keep. */
function userTarget(path: string): string | undefined {
  let p = path.trim().toLowerCase();
  if (p.startsWith(corePrefix)) p = p.slice(corePrefix.length);
  if (p.startsWith(enterprisePrefix)) {
    const attribute = p.slice(enterprisePrefix.length);
    if (attribute === 'manager' || attribute === 'manager.value') return 'managerId';
    const known = enterpriseAttributes.find((a) => a.toLowerCase() === attribute);
    return known ? `enterprise.${known}` : undefined;
  }
  const simple: Record<string, string> = {
    // Entra ID's PATCH names the enterprise manager without its schema (path "manager").
    manager: 'managerId',
    'manager.value': 'managerId',
    username: 'userName',
    externalid: 'externalId',
    active: 'active',
    displayname: 'displayName',
    title: 'title',
    'name.givenname': 'givenName',
    'name.familyname': 'familyName',
    emails: 'emails',
    'emails[type eq "work"].value': 'email',
    'emails[primary eq true].value': 'email',
  };
  if (p in simple) return simple[p];
  if (p === 'name.formatted' || p === 'preferredlanguage' || p === 'locale' || p === 'nickname') return 'ignored';
  if (/^emails\[type eq "[^"]*"\]\.value$/.test(p)) return 'otherEmail';
  return undefined;
}

/** Sets (or with `value` undefined, clears) one flat attribute. */
function setUserAttribute(attributes: UserAttributes, target: string, value: unknown, path: string): void {
  const removing = value === undefined;
  switch (target) {
    case 'ignored':
      return;
    case 'userName': {
      const userName = readString(value, path);
      if (!userName) throw invalidValue('userName is required and cannot be removed.');
      attributes.userName = userName;
      return;
    }
    case 'active':
      if (removing) throw invalidValue('active cannot be removed.');
      attributes.active = readBoolean(value, path);
      return;
    case 'email':
    case 'emails': {
      const email = target === 'emails' ? readEmails(value) : readString(value, path);
      if (email === undefined) delete attributes.email;
      else attributes.email = email;
      return;
    }
    case 'otherEmail':
      // Only the work address is kept; removing another kind that was never kept has no target.
      if (removing) throw noTarget(`No value matches "${path}".`);
      return;
    case 'managerId': {
      const managerId = readManager(value);
      if (managerId === undefined) delete attributes.managerId;
      else attributes.managerId = managerId;
      return;
    }
    default: {
      if (target.startsWith('enterprise.')) {
        const key = target.slice('enterprise.'.length);
        const text = readString(value, path);
        if (text === undefined) delete attributes.enterprise[key];
        else attributes.enterprise[key] = text;
        return;
      }
      const text = readString(value, path);
      const field = target as 'externalId' | 'displayName' | 'title' | 'givenName' | 'familyName';
      if (text === undefined) delete attributes[field];
      else attributes[field] = text;
    }
  }
}

/** Flattens a path-less value object ({ name: { givenName } } or { "name.givenName": … }) into paths. */
function flatten(value: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(value).flatMap(([key, inner]): Array<[string, unknown]> => {
    const path = prefix ? `${prefix}.${key}` : key;
    const lower = key.toLowerCase();
    const isObject = inner !== null && typeof inner === 'object' && !Array.isArray(inner);
    if (isObject && (lower === 'name' || lower === userSchema.toLowerCase()))
      return flatten(inner as Record<string, unknown>, lower === 'name' ? 'name' : '');
    if (isObject && lower === enterpriseSchema.toLowerCase())
      return Object.entries(inner as Record<string, unknown>).map(([k, v]) => [`${enterpriseSchema}:${k}`, v]);
    return [[path, inner]];
  });
}

/** The User after `operations`; throws on the first one that cannot apply, leaving `current` as it was. */
export function patchUser(current: UserAttributes, operations: PatchOperation[]): UserAttributes {
  const next: UserAttributes = structuredClone(current);
  for (const operation of operations) {
    if (!operation.path) {
      if (operation.op === 'remove') throw noTarget('remove needs a path.');
      if (!operation.value || typeof operation.value !== 'object' || Array.isArray(operation.value))
        throw invalidSyntax('A path-less operation needs an object value.');
      for (const [path, value] of flatten(operation.value as Record<string, unknown>)) {
        if (path === 'id' || path === 'schemas' || path === 'meta') continue;
        const target = userTarget(path);
        if (!target) throw invalidPath(path);
        setUserAttribute(next, target, value, path);
      }
      continue;
    }
    const target = userTarget(operation.path);
    if (!target) throw invalidPath(operation.path);
    setUserAttribute(next, target, operation.op === 'remove' ? undefined : operation.value, operation.path);
  }
  return next;
}

/** What a Group PATCH changes: its name and its member ids. */
export interface GroupAttributes {
  displayName: string;
  externalId?: string;
  members: string[];
}

/** Member ids of a `members` value: [{ value }] (or one such object). */
function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((member) => {
    const id = readString((member as Record<string, unknown> | null)?.value, 'members.value');
    if (!id) throw invalidValue('Each member needs a value (a User id).');
    return id;
  });
}

/** `members[value eq "…"]` as the id it names; scimmy parses the filter. */
function memberFilterId(path: string): string | undefined {
  const match = /^members\[(.*)\]$/i.exec(path.trim());
  if (!match) return undefined;
  try {
    const [expression] = [...new SCIMMY.Types.Filter(match[1]!)] as Array<Record<string, unknown>>;
    const comparison = Object.entries(expression ?? {}).find(([k]) => k.toLowerCase() === 'value')?.[1];
    if (Array.isArray(comparison) && comparison[0] === 'eq' && typeof comparison[1] === 'string') return comparison[1];
  } catch {
    // Falls through to invalidFilter below.
  }
  throw new ScimError(400, `The member filter in "${path}" is not \`value eq "<id>"\`.`, 'invalidFilter');
}

/** The Group after `operations` (Entra ID's add/remove members, Okta's replace), or the first refusal. */
export function patchGroup(current: GroupAttributes, operations: PatchOperation[]): GroupAttributes {
  const next: GroupAttributes = structuredClone(current);
  const apply = (op: PatchOperation['op'], path: string, value: unknown) => {
    const lower = path.toLowerCase();
    if (lower === 'displayname') {
      if (op === 'remove') throw invalidValue('displayName is required.');
      const name = readString(value, 'displayName');
      if (!name) throw invalidValue('displayName is required.');
      next.displayName = name;
    } else if (lower === 'externalid') {
      const id = op === 'remove' ? undefined : readString(value, 'externalId');
      if (id === undefined) delete next.externalId;
      else next.externalId = id;
    } else if (lower === 'members') {
      const ids = value === undefined ? [] : memberIds(value);
      if (op === 'replace') next.members = [...new Set(ids)];
      else if (op === 'add') next.members = [...new Set([...next.members, ...ids])];
      else next.members = value === undefined ? [] : next.members.filter((m) => !ids.includes(m));
    } else if (lower.startsWith('members[')) {
      const id = memberFilterId(path)!;
      if (op !== 'remove') throw invalidSyntax('Only remove takes a member filter path.');
      if (!next.members.includes(id)) throw noTarget(`${id} is not a member.`);
      next.members = next.members.filter((m) => m !== id);
    } else if (lower !== 'id' && lower !== 'schemas' && lower !== 'meta') {
      throw invalidPath(path);
    }
  };
  for (const operation of operations) {
    if (operation.path) {
      apply(operation.op, operation.path, operation.value);
      continue;
    }
    if (operation.op === 'remove') throw noTarget('remove needs a path.');
    if (!operation.value || typeof operation.value !== 'object' || Array.isArray(operation.value))
      throw invalidSyntax('A path-less operation needs an object value.');
    for (const [path, value] of Object.entries(operation.value)) apply(operation.op, path, value);
  }
  return next;
}
