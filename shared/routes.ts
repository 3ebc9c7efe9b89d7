/**
 * The route table: the single definition of the HTTP API. infra/constructs/api.ts turns it into HTTP
 * API routes and Lambda functions, infra/local/gateway.ts serves it locally, functions/ take their
 * roles and schemas from it (shared/http/route-handler.ts), and GET /openapi.json is generated from it.
 */
import type * as z from 'zod/mini';
import type { FunctionAccess } from './access.ts';
import type { Role } from './auth/roles.ts';
import { healthBody } from './schemas/common.ts';
import { whoAmI } from './schemas/staff.ts';
import {
  accepted,
  accountRequestView,
  approvalPageQuery,
  approvalParams,
  createAccountRequestBody,
  decisionForm,
  delegationBody,
  delegationView,
  requestIdParams,
  withdrawBody,
} from './schemas/account-requests.ts';
import { accountIdParams, accountList, accountView, listAccountsQuery } from './schemas/accounts.ts';

const requestsAccess = { tables: { accounts: 'readwrite', directory: 'read', audit: 'readwrite' } } as const;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteResponse {
  description: string;
  schema?: z.ZodMiniType;
  contentType?: 'application/json' | 'text/html' | 'application/x-ndjson' | 'text/csv';
}

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway path syntax: `/accounts/{accountId}`. */
  path: string;
  /** Module under functions/ (without `.ts`) that exports `handler`. */
  handler: string;
  /** `jwt`: bearer token required (contract); `public`: health, docs and the approval pages. */
  auth: 'jwt' | 'public';
  /** Roles allowed to call; the handler may narrow further (region, grant, policy rule). */
  roles?: readonly Role[];
  summary: string;
  request?: {
    params?: z.ZodMiniObject;
    query?: z.ZodMiniObject;
    body?: z.ZodMiniType;
    /** How the body is encoded; pages post forms, everything else JSON. */
    bodyType?: 'json' | 'form';
  };
  responses: Record<number, RouteResponse>;
  /** What the function may touch (its IAM policy in AWS). */
  access?: FunctionAccess;
}

export const routes = {
  'GET /health': {
    method: 'GET',
    path: '/health',
    handler: 'system/get-health',
    auth: 'public',
    summary: 'Liveness: answers when the API and its function runtime are up.',
    responses: { 200: { description: 'Up.', schema: healthBody } },
  },
  'GET /openapi.json': {
    method: 'GET',
    path: '/openapi.json',
    handler: 'system/get-openapi',
    auth: 'public',
    summary: 'This API as an OpenAPI 3.1 document, generated from the route table and its schemas.',
    responses: { 200: { description: 'The document.' } },
  },
  'GET /me': {
    method: 'GET',
    path: '/me',
    handler: 'staff/get-me',
    auth: 'jwt',
    summary: 'The caller as the API sees them: token claims, directory entry and the policy profile in force.',
    responses: { 200: { description: 'The caller.', schema: whoAmI } },
    access: { tables: { directory: 'read' } },
  },
  'POST /account-requests': {
    method: 'POST',
    path: '/account-requests',
    handler: 'account-requests/create-account-request',
    auth: 'jwt',
    roles: ['director', 'designee'],
    summary: 'Ask for a new official account (TN-02); starts the approval workflow and emails each approver a link.',
    request: { body: createAccountRequestBody },
    responses: { 202: { description: 'Accepted; the approvers are being asked.', schema: accepted } },
    access: { ...requestsAccess, workflows: { accountApproval: ['start'] } },
  },
  'GET /account-requests/{requestId}': {
    method: 'GET',
    path: '/account-requests/{requestId}',
    handler: 'account-requests/get-account-request',
    auth: 'jwt',
    summary: 'A request\'s status and its append-only decision history: the written approval TN-02 asks for. Requester, approvers and operations only.',
    request: { params: requestIdParams },
    responses: { 200: { description: 'The request.', schema: accountRequestView } },
    access: { tables: { accounts: 'read' } },
  },
  'POST /account-requests/{requestId}/withdraw': {
    method: 'POST',
    path: '/account-requests/{requestId}/withdraw',
    handler: 'account-requests/withdraw-account-request',
    auth: 'jwt',
    roles: ['director', 'designee'],
    summary: 'The requester withdraws a pending request; its approval links stop working.',
    request: { params: requestIdParams, body: withdrawBody },
    responses: { 202: { description: 'Withdrawn.', schema: accepted } },
    access: { ...requestsAccess, workflows: { accountApproval: ['callback'] } },
  },
  'GET /approvals/{approvalId}': {
    method: 'GET',
    path: '/approvals/{approvalId}',
    handler: 'approvals/show-approval',
    auth: 'public',
    summary: 'The page an emailed approval link opens: the request and Approve / Reject. Changes nothing (mail scanners prefetch links).',
    request: { params: approvalParams, query: approvalPageQuery },
    responses: { 200: { description: 'The decision page.', contentType: 'text/html' } },
    access: { tables: { accounts: 'read', directory: 'read' } },
  },
  'POST /approvals/{approvalId}': {
    method: 'POST',
    path: '/approvals/{approvalId}',
    handler: 'approvals/decide-approval',
    auth: 'public',
    summary: 'Records the link holder\'s decision (form post). A second decision is 409, an expired link 410, a wrong token 403.',
    request: { params: approvalParams, body: decisionForm, bodyType: 'form' },
    responses: { 200: { description: 'The result page.', contentType: 'text/html' } },
    access: { ...requestsAccess, workflows: { accountApproval: ['callback'] } },
  },
  'POST /delegations': {
    method: 'POST',
    path: '/delegations',
    handler: 'delegations/create-delegation',
    auth: 'jwt',
    roles: ['communications', 'director', 'it-director', 'info-services', 'opi'],
    summary: 'An approver names a delegate who decides for them between two dates; decisions record both.',
    request: { body: delegationBody },
    responses: { 201: { description: 'Recorded.', schema: delegationView } },
    access: { tables: { directory: 'readwrite' } },
  },
  'GET /accounts': {
    method: 'GET',
    path: '/accounts',
    handler: 'accounts/list-accounts',
    auth: 'jwt',
    summary: 'The official accounts of the caller\'s region (operations: any region, with ?region=).',
    request: { query: listAccountsQuery },
    responses: { 200: { description: 'The accounts.', schema: accountList } },
    access: { tables: { accounts: 'read' } },
  },
  'GET /accounts/{accountId}': {
    method: 'GET',
    path: '/accounts/{accountId}',
    handler: 'accounts/get-account',
    auth: 'jwt',
    summary: 'One official account: administrators, About text, rotation dates.',
    request: { params: accountIdParams },
    responses: { 200: { description: 'The account.', schema: accountView } },
    access: { tables: { accounts: 'read' } },
  },
} as const satisfies Record<string, RouteDefinition>;

export type RouteKey = keyof typeof routes;

/** Every route as a list, for the CDK stack, the gateway and the docs. */
export const routeList = (): Array<RouteDefinition & { key: RouteKey }> =>
  (Object.entries(routes) as Array<[RouteKey, RouteDefinition]>).map(([key, route]) => ({ key, ...route }));
