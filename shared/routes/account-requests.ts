/** Account-creation requests and their emailed approval links (TN-02, DC-01, NJ-02, CT-07). */
import {
  accepted,
  accountRequestView,
  approvalPageQuery,
  approvalParams,
  createAccountRequestBody,
  decisionForm,
  delegationBody,
  delegationList,
  delegationParams,
  delegationView,
  requestIdParams,
  withdrawBody,
} from '../schemas/account-requests.ts';
import type { RouteDefinition } from './types.ts';

/** Tables of the routes that change a request; no spread into a route (see index.ts). */
const requestsTables = { accounts: 'readwrite', directory: 'read', audit: 'readwrite' } as const;

export const createAccountRequestRoute = {
  method: 'POST',
  path: '/account-requests',
  handler: 'account-requests/create-account-request',
  auth: 'jwt',
  roles: ['director', 'designee'],
  summary: 'Ask for a new official account (TN-02); starts the approval workflow and emails each approver a link.',
  request: { body: createAccountRequestBody },
  responses: { 202: { description: 'Accepted; the approvers are being asked.', schema: accepted } },
  // Mail: operations hear at once when the only approver left is one whose mail does not arrive (19.1).
  access: { tables: requestsTables, workflows: { accountApproval: ['start'] }, sendEmail: true },
} as const satisfies RouteDefinition;

export const getAccountRequestRoute = {
  method: 'GET',
  path: '/account-requests/{requestId}',
  handler: 'account-requests/get-account-request',
  auth: 'jwt',
  summary:
    "A request's status and its append-only decision history: the written approval TN-02 asks for. Requester, " +
    'approvers and operations only.',
  request: { params: requestIdParams },
  responses: { 200: { description: 'The request.', schema: accountRequestView } },
  access: { tables: { accounts: 'read' } },
} as const satisfies RouteDefinition;

export const withdrawAccountRequestRoute = {
  method: 'POST',
  path: '/account-requests/{requestId}/withdraw',
  handler: 'account-requests/withdraw-account-request',
  auth: 'jwt',
  roles: ['director', 'designee'],
  summary: 'The requester withdraws a pending request; its approval links stop working.',
  request: { params: requestIdParams, body: withdrawBody },
  responses: { 202: { description: 'Withdrawn.', schema: accepted } },
  access: { tables: requestsTables, workflows: { accountApproval: ['callback'] } },
} as const satisfies RouteDefinition;

export const showApprovalRoute = {
  method: 'GET',
  path: '/approvals/{approvalId}',
  handler: 'approvals/show-approval',
  auth: 'public',
  summary:
    'The page an emailed approval link opens: the request and Approve / Reject. Changes nothing (mail scanners ' +
    'prefetch links).',
  request: { params: approvalParams, query: approvalPageQuery },
  responses: { 200: { description: 'The decision page.', contentType: 'text/html' } },
  access: { tables: { accounts: 'read', directory: 'read' } },
} as const satisfies RouteDefinition;

export const decideApprovalRoute = {
  method: 'POST',
  path: '/approvals/{approvalId}',
  handler: 'approvals/decide-approval',
  auth: 'public',
  summary:
    "Records the link holder's decision (form post). A second decision is 409, an expired link 410, a wrong token 403.",
  request: { params: approvalParams, body: decisionForm, bodyType: 'form' },
  responses: { 200: { description: 'The result page.', contentType: 'text/html' } },
  // sendEmail: a grant request's requester and grantee hear how it ended (NJ-02).
  access: { tables: requestsTables, workflows: { accountApproval: ['callback'] }, sendEmail: true },
} as const satisfies RouteDefinition;

export const createDelegationRoute = {
  method: 'POST',
  path: '/delegations',
  handler: 'delegations/create-delegation',
  auth: 'jwt',
  roles: ['communications', 'director', 'it-director', 'info-services', 'opi'],
  summary:
    "An approver names a delegate who decides for them between two dates (from now, at most the profile's " +
    'delegations.maxDays); decisions record both. A link goes to the delegate only when they could decide that ' +
    'step themselves: not the requester, not the holder of another step, not a leaver, holding the role.',
  request: { body: delegationBody },
  responses: { 201: { description: 'Recorded.', schema: delegationView } },
  access: { tables: { directory: 'readwrite' } },
} as const satisfies RouteDefinition;

export const listDelegationsRoute = {
  method: 'GET',
  path: '/delegations',
  handler: 'delegations/list-delegations',
  auth: 'jwt',
  roles: ['communications', 'director', 'it-director', 'info-services', 'opi'],
  summary: "The caller's delegations, given and received, revoked ones included.",
  responses: { 200: { description: 'Given and received.', schema: delegationList } },
  access: { tables: { directory: 'read' } },
} as const satisfies RouteDefinition;

export const revokeDelegationRoute = {
  method: 'DELETE',
  path: '/delegations/{delegationId}',
  handler: 'delegations/revoke-delegation',
  auth: 'jwt',
  roles: ['communications', 'director', 'it-director', 'info-services', 'opi'],
  summary: 'The approver who gave a delegation ends it now (audited); later links go to the approver.',
  request: { params: delegationParams },
  responses: { 204: { description: 'Revoked.' } },
  access: { tables: { directory: 'readwrite', audit: 'readwrite' } },
} as const satisfies RouteDefinition;

/** By route key, for the table (index.ts); a handler imports its own route above, so its bundle carries no other. */
export const accountRequestRoutes = {
  'POST /account-requests': createAccountRequestRoute,
  'GET /account-requests/{requestId}': getAccountRequestRoute,
  'POST /account-requests/{requestId}/withdraw': withdrawAccountRequestRoute,
  'GET /approvals/{approvalId}': showApprovalRoute,
  'POST /approvals/{approvalId}': decideApprovalRoute,
  'POST /delegations': createDelegationRoute,
  'GET /delegations': listDelegationsRoute,
  'DELETE /delegations/{delegationId}': revokeDelegationRoute,
} as const satisfies Record<string, RouteDefinition>;
