/**
 * A person as a SCIM User resource and back. Identity providers send the same person in several
 * spellings (Entra ID: `active` as "False", the manager as a bare id; Okta: full resources on PUT),
 * so reading is lenient about spelling and strict about meaning: a value that cannot mean anything
 * here is `invalidValue` before anything is written.
 */
import type { ScimUserRecord } from '../../adapters/directory-scim.ts';
import { invalidSyntax, invalidValue } from './errors.ts';
import { enterpriseAttributes, enterpriseSchema, userSchema } from './schemas.ts';

/** The attributes of a User this service provider keeps, flat, as PATCH paths address them. */
export interface UserAttributes {
  userName: string;
  externalId?: string;
  active: boolean;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  title?: string;
  email?: string;
  enterprise: Record<string, string>;
  managerId?: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `true`/`false`, or the strings Entra ID sends for them. */
export function readBoolean(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw invalidValue(`${field} must be a boolean.`);
}

/** A string attribute, or undefined for null/absent; anything else is invalidValue. */
export function readString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidValue(`${field} must be a string.`);
  return value;
}

/**
 * The manager as Entra ID (a bare id, or a list of one `{ $ref, value }` as its PATCH with path
 * "manager" sends it) or the RFC (`{ value }`) spells it.
 */
export function readManager(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    if (value.length > 1) throw invalidValue('A user has one manager; manager lists more than one.');
    return readManager(value[0]);
  }
  if (value && typeof value === 'object') return readString((value as Record<string, unknown>).value, 'manager.value');
  return readString(value, 'manager');
}

/** The work (else primary, else first) address of an `emails` value. */
export function readEmails(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalidValue('emails must be a list.');
  const entries = value as Array<Record<string, unknown>>;
  const chosen = entries.find((e) => e?.type === 'work') ?? entries.find((e) => e?.primary === true) ?? entries[0];
  return chosen ? readString(chosen.value, 'emails.value') : undefined;
}

/** A full User resource (POST, PUT) as attributes; the client's `id` and `meta` are ignored, as RFC 7643 says. */
export function readUser(body: unknown): UserAttributes {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidSyntax('The body must be a User.');
  const user = body as Record<string, unknown>;
  if (Array.isArray(user.schemas) && !user.schemas.includes(userSchema))
    throw invalidSyntax(`schemas must include ${userSchema}.`);
  const userName = readString(user.userName, 'userName');
  if (!userName) throw invalidValue('userName is required.');
  const name = (user.name ?? {}) as Record<string, unknown>;
  const extension = (user[enterpriseSchema] ?? {}) as Record<string, unknown>;
  const enterprise: Record<string, string> = {};
  for (const key of enterpriseAttributes) {
    const value = readString(extension[key], key);
    if (value !== undefined) enterprise[key] = value;
  }
  const attributes: UserAttributes = {
    userName,
    active: user.active === undefined ? true : readBoolean(user.active, 'active'),
    enterprise,
  };
  const optional = {
    externalId: readString(user.externalId, 'externalId'),
    givenName: readString(name.givenName, 'name.givenName'),
    familyName: readString(name.familyName, 'name.familyName'),
    displayName: readString(user.displayName, 'displayName'),
    title: readString(user.title, 'title'),
    email: readEmails(user.emails),
    managerId: readManager(extension.manager),
  };
  return { ...attributes, ...withoutUndefined(optional) };
}

/** The attributes as kept, checked for what the directory needs. */
export function checkUser(attributes: UserAttributes): UserAttributes {
  const email = attributes.email ?? attributes.userName;
  if (!emailPattern.test(email)) throw invalidValue('A work email (emails or an email-shaped userName) is required.');
  return attributes;
}

/** The attributes of a stored person, for PATCH to work on. */
export function attributesOf(record: ScimUserRecord): UserAttributes {
  const { scim } = record;
  return {
    userName: record.userName ?? record.email,
    active: record.active !== false,
    enterprise: { ...scim.enterprise },
    email: record.email,
    ...withoutUndefined({
      externalId: record.externalId,
      givenName: scim.givenName,
      familyName: scim.familyName,
      displayName: scim.displayName,
      title: scim.title,
      managerId: scim.managerId,
    }),
  };
}

/** The SCIM User resource of a stored person. */
export function userResource(record: ScimUserRecord, baseUrl: string) {
  const { scim } = record;
  const enterprise = { ...scim.enterprise, ...(scim.managerId ? { manager: { value: scim.managerId } } : {}) };
  return {
    schemas: [userSchema, ...(Object.keys(enterprise).length > 0 ? [enterpriseSchema] : [])],
    id: record.staffId,
    ...(record.externalId ? { externalId: record.externalId } : {}),
    userName: record.userName ?? record.email,
    name: withoutUndefined({ givenName: scim.givenName, familyName: scim.familyName, formatted: record.name }),
    displayName: record.name,
    ...(scim.title ? { title: scim.title } : {}),
    active: record.active !== false,
    emails: [{ value: record.email, type: 'work', primary: true }],
    groups: (record.groups ?? []).map((id) => ({ value: id, $ref: `${baseUrl}/Groups/${id}` })),
    ...(Object.keys(enterprise).length > 0 ? { [enterpriseSchema]: enterprise } : {}),
    meta: {
      resourceType: 'User',
      created: scim.created,
      lastModified: scim.lastModified,
      location: `${baseUrl}/Users/${record.staffId}`,
      version: `W/"${scim.lastModified}"`,
    },
  };
}

/** `value` without its undefined entries (the document client drops them anyway; types then say so). */
export function withoutUndefined<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}
