/**
 * The authorization matrix, live: every row of authorization-matrix.ts × every column, sent to the
 * local runtime as the persona (or with the bad token) the column names, against real records of
 * the home region built through the API first. 100% of the cells must answer as the data says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../shared/routes/index.ts';
import { approvedAccount, grant } from '../support/accounts.ts';
import { apiClient, approvalLinkIn, poll, waitForEmail } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { putDirectoryEntry } from '../support/tables.ts';
import { hostileTokens, validToken } from '../support/tokens.ts';
import {
  columns,
  expectation,
  fixture,
  matrixProfileIds,
  otherRegionCaller,
  rows,
  uncoveredRoutes,
  type FixtureIds,
  type MatrixColumn,
  type MatrixRow,
} from './authorization-matrix.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;
let ids: FixtureIds;
const tokens: Record<string, string | undefined> = {};

/**
 * `otherRegionCaller` registered in the directory (roles come from there, issue 15.3), and its token,
 * signed by the local issuer as the identity provider would: it names the caller, nothing more.
 */
async function otherRegionToken(): Promise<string> {
  await putDirectoryEntry(runtime.endpoints, {
    staffId: otherRegionCaller.id,
    name: 'Kim Knox-Everyone',
    email: 'knox.everyone@agency.example',
    roles: [...otherRegionCaller.roles],
    region: otherRegionCaller.region,
    office: 'knox-central',
  });
  return validToken(runtime.endpoints, runtime.dataDir, otherRegionCaller.id);
}

/** Builds the records the matrix describes, through the API, and returns their ids. */
async function buildFixture(): Promise<FixtureIds> {
  const accepted = async (response: Promise<{ status: number; body: any }>, status: number) => {
    const { status: actual, body } = await response;
    expect(actual, JSON.stringify(body)).toBe(status);
    return body;
  };
  const accountId = await approvedAccount(runtime.endpoints, { platform: 'facebook' });
  await accepted(
    api.put(`/accounts/${accountId}/credential`, {
      as: 'administrator',
      body: { username: 'dcs.smoky', password: 'Matrix-Fixture-Password-1!' },
    }),
    201,
  );
  for (const staffId of fixture.grantHolders)
    expect((await grant(runtime.endpoints, accountId, staffId)).status).toBe(201);
  const { rotationId } = await accepted(
    api.post(`/accounts/${accountId}/rotations`, { as: 'administrator', body: { reason: 'matrix fixture' } }),
    202,
  );
  await poll(
    'the pending password',
    async () =>
      (await api.get(`/accounts/${accountId}/credential?version=pending`, { as: 'administrator' })).status === 200,
  );

  const { requestId } = await accepted(
    api.post('/account-requests', {
      as: 'director',
      body: {
        platform: 'instagram',
        purpose: 'client-contact',
        region: fixture.region,
        administratorId: fixture.administrators[0],
        backupAdministratorId: fixture.administrators[1],
      },
    }),
    202,
  );
  const email = await waitForEmail(
    runtime.endpoints,
    (e) => (e.body.text ?? '').includes(`Request: ${requestId}`) && e.subject.startsWith('Approve'),
  );
  const link = approvalLinkIn(email);
  const { incidentId } = await accepted(
    api.post('/incidents', {
      as: 'staff',
      body: {
        accountId,
        type: 'other',
        description: 'matrix fixture',
        observedAt: new Date(Date.now() - 60_000).toISOString(),
      },
    }),
    202,
  );
  const { departureId } = await accepted(
    api.post('/departures', {
      as: 'hr',
      body: { staffId: fixture.leaver, standing: 'bad', departedAt: new Date().toISOString() },
    }),
    202,
  );
  const { holdId } = await accepted(
    api.post('/holds', { as: 'operations', body: { accountId, reason: 'matrix fixture' } }),
    201,
  );
  const { suggestionId } = await accepted(
    api.post('/post-suggestions', {
      as: 'staff',
      body: {
        text: 'Adoption fair on Saturday',
        timeSensitive: false,
        attestations: { photoPermission: true, confidentiality: true },
      },
    }),
    202,
  );

  // The records are as the matrix data says, or its expectations mean nothing.
  const account = (await api.get(`/accounts/${accountId}`, { as: 'operations' })).body;
  expect([account.administratorId, account.backupAdministratorId]).toEqual(fixture.administrators);
  expect(account.directorIds).toEqual(fixture.accountDirectors);
  expect(account.region).toBe(fixture.region);
  const grants = (await api.get(`/accounts/${accountId}/grants`, { as: 'operations' })).body.items;
  expect(grants.map((g: { staffId: string }) => g.staffId)).toEqual(fixture.grantHolders);
  const request = (await api.get(`/account-requests/${requestId}`, { as: 'operations' })).body;
  expect(request.requesterId).toBe(fixture.requester);
  expect(request.approvers.map((a: { staffId: string }) => a.staffId)).toEqual(fixture.approvers);
  const suggestion = (await api.get(`/post-suggestions/${suggestionId}`, { as: 'operations' })).body;
  expect([suggestion.submitterId, suggestion.supervisorId]).toEqual([
    fixture.suggestionSubmitter,
    fixture.suggestionSupervisor,
  ]);
  expect((await api.get(`/incidents/${incidentId}`, { as: 'operations' })).body.region).toBe(fixture.region);

  return {
    accountId,
    requestId,
    approvalId: link.pathname.split('/').pop()!,
    approvalToken: link.searchParams.get('token')!,
    rotationId,
    incidentId,
    departureId,
    holdId,
    suggestionId,
    today: new Date().toISOString().slice(0, 10),
  };
}

beforeAll(async () => {
  runtime = await startRuntime({ name: 'authorization-matrix', profile: matrixProfileIds.join('+') });
  api = apiClient(runtime.endpoints);
  Object.assign(tokens, runtime.endpoints.tokens, await hostileTokens(runtime.endpoints, runtime.dataDir), {
    otherRegion: await otherRegionToken(),
    rolesClaim: await validToken(runtime.endpoints, runtime.dataDir, 'stf-staff', {
      roles: ['director', 'operations'],
      region: 'knox',
      office: 'knox-central',
    }),
    unknownPerson: await validToken(runtime.endpoints, runtime.dataDir, 'stf-matrix-unknown', {
      roles: ['operations'],
    }),
    noToken: undefined,
  });
  ids = await buildFixture();
}, 180_000);
afterAll(() => runtime?.stop());

interface Cell {
  row: string;
  column: string;
  expected: ReturnType<typeof expectation>;
  status: number;
  code: string | undefined;
  /** Pages (approval links, the status page) refuse with an HTML page rather than the JSON error body. */
  page: boolean;
}

async function send(row: MatrixRow, column: MatrixColumn): Promise<Cell> {
  const probe = row.probe(ids);
  const headers: Record<string, string> = {};
  const token = tokens[column.column];
  if (column.column !== 'noToken') {
    if (token === undefined) throw new Error(`No token for column ${column.column}`);
    headers.authorization = `Bearer ${token}`;
  }
  let body: string | undefined;
  if (probe.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(probe.form).toString();
  } else if (probe.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(probe.body);
  }
  const response = await fetch(`${runtime.endpoints.api}${probe.path}`, {
    method: routes[row.route].method,
    headers,
    ...(body !== undefined ? { body } : {}),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    // Pages and exports are not JSON.
  }
  // A SCIM route refuses in SCIM's own error format (RFC 7644 §3.12), not the contract's.
  if (routes[row.route].auth === 'scim' && response.status === 401 && text.includes('"status":"401"'))
    code = 'Unauthenticated';
  const page = (response.headers.get('content-type') ?? '').startsWith('text/html');
  return {
    row: row.label,
    column: column.column,
    expected: expectation(row, column),
    status: response.status,
    code,
    page,
  };
}

const meets = (cell: Cell): boolean => {
  if (cell.status >= 500) return false;
  if (cell.expected === 'allowed') return cell.status !== 401 && cell.status !== 403;
  if (cell.expected === 'forbidden') return cell.status === 403 && (cell.code !== undefined || cell.page);
  // A verified token naming no one is refused by the function, so a page route answers with its page.
  return cell.status === 401 && (cell.code === 'Unauthenticated' || cell.code === 'UnknownIdentity' || cell.page);
};

describe('authorization matrix', () => {
  it('covers every route of the route table', () => {
    expect(uncoveredRoutes()).toEqual([]);
  });

  it('answers every cell as the matrix says: route × persona, another region, bad tokens', async () => {
    const cells: Cell[] = [];
    // One cell at a time, in row order: some rows change what later rows see (a confirmation, a withdrawal).
    for (const row of rows) {
      const rowCells: Cell[] = [];
      for (const column of columns) rowCells.push(await send(row, column));
      if (routes[row.route].auth === 'public') {
        // A public route never reads a bearer token: one answer for every column.
        expect(
          new Set(rowCells.map((cell) => cell.status)).size,
          `${row.label}: ${rowCells.map((c) => `${c.column}=${c.status}`).join(' ')}`,
        ).toBe(1);
      }
      cells.push(...rowCells);
    }
    const failures = cells.filter((cell) => !meets(cell));
    const allowed = cells.filter((cell) => cell.expected === 'allowed').length;
    const statuses = new Map<number, number>();
    for (const cell of cells) statuses.set(cell.status, (statuses.get(cell.status) ?? 0) + 1);
    const byStatus = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
    console.log(
      `authorization matrix: ${cells.length - failures.length}/${cells.length} cells as expected (${rows.length} rows × ${columns.length} columns; ${allowed} allowed, ${cells.length - allowed} refused; ${byStatus})`,
    );
    expect(failures).toEqual([]);
  });
});
