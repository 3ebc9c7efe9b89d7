/**
 * Who may call what, as data: every route of the route table × every seeded persona, a valid token
 * of another region, and six kinds of bad token. The route table's `roles` decide first; the
 * handler-level rules (region, requester-only, grant-based reveal…) are stated here per route,
 * in code and in words, independently of the services that enforce them, so the live test
 * (authorization-matrix.test.ts) can catch a service that drifts. docs/authorization-matrix.md is
 * rendered from the same data (render-matrix.ts); a test keeps the two in step.
 */
import { homeRegion, otherRegion, personas } from '../../local/personas.ts';
import type { Role } from '../../shared/auth/roles.ts';
import { resolveProfile } from '../../shared/policy/resolve.ts';
import { routeList, routes, type RouteKey } from '../../shared/routes/index.ts';

/**
 * tn-dcs with mo-dss's post suggestions switched on (CT-02 keeps the stricter of every other
 * setting), so that every route, post suggestions included, runs against real records.
 */
export const matrixProfileIds = ['tn-dcs', 'mo-dss'] as const;
export const matrixProfile = resolveProfile(matrixProfileIds);

/** Someone holding a valid token. */
export interface MatrixCaller {
  column: string;
  id: string;
  roles: readonly Role[];
  region: string;
}

/** Tokens the gateway must refuse before any function runs (test/support/tokens.ts makes most). */
export const tokenProblems = {
  noToken: 'no Authorization header',
  unknownPerson: 'verifies, but names no one in the directory (401 `UnknownIdentity`)',
  expired: 'expired an hour ago',
  wrongIssuer: 'signed for another issuer',
  wrongAudience: 'issued for another API',
  algNone: 'unsigned (`alg: none`)',
  foreignKey: 'signed with a key the issuer does not publish',
  garbage: 'not a JWT',
} as const;
export type TokenProblem = keyof typeof tokenProblems;

export type MatrixColumn = ({ kind: 'caller' } & MatrixCaller) | { kind: 'token'; column: TokenProblem };

/**
 * Every regional role at once, in a region with no account: only region rules can refuse it. The
 * test registers it in the directory (roles come from there, issue 15.3); its token names it only.
 */
export const otherRegionCaller: MatrixCaller = {
  column: 'otherRegion',
  id: 'stf-knox-everyone',
  roles: ['director', 'designee', 'administrator', 'supervisor', 'staff', 'case-system'],
  region: otherRegion,
};

export const columns: MatrixColumn[] = [
  ...Object.entries(personas).map(
    ([column, person]): MatrixColumn => ({
      kind: 'caller',
      column,
      id: person.staffId,
      roles: person.roles,
      region: person.region,
    }),
  ),
  { kind: 'caller', ...otherRegionCaller },
  // A staff member whose token claims director and operations in another region: the claims grant nothing.
  {
    kind: 'caller',
    column: 'rolesClaim',
    id: personas.staff!.staffId,
    roles: personas.staff!.roles,
    region: personas.staff!.region,
  },
  ...(Object.keys(tokenProblems) as TokenProblem[]).map((column): MatrixColumn => ({ kind: 'token', column })),
];

/**
 * The records the matrix runs against, all in the home region; the test builds them through the
 * API and checks they are as described here before it starts.
 */
export const fixture = {
  region: homeRegion,
  /** The approved account's designated and back-up administrators. */
  administrators: [personas.administrator!.staffId, personas.backupAdministrator!.staffId],
  /** The region's directors when the account was approved: a record only; access follows the directory (16.6). */
  accountDirectors: [personas.director!.staffId],
  /** The one grant on the account (TN-07). */
  grantHolders: [personas.staff!.staffId],
  /** The pending account request: who asked, and who was asked to decide. */
  requester: personas.director!.staffId,
  approvers: [personas.communications!.staffId],
  /** The post suggestion: who wrote it, and the supervisor it went to (MO-01). */
  suggestionSubmitter: personas.staff!.staffId,
  suggestionSupervisor: personas.supervisor!.staffId,
  /** Reported as departed (bad standing) before the matrix runs; holds no grant; reaches nothing (TN-10). */
  leaver: personas.staff3!.staffId,
} as const;

/** Ids of the fixture's records, known once the test has built them. */
export interface FixtureIds {
  accountId: string;
  requestId: string;
  approvalId: string;
  approvalToken: string;
  rotationId: string;
  incidentId: string;
  departureId: string;
  holdId: string;
  suggestionId: string;
  today: string;
}

/** The request a cell sends; the column decides the token. */
export interface Probe {
  path: string;
  body?: unknown;
  form?: Record<string, string>;
}

export interface MatrixRow {
  /** The route key, with a variant after it when one route has two rows. */
  label: string;
  route: RouteKey;
  /** What the handler checks beyond the route table's roles, for the doc. */
  rule: string;
  /** The handler-level rule for a caller who holds one of the route's roles; absent: none. */
  handler?: (caller: MatrixCaller) => boolean;
  probe(ids: FixtureIds): Probe;
}

const holds = (caller: MatrixCaller, roles: readonly Role[]) => caller.roles.some((role) => roles.includes(role));
const operations = (caller: MatrixCaller) => holds(caller, ['operations']);
const ofRegion = (caller: MatrixCaller) => caller.region === fixture.region;
/** DC-01: oversight reads every region's accounts, on the routes whose roles admit it. */
const oversight = (caller: MatrixCaller) => holds(caller, ['oversight']);
const regionOrOperations = (caller: MatrixCaller) => ofRegion(caller) || operations(caller) || oversight(caller);
const isOneOf = (ids: readonly string[]) => (caller: MatrixCaller) => ids.includes(caller.id);
/** TN-05: a named administrator who holds the administrator role in the directory now (issue 16.6). */
const designatedAdministrator = (caller: MatrixCaller) =>
  isOneOf(fixture.administrators)(caller) && holds(caller, ['administrator']);
/** TN-07: a director of the account's region in the directory now, not a list kept on the account (issue 16.6). */
const regionalDirector = (caller: MatrixCaller) => holds(caller, ['director']) && ofRegion(caller);
const list = (values: readonly string[]) => values.join(', ');

const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const contactBody = (accountId: string) => ({
  caseId: 'case-matrix',
  accountId,
  workerId: fixture.grantHolders[0],
  workerName: 'Sky Caseworker',
  workerContact: { email: 'sky.caseworker@agency.example' },
  recipient: { handle: 'facebook.com/matrix', verified: true },
  channel: 'private-message',
  direction: 'outbound',
  purpose: 'diligent-search',
  messageKind: 'conversation',
  occurredAt: new Date(Date.now() - 60_000).toISOString(),
});

/**
 * The rows, in the order the test runs them: rows that change state (a decision, a confirmation,
 * a withdrawal) come after the rows that need the state before it. Probes are chosen to pass
 * authorization and then stop without side effects where they can (an unknown delegate, a future
 * observation time); where the real effect is the point (a grant, a hold, a contact), they have it.
 */
export const rows: MatrixRow[] = [
  { label: 'GET /health', route: 'GET /health', rule: 'public', probe: () => ({ path: '/health' }) },
  { label: 'GET /openapi.json', route: 'GET /openapi.json', rule: 'public', probe: () => ({ path: '/openapi.json' }) },
  { label: 'GET /me', route: 'GET /me', rule: 'any valid token', probe: () => ({ path: '/me' }) },
  { label: 'GET /me/work', route: 'GET /me/work', rule: 'any valid token', probe: () => ({ path: '/me/work' }) },
  {
    label: 'POST /account-requests',
    route: 'POST /account-requests',
    rule: `the profile's requester roles (${list(matrixProfile.accountCreation.requesterRoles)}) of the request's region`,
    handler: (caller) => holds(caller, matrixProfile.accountCreation.requesterRoles) && regionOrOperations(caller),
    // Same administrator twice: refused by TN-05 after authorization, so nothing is filed.
    probe: () => ({
      path: '/account-requests',
      body: {
        platform: 'instagram',
        purpose: 'client-contact',
        region: fixture.region,
        administratorId: fixture.administrators[0],
        backupAdministratorId: fixture.administrators[0],
      },
    }),
  },
  {
    label: 'GET /account-requests/{requestId}',
    route: 'GET /account-requests/{requestId}',
    rule: 'the requester, the approvers asked, operations, oversight (DC-01)',
    handler: (caller) =>
      isOneOf([fixture.requester, ...fixture.approvers])(caller) || operations(caller) || oversight(caller),
    probe: (ids) => ({ path: `/account-requests/${ids.requestId}` }),
  },
  {
    label: 'GET /approvals/{approvalId}',
    route: 'GET /approvals/{approvalId}',
    rule: "public: the link's token decides, never a bearer token",
    probe: (ids) => ({ path: `/approvals/${ids.approvalId}?token=${ids.approvalToken}` }),
  },
  {
    label: 'POST /approvals/{approvalId}',
    route: 'POST /approvals/{approvalId}',
    rule: "public: the link's token decides, never a bearer token",
    // An unknown link (404) for every column, so the real one stays undecided for the row above.
    probe: () => ({
      path: '/approvals/apv_MatrixUnknownLink00000',
      form: { token: 'A'.repeat(43), decision: 'approve' },
    }),
  },
  {
    label: 'POST /delegations',
    route: 'POST /delegations',
    rule: 'route roles only',
    probe: () => ({ path: '/delegations', body: { delegateId: 'stf-matrix-nobody', from: later(1), to: later(2) } }),
  },
  {
    label: 'GET /delegations',
    route: 'GET /delegations',
    rule: 'route roles only; each caller sees their own, given and received',
    probe: () => ({ path: '/delegations' }),
  },
  {
    label: 'DELETE /delegations/{delegationId}',
    route: 'DELETE /delegations/{delegationId}',
    rule: "route roles only; only the approver who gave it finds it (anyone else's is 404)",
    // An unknown delegation (404) for every column: the rule above is the whole check.
    probe: () => ({ path: '/delegations/dlg_MatrixUnknownDelegati0' }),
  },
  {
    label: 'GET /accounts?region=…',
    route: 'GET /accounts',
    rule: 'staff of the region asked for, operations (TN-07)',
    handler: regionOrOperations,
    probe: () => ({ path: `/accounts?region=${fixture.region}` }),
  },
  {
    label: 'GET /accounts/{accountId}',
    route: 'GET /accounts/{accountId}',
    rule: "staff of the account's region, operations (TN-07)",
    handler: regionOrOperations,
    probe: (ids) => ({ path: `/accounts/${ids.accountId}` }),
  },
  {
    label: 'PUT /accounts/{accountId}/credential',
    route: 'PUT /accounts/{accountId}/credential',
    rule: "the account's designated and back-up administrators, holding the administrator role (TN-05)",
    handler: designatedAdministrator,
    probe: (ids) => ({
      path: `/accounts/${ids.accountId}/credential`,
      body: { username: 'matrix', password: 'Matrix-Probe-Password-1!' },
    }),
  },
  {
    label: 'GET /accounts/{accountId}/credential',
    route: 'GET /accounts/{accountId}/credential',
    rule:
      'designated administrators holding the role, directors of its region now, grant holders (TN-07), ' +
      `supervisors of its region${matrixProfile.access.supervisorsMayReveal ? ' (NJ-05, on in this profile)' : ''}; ` +
      'never a leaver (TN-10)',
    handler: (caller) =>
      caller.id !== fixture.leaver &&
      (designatedAdministrator(caller) ||
        regionalDirector(caller) ||
        isOneOf(fixture.grantHolders)(caller) ||
        (matrixProfile.access.supervisorsMayReveal && holds(caller, ['supervisor']) && ofRegion(caller))),
    probe: (ids) => ({ path: `/accounts/${ids.accountId}/credential` }),
  },
  {
    label: 'GET /accounts/{accountId}/credential?version=pending',
    route: 'GET /accounts/{accountId}/credential',
    rule: 'the designated and back-up administrators only, holding the administrator role (TN-09)',
    handler: designatedAdministrator,
    probe: (ids) => ({ path: `/accounts/${ids.accountId}/credential?version=pending` }),
  },
  {
    label: 'POST /accounts/{accountId}/rotations/{rotationId}/confirm',
    route: 'POST /accounts/{accountId}/rotations/{rotationId}/confirm',
    rule: 'the designated and back-up administrators, holding the administrator role (TN-09)',
    handler: designatedAdministrator,
    probe: (ids) => ({ path: `/accounts/${ids.accountId}/rotations/${ids.rotationId}/confirm` }),
  },
  {
    label: 'POST /accounts/{accountId}/rotations',
    route: 'POST /accounts/{accountId}/rotations',
    rule: 'the designated and back-up administrators, holding the administrator role (TN-09)',
    handler: designatedAdministrator,
    probe: (ids) => ({ path: `/accounts/${ids.accountId}/rotations`, body: { reason: 'authorization matrix' } }),
  },
  {
    label: 'GET /accounts/{accountId}/audit',
    route: 'GET /accounts/{accountId}/audit',
    rule: "operations, oversight (DC-01); directors and supervisors of the account's region (CT-10)",
    handler: (caller) =>
      operations(caller) || oversight(caller) || (holds(caller, ['director', 'supervisor']) && ofRegion(caller)),
    probe: (ids) => ({ path: `/accounts/${ids.accountId}/audit` }),
  },
  {
    label: 'POST /accounts/{accountId}/grants',
    route: 'POST /accounts/{accountId}/grants',
    rule:
      `the profile's grantor roles (${list(matrixProfile.access.grantorRoles)}) of the account's region (TN-07); ` +
      'where the profile asks approvers first (NJ-02 under nj-dcf) the answer is 202 and the grant is pending until ' +
      'both directors approved from their links, and long-term access (no `expiresAt`) is asked for only by the ' +
      `profile's long-term requesters (NJ-09: ${list(matrixProfile.access.longTermRequesterRoles ?? ['any grantor'])})`,
    handler: (caller) => holds(caller, matrixProfile.access.grantorRoles) && ofRegion(caller),
    probe: (ids) => ({ path: `/accounts/${ids.accountId}/grants`, body: { staffId: personas.staff2!.staffId } }),
  },
  {
    label: 'POST /accounts/{accountId}/grants to the grantor',
    route: 'POST /accounts/{accountId}/grants',
    rule: "never to oneself: the region's director granting themselves is refused (403 `SelfGrant`, issue 16.6)",
    handler: (caller) =>
      holds(caller, matrixProfile.access.grantorRoles) && ofRegion(caller) && caller.id !== personas.director!.staffId,
    probe: (ids) => ({ path: `/accounts/${ids.accountId}/grants`, body: { staffId: personas.director!.staffId } }),
  },
  {
    label: 'GET /accounts/{accountId}/grants',
    route: 'GET /accounts/{accountId}/grants',
    rule: "operations; directors, supervisors and administrators of the account's region (TN-07)",
    handler: (caller) =>
      operations(caller) || (holds(caller, ['director', 'supervisor', 'administrator']) && ofRegion(caller)),
    probe: (ids) => ({ path: `/accounts/${ids.accountId}/grants` }),
  },
  {
    label: 'DELETE /accounts/{accountId}/grants/{staffId}',
    route: 'DELETE /accounts/{accountId}/grants/{staffId}',
    rule: `the profile's grantor roles (${list(matrixProfile.access.grantorRoles)}) of the account's region (TN-07)`,
    handler: (caller) => holds(caller, matrixProfile.access.grantorRoles) && ofRegion(caller),
    probe: (ids) => ({ path: `/accounts/${ids.accountId}/grants/${personas.staff2!.staffId}` }),
  },
  {
    label: 'POST /staff/{staffId}/acknowledgments',
    route: 'POST /staff/{staffId}/acknowledgments',
    rule: 'route roles only',
    probe: () => ({
      path: `/staff/${personas.staff2!.staffId}/acknowledgments`,
      body: { acknowledgedAt: new Date().toISOString(), trainingCompletedAt: new Date().toISOString() },
    }),
  },
  {
    label: 'POST /contacts',
    route: 'POST /contacts',
    rule:
      "case systems serving the account's region (403 `CaseSystemRegion`, issue 16.7); " +
      "then the record's own rules, TN-01…DC-07, TN-04, CT-03, 422",
    handler: regionOrOperations,
    probe: (ids) => ({ path: '/contacts', body: contactBody(ids.accountId) }),
  },
  {
    label: 'GET /contacts?accountId=…',
    route: 'GET /contacts',
    rule: "case systems serving the account's region (issue 16.7); supervisors of the account's region (DC-09)",
    handler: regionOrOperations,
    probe: (ids) => ({ path: `/contacts?accountId=${ids.accountId}` }),
  },
  {
    label: 'GET /contacts/export?accountId=…',
    route: 'GET /contacts/export',
    rule: "operations, records officers and legal; case systems serving the account's region (CT-06, issue 16.7)",
    handler: (caller) => regionOrOperations(caller) || holds(caller, ['records-officer', 'legal']),
    probe: (ids) => ({ path: `/contacts/export?accountId=${ids.accountId}&requestReference=FOIA-MATRIX` }),
  },
  {
    label: 'POST /contacts/{contactId}/transcript',
    route: 'POST /contacts/{contactId}/transcript',
    rule: "the case system that wrote the record (another's is 404, as an unknown one); TN-12",
    // An unknown record: authorization passes, then 404, writing nothing.
    probe: () => ({
      path: '/contacts/ctc_AAAAAAAAAAAAAAAAAAAAAA/transcript',
      body: { transcriptDocumentId: 'doc-matrix' },
    }),
  },
  {
    label: 'GET /contacts/transcripts-owed?caseId=…',
    route: 'GET /contacts/transcripts-owed',
    rule:
      'route roles only: a case is seen as its records are, case systems for the regions they serve, ' +
      "supervisors for their own region's workers (DC-09); TN-12",
    probe: () => ({ path: '/contacts/transcripts-owed?caseId=case-matrix' }),
  },
  {
    label: 'POST /holds',
    route: 'POST /holds',
    rule: "operations; directors of the account's region (CT-06)",
    handler: regionOrOperations,
    probe: (ids) => ({ path: '/holds', body: { accountId: ids.accountId, reason: 'authorization matrix' } }),
  },
  {
    label: 'GET /holds',
    route: 'GET /holds',
    rule: "route roles only (directors see their region's)",
    probe: () => ({ path: '/holds' }),
  },
  {
    label: 'DELETE /holds/{holdId}',
    route: 'DELETE /holds/{holdId}',
    rule: 'records officers and legal counsel, never a director of the held region (CT-06)',
    handler: (caller) =>
      holds(caller, ['records-officer', 'legal']) && !(holds(caller, ['director']) && ofRegion(caller)),
    probe: (ids) => ({ path: `/holds/${ids.holdId}`, body: { reason: 'authorization matrix' } }),
  },
  {
    label: 'GET /disposals',
    route: 'GET /disposals',
    rule: 'route roles only',
    probe: (ids) => ({ path: `/disposals?date=${ids.today}` }),
  },
  {
    label: 'POST /incidents',
    route: 'POST /incidents',
    rule: "staff of the account's region (TN-06)",
    handler: ofRegion,
    // Observed tomorrow: refused (400) after the region check, so no incident is filed.
    probe: (ids) => ({
      path: '/incidents',
      body: { accountId: ids.accountId, type: 'other', description: 'authorization matrix', observedAt: later(1) },
    }),
  },
  {
    label: 'GET /incidents/{incidentId}',
    route: 'GET /incidents/{incidentId}',
    rule: "staff of the incident's region, operations (TN-06)",
    handler: regionOrOperations,
    probe: (ids) => ({ path: `/incidents/${ids.incidentId}` }),
  },
  {
    label: 'POST /incidents/{incidentId}/hotline-report',
    route: 'POST /incidents/{incidentId}/hotline-report',
    rule: "staff of the incident's region (TN-14)",
    handler: ofRegion,
    probe: (ids) => ({ path: `/incidents/${ids.incidentId}/hotline-report`, body: { reference: 'MATRIX-1' } }),
  },
  {
    label: 'POST /departures',
    route: 'POST /departures',
    // The probe names nobody (400 before any region check); incidents and departures tests try the rest.
    rule: "HR anyone's; a director their own region's leavers only (TN-10)",
    probe: () => ({
      path: '/departures',
      body: { staffId: 'stf-matrix-nobody', standing: 'good', departedAt: new Date().toISOString() },
    }),
  },
  {
    label: 'GET /departures/{departureId}',
    route: 'GET /departures/{departureId}',
    rule: "HR, IT and operations statewide; directors of the leaver's region (TN-10)",
    handler: (caller) =>
      caller.roles.some((role) => role === 'hr' || role === 'it-director' || role === 'operations') ||
      caller.region === fixture.region,
    probe: (ids) => ({ path: `/departures/${ids.departureId}` }),
  },
  {
    label: 'POST /departures/{departureId}/email-access-removed',
    route: 'POST /departures/{departureId}/email-access-removed',
    rule: 'route roles only (TN-10)',
    probe: (ids) => ({ path: `/departures/${ids.departureId}/email-access-removed` }),
  },
  {
    label: 'POST /departures/{departureId}/reinstate',
    route: 'POST /departures/{departureId}/reinstate',
    rule: 'route roles only (HR; audited)',
    // An unknown departure (404) for HR, so the fixture's departure stays recorded for the other rows.
    probe: () => ({ path: '/departures/dep_MatrixUnknownDeparture/reinstate', body: { reason: 'matrix' } }),
  },
  {
    label: 'POST /departures/{departureId}/standing',
    route: 'POST /departures/{departureId}/standing',
    rule: 'route roles only (HR; audited)',
    // An unknown departure (404) for HR, so the fixture's departure keeps its standing.
    probe: () => ({
      path: '/departures/dep_MatrixUnknownDeparture/standing',
      body: { standing: 'good', reason: 'matrix' },
    }),
  },
  {
    label: 'POST /post-suggestions',
    route: 'POST /post-suggestions',
    rule: 'route roles only (MO-01; MO-02 refuses the probe with 422)',
    probe: () => ({
      path: '/post-suggestions',
      body: {
        text: 'authorization matrix',
        timeSensitive: false,
        attestations: { photoPermission: false, confidentiality: true },
      },
    }),
  },
  {
    label: 'GET /post-suggestions',
    route: 'GET /post-suggestions',
    rule: 'any valid token: reviewers see the queue, others their own (MO-03)',
    probe: () => ({ path: '/post-suggestions' }),
  },
  {
    label: 'GET /post-suggestions/{suggestionId}',
    route: 'GET /post-suggestions/{suggestionId}',
    rule: `the submitter, their supervisor, reviewers (${list(matrixProfile.postSuggestions.reviewerRoles)}), operations (MO-03)`,
    handler: (caller) =>
      isOneOf([fixture.suggestionSubmitter, fixture.suggestionSupervisor])(caller) ||
      holds(caller, [...matrixProfile.postSuggestions.reviewerRoles, 'operations']),
    probe: (ids) => ({ path: `/post-suggestions/${ids.suggestionId}` }),
  },
  {
    label: 'GET /ops/status',
    route: 'GET /ops/status',
    rule: 'route roles only',
    probe: () => ({ path: '/ops/status' }),
  },
  {
    label: 'GET /ops/status.json',
    route: 'GET /ops/status.json',
    rule: 'route roles only',
    probe: () => ({ path: '/ops/status.json' }),
  },
  {
    label: 'GET /ops/executions',
    route: 'GET /ops/executions',
    rule: 'route roles only',
    probe: () => ({ path: '/ops/executions?workflow=accountApproval' }),
  },
  {
    label: 'GET /ops/executions/{workflow}/{name}',
    route: 'GET /ops/executions/{workflow}/{name}',
    rule: 'route roles only',
    probe: () => ({ path: '/ops/executions/accountApproval/not-an-execution' }),
  },
  {
    label: 'GET /staff/lookup',
    route: 'GET /staff/lookup',
    rule: "route roles only; the caller's region's present staff (issue 18)",
    probe: () => ({ path: '/staff/lookup?q=Caseworker' }),
  },
  {
    label: 'POST /ops/executions/{workflow}/{name}/redrive',
    route: 'POST /ops/executions/{workflow}/{name}/redrive',
    rule: 'route roles only (issue 19.7)',
    probe: () => ({ path: '/ops/executions/accountApproval/not-an-execution/redrive' }),
  },
  {
    label: 'POST /ops/staff/{staffId}/mail-reachable',
    route: 'POST /ops/staff/{staffId}/mail-reachable',
    rule: 'route roles only (issue 19.1)',
    probe: () => ({ path: '/ops/staff/stf-staff/mail-reachable' }),
  },
  {
    label: 'POST /account-requests/{requestId}/withdraw',
    route: 'POST /account-requests/{requestId}/withdraw',
    rule: 'the requester only',
    handler: isOneOf([fixture.requester]),
    probe: (ids) => ({ path: `/account-requests/${ids.requestId}/withdraw`, body: {} }),
  },
  {
    label: 'GET /records/export',
    route: 'GET /records/export',
    rule: 'route roles only (CT-06)',
    probe: (ids) => ({ path: `/records/export?accountId=${ids.accountId}` }),
  },
  {
    label: 'POST /accounts/{accountId}/monitoring',
    route: 'POST /accounts/{accountId}/monitoring',
    rule: 'oversight, any region (MO-04)',
    probe: (ids) => ({ path: `/accounts/${ids.accountId}/monitoring`, body: { note: 'authorization matrix' } }),
  },
  // Last: a suspension stops reveals, grants and contacts, so it comes after them, and is undone at once.
  {
    label: 'POST /accounts/{accountId}/suspension',
    route: 'POST /accounts/{accountId}/suspension',
    rule: 'oversight, any region (DC-01)',
    probe: (ids) => ({ path: `/accounts/${ids.accountId}/suspension`, body: { reason: 'authorization matrix' } }),
  },
  {
    label: 'DELETE /accounts/{accountId}/suspension',
    route: 'DELETE /accounts/{accountId}/suspension',
    rule: 'oversight, any region (DC-01)',
    probe: (ids) => ({ path: `/accounts/${ids.accountId}/suspension`, body: { reason: 'authorization matrix' } }),
  },
];

/** The SCIM routes: only the identity provider's secret opens them; no staff token, valid or not, does. */
const scimRule = "the identity provider's SCIM bearer secret only: every staff token is 401";
const scimRows: MatrixRow[] = (
  [
    ['GET /scim/v2/Users', '/scim/v2/Users'],
    ['POST /scim/v2/Users', '/scim/v2/Users'],
    ['GET /scim/v2/Users/{id}', '/scim/v2/Users/stf-staff'],
    ['PUT /scim/v2/Users/{id}', '/scim/v2/Users/stf-staff'],
    ['PATCH /scim/v2/Users/{id}', '/scim/v2/Users/stf-staff'],
    ['DELETE /scim/v2/Users/{id}', '/scim/v2/Users/stf-staff'],
    ['GET /scim/v2/Groups', '/scim/v2/Groups'],
    ['POST /scim/v2/Groups', '/scim/v2/Groups'],
    ['GET /scim/v2/Groups/{id}', '/scim/v2/Groups/grp-matrix'],
    ['PUT /scim/v2/Groups/{id}', '/scim/v2/Groups/grp-matrix'],
    ['PATCH /scim/v2/Groups/{id}', '/scim/v2/Groups/grp-matrix'],
    ['DELETE /scim/v2/Groups/{id}', '/scim/v2/Groups/grp-matrix'],
    ['GET /scim/v2/ServiceProviderConfig', '/scim/v2/ServiceProviderConfig'],
    ['GET /scim/v2/ResourceTypes', '/scim/v2/ResourceTypes'],
    ['GET /scim/v2/Schemas', '/scim/v2/Schemas'],
    ['GET /scim/v2/Schemas/{id}', '/scim/v2/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser'],
  ] as const
).map(([route, path]) => ({
  label: route,
  route,
  rule: scimRule,
  probe: () => (route.startsWith('GET') || route.startsWith('DELETE') ? { path } : { path, body: {} }),
}));
rows.push(...scimRows);

/**
 * Directory administration (issue 15.4): system-admin only. Probes stop after authorization without a
 * write: an empty body (400) for a PUT, an unknown group or client (404) for a DELETE.
 */
const directoryRows: MatrixRow[] = (
  [
    ['GET /regions', '/regions'],
    ['PUT /regions/{regionId}', '/regions/matrix-region'],
    ['GET /directory/group-mappings', '/directory/group-mappings'],
    ['PUT /directory/group-mappings/{group}', '/directory/group-mappings/matrix-group'],
    ['DELETE /directory/group-mappings/{group}', '/directory/group-mappings/matrix-group'],
    ['GET /directory/clients', '/directory/clients'],
    ['PUT /directory/clients/{clientId}', '/directory/clients/matrix-client'],
    ['DELETE /directory/clients/{clientId}', '/directory/clients/matrix-client'],
  ] as const
).map(([route, path]) => ({
  label: route,
  route,
  rule: 'route roles only (issue 15.4)',
  probe: () => (route.startsWith('PUT') ? { path, body: {} } : { path }),
}));
rows.push(...directoryRows);

export type Expectation = 'allowed' | 'forbidden' | 'unauthenticated';

/** What a cell must answer: allowed (neither 401 nor 403), forbidden (403) or unauthenticated (401). */
export function expectation(row: MatrixRow, column: MatrixColumn): Expectation {
  const route = routes[row.route] as (typeof routes)[RouteKey] & { roles?: readonly Role[] };
  if (route.auth === 'public') return 'allowed';
  // SCIM takes the identity provider's secret, never a staff token: every staff token is refused.
  if (column.kind === 'token' || route.auth === 'scim') return 'unauthenticated';
  // The directory says the leaver has gone: every authenticated route refuses them (TN-10).
  if (column.id === fixture.leaver) return 'forbidden';
  if (route.roles && !holds(column, route.roles)) return 'forbidden';
  return row.handler === undefined || row.handler(column) ? 'allowed' : 'forbidden';
}

/** Routes of the table without a row: must be empty, or the matrix is not "every route". */
export const uncoveredRoutes = (): string[] =>
  routeList()
    .map((route) => route.key)
    .filter((key) => !rows.some((row) => row.route === key));

const symbol: Record<Expectation, string> = { allowed: '✓', forbidden: '403', unauthenticated: '401' };

/** The matrix as Markdown, for docs/authorization-matrix.md. */
export function renderMatrix(): string {
  const header = columns.map((column) => column.column);
  const rolesOf = (key: RouteKey) => {
    const route = routes[key] as (typeof routes)[RouteKey] & { roles?: readonly Role[] };
    if (route.auth === 'scim') return 'SCIM token';
    return route.auth === 'public' ? 'public' : route.roles ? list(route.roles) : 'any';
  };
  const lines = [
    '# Authorization matrix',
    '',
    '<!-- Generated by `node test/reliability/render-matrix.ts > docs/authorization-matrix.md` from',
    '     test/reliability/authorization-matrix.ts; test/docs/authorization-matrix.test.ts fails when it is stale. -->',
    '',
    'Every route of the route table (`shared/routes/`) against every seeded persona, a valid token of another',
    'region, a token whose `roles` claim says more than the directory does (it grants nothing: roles, region',
    `and office come from the directory on every request), the leaver (${fixture.leaver}, refused everywhere,`,
    "TN-10), and tokens the API must refuse. `npm run test:reliability` sends each cell's request to the local",
    'runtime and checks the answer; the records it runs against are real (an approved account in the',
    `${fixture.region} region with its credential, a grant, a pending rotation, a pending account request and its`,
    'emailed link, an incident, a departure, a hold and a post suggestion).',
    '',
    `Profile: \`${matrixProfileIds.join('+')}\` (tn-dcs, with mo-dss's post suggestions; the stricter setting wins, CT-02).`,
    '',
    "- **✓** allowed: the answer is neither 401 nor 403 (it may be 400, 404, 409 or 422: the probe's input decides).",
    '- **403** refused by the route\'s roles or by the handler\'s rule in the "who may" column.',
    '- **401** no token, one that does not verify, or one naming no one in the directory.',
    '- Public routes never read a bearer token: every column gets the same answer.',
    '',
    '## Columns',
    '',
    '| column | roles (from the directory) | region |',
    '|---|---|---|',
    ...columns.map((column) =>
      column.kind === 'caller'
        ? `| ${column.column} | ${column.roles.join(', ')} | ${column.region} |`
        : `| ${column.column} | (${tokenProblems[column.column]}) | |`,
    ),
    '',
    '## Matrix',
    '',
    `| route | route roles | who may, beyond the roles | ${header.join(' | ')} |`,
    `|---|---|---|${header.map(() => ':-:').join('|')}|`,
    ...rows.map(
      (row) =>
        `| \`${row.label}\` | ${rolesOf(row.route)} | ${row.rule} | ${columns.map((column) => symbol[expectation(row, column)]).join(' | ')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
