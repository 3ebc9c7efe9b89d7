/**
 * A first load of the staff directory from CSV, for agencies without SCIM (issue 15.4). Every row is
 * checked against the directory before anything is written: one bad row and nothing is (all or
 * nothing), so a half-loaded directory never decides who may approve. People are written through the
 * same transaction SCIM uses (shared/adapters/directory-scim.ts), so userName uniqueness and the role
 * index hold, one person per transaction; a run that stopped half-way is finished by running it again.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../shared/adapters/audit.ts';
import {
  getScimUser,
  ownerOf,
  type ScimUserRecord,
  UniquenessConflict,
  writeDirectory,
} from '../../shared/adapters/directory-scim.ts';
import { getDirectoryEntry, getRegion } from '../../shared/adapters/directory.ts';
import { isRole, roles as roleOrder, type Role } from '../../shared/auth/roles.ts';
import type { Region, StaffMember } from '../../shared/schemas/staff.ts';
import { attributeMapping } from '../../shared/services/scim/schemas.ts';
import { directorySubject } from '../../shared/services/directory-admin.ts';
import { mailStateKept, type MailState, type MailUnreachable } from '../../shared/domain/mail-reach.ts';
import { auditMarkCleared } from '../../shared/services/mail-reach.ts';
import { csvObjects } from './csv.ts';

/** The columns of a staff file, in the order the README documents them. */
export const columns = [
  'staffId',
  'userName',
  'name',
  'email',
  'roles',
  'region',
  'office',
  'unit',
  'supervisorId',
  'active',
] as const;
const required = ['userName', 'name', 'email', 'roles', 'region', 'office'] as const;

const usableId = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The fields a row sets, compared to tell an update from an unchanged person. */
const compared = ['userName', 'name', 'email', 'roles', 'region', 'office', 'unit', 'supervisorId', 'active'] as const;

/** What one row does. */
export type RowPlan =
  | { line: number; action: 'create' | 'update' | 'unchanged'; staffId: string; userName: string; changed: string[] }
  | { line: number; action: 'error'; userName: string; reasons: string[] };

/** Whole-file problems (a missing column) and each row's plan. */
export interface ImportPlan {
  problems: string[];
  rows: RowPlan[];
  /**
   * The records to write, by line; only when every row is valid. `cleared`: the unreachable mark a
   * new address ends (issue 19.1), audited when written.
   */
  writes: Map<
    number,
    { before?: ScimUserRecord; adopts?: StaffMember; after: ScimUserRecord; cleared?: MailUnreachable }
  >;
}

const parseActive = (value: string): boolean | undefined => {
  const v = value.toLowerCase();
  if (v === '' || v === 'true' || v === 'yes' || v === '1') return true;
  if (v === 'false' || v === 'no' || v === '0') return false;
  return undefined;
};

/** Reads `text` and decides, row by row, what importing it would change; writes nothing. */
export async function planImport(text: string, now = new Date().toISOString()): Promise<ImportPlan> {
  const { header, rows } = csvObjects(text);
  const unknown = header.filter((name) => !(columns as readonly string[]).includes(name));
  const missing = required.filter((name) => !header.includes(name));
  const problems = [
    ...(missing.length ? [`missing column(s): ${missing.join(', ')}`] : []),
    ...(unknown.length ? [`unknown column(s): ${unknown.join(', ')} (known: ${columns.join(', ')})`] : []),
  ];
  const plan: ImportPlan = { problems, rows: [], writes: new Map() };
  if (problems.length) return plan;
  const regionCache = new Map<string, Promise<Region | undefined>>();
  const regionOf = (id: string) => {
    if (!regionCache.has(id)) regionCache.set(id, getRegion(id));
    return regionCache.get(id)!;
  };
  const userNames = new Map<string, number>();
  const staffIds = new Map<string, number>();
  for (const { line, values } of rows) {
    const userName = values.userName ?? '';
    const reasons: string[] = [];
    for (const name of required) if (!values[name]) reasons.push(`${name} is empty`);
    const key = userName.toLowerCase();
    if (userName && userNames.has(key)) reasons.push(`userName repeats line ${userNames.get(key)}`);
    else if (userName) userNames.set(key, line);
    if (values.email && !emailPattern.test(values.email)) reasons.push(`email ${values.email} is not an address`);
    const roleNames = (values.roles ?? '').split(/[\s;]+/).filter(Boolean);
    const badRoles = roleNames.filter((r) => !isRole(r));
    if (badRoles.length) reasons.push(`unknown role(s): ${badRoles.join(', ')}`);
    if (values.region) {
      const region = await regionOf(values.region);
      if (!region) reasons.push(`unknown region ${values.region}`);
      else if (values.office && !region.offices.some((o) => o.officeId === values.office))
        reasons.push(`office ${values.office} is not an office of ${values.region}`);
    }
    const active = parseActive(values.active ?? '');
    if (active === undefined) reasons.push(`active must be true or false, not ${values.active}`);
    // The person: the row's staffId, else whoever holds the userName, else a new id.
    const owner = userName ? await ownerOf('USERNAME', userName) : undefined;
    if (values.staffId && !usableId.test(values.staffId)) reasons.push(`staffId ${values.staffId} is not a usable id`);
    if (values.staffId && owner && owner !== values.staffId)
      reasons.push(`userName ${userName} belongs to ${owner}, not ${values.staffId}`);
    const staffId = values.staffId || owner || `stf-${randomUUID()}`;
    if (staffIds.has(staffId)) reasons.push(`staffId repeats line ${staffIds.get(staffId)}`);
    staffIds.set(staffId, line);
    const entry = await getDirectoryEntry(staffId);
    const before = entry ? await getScimUser(staffId) : undefined;
    if (entry?.kind === 'client') reasons.push(`${staffId} is a machine client`);
    else if (before?.source === 'scim')
      reasons.push(`${staffId} is managed by the identity provider (SCIM); change them there`);
    plan.rows.push({ line, action: 'error', userName, reasons });
    if (reasons.length) continue;
    const mapping = attributeMapping();
    const enterprise: Record<string, string> = { [mapping.region]: values.region!, [mapping.office]: values.office! };
    if (values.unit) enterprise[mapping.unit] = values.unit;
    const after: ScimUserRecord = {
      staffId,
      name: values.name!,
      email: values.email!,
      roles: roleOrder.filter((role) => roleNames.includes(role)) as Role[],
      region: values.region!,
      office: values.office!,
      ...(values.unit ? { unit: values.unit } : {}),
      ...(values.supervisorId ? { supervisorId: values.supervisorId } : {}),
      userName,
      active: active!,
      groups: before?.groups ?? [],
      source: 'csv',
      ...(entry?.departedAt ? { departedAt: entry.departedAt } : {}),
      scim: {
        displayName: values.name!,
        enterprise,
        ...(values.supervisorId ? { managerId: values.supervisorId } : {}),
        created: before?.scim.created ?? now,
        lastModified: now,
      },
    };
    const previous: (Partial<StaffMember> & MailState) | undefined = before ?? entry;
    // What SES told of mail to the person stays on their record; the mark only with its address (19.1).
    const { kept, cleared } = mailStateKept(previous, after.email);
    Object.assign(after, kept);
    const changed = previous
      ? compared.filter((f) => JSON.stringify(previous[f] ?? defaults[f]) !== JSON.stringify(after[f] ?? defaults[f]))
      : [...compared];
    plan.rows[plan.rows.length - 1] = {
      line,
      action: !previous ? 'create' : changed.length ? 'update' : 'unchanged',
      staffId,
      userName,
      changed: previous ? changed : [],
    };
    if (!previous || changed.length)
      plan.writes.set(line, {
        ...(before ? { before } : {}),
        ...(entry && !before ? { adopts: entry } : {}),
        after,
        ...(cleared ? { cleared } : {}),
      });
  }
  // Supervisors named must be people: in the directory, or in this file.
  for (const { line, values } of rows) {
    const id = values.supervisorId;
    if (!id || staffIds.has(id) || (await getDirectoryEntry(id))) continue;
    const row = plan.rows.find((r) => r.line === line)!;
    const reasons = row.action === 'error' ? row.reasons : [];
    plan.rows[plan.rows.indexOf(row)] = {
      line,
      action: 'error',
      userName: row.userName,
      reasons: [...reasons, `supervisor ${id} is neither in the directory nor in this file`],
    };
  }
  if (plan.rows.some((r) => r.action === 'error')) plan.writes.clear();
  return plan;
}

const defaults: Partial<Record<(typeof compared)[number], unknown>> = { active: true };

/** Writes the plan's people (valid plans only) and audits each change; returns how many were written. */
export async function applyImport(plan: ImportPlan, actorId: string): Promise<number> {
  if (plan.problems.length || plan.rows.some((r) => r.action === 'error')) return 0;
  let written = 0;
  for (const row of plan.rows) {
    const write = plan.writes.get(row.line);
    if (!write || row.action === 'error') continue;
    const { cleared, ...change } = write;
    try {
      await writeDirectory([change]);
    } catch (error) {
      if (error instanceof UniquenessConflict)
        throw new Error(`line ${row.line}: userName ${row.userName} was taken meanwhile; nothing more written`);
      throw error;
    }
    await appendAudit({
      subject: directorySubject,
      action: row.action === 'create' ? 'person-imported' : 'person-updated-by-import',
      actorId,
      at: new Date().toISOString(),
      details: { staffId: row.staffId, changed: row.changed },
    });
    if (cleared) await auditMarkCleared(row.staffId, cleared, actorId);
    written++;
  }
  return written;
}

/** One line per row, as the CLI prints it. */
export function describePlan(plan: ImportPlan): string[] {
  return [
    ...plan.problems.map((p) => `file: ${p}`),
    ...plan.rows.map((row) => {
      const who = `line ${row.line} ${row.userName || '(no userName)'}`;
      if (row.action === 'error') return `${who}: error: ${row.reasons.join('; ')}`;
      const id = `${row.staffId}`;
      if (row.action === 'update') return `${who} (${id}): update ${row.changed.join(', ')}`;
      return `${who} (${id}): ${row.action}`;
    }),
  ];
}
