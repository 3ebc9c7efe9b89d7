/** Official accounts (TN-01, TN-05): reading the registry; oversight's suspension and monitoring (DC-01, MO-04). */
import {
  accountIdParams,
  accountList,
  accountView,
  listAccountsQuery,
  monitoringBody,
  monitoringView,
  suspensionBody,
} from '../schemas/accounts.ts';
import { errorBody } from '../schemas/common.ts';
import type { RouteDefinition } from './types.ts';

/** The contract's "staff of the region, operations": a case system or a statewide approver is not. */
const regionStaff = [
  'director',
  'designee',
  'administrator',
  'supervisor',
  'staff',
  'operations',
  'oversight',
] as const;
/** DC-01: oversight's own actions, on any region's account. */
const oversightAccess = { tables: { accounts: 'readwrite', audit: 'readwrite' } } as const;

export const listAccountsRoute = {
  method: 'GET',
  path: '/accounts',
  handler: 'accounts/list-accounts',
  auth: 'jwt',
  roles: regionStaff,
  summary: "The official accounts of the caller's region (operations and oversight: any region, with ?region=).",
  request: { query: listAccountsQuery },
  responses: { 200: { description: 'The accounts.', schema: accountList } },
  access: { tables: { accounts: 'read' } },
} as const satisfies RouteDefinition;

export const getAccountRoute = {
  method: 'GET',
  path: '/accounts/{accountId}',
  handler: 'accounts/get-account',
  auth: 'jwt',
  roles: regionStaff,
  summary: 'One official account: administrators, About text, rotation dates.',
  request: { params: accountIdParams },
  responses: { 200: { description: 'The account.', schema: accountView } },
  access: { tables: { accounts: 'read' } },
} as const satisfies RouteDefinition;

export const suspendAccountRoute = {
  method: 'POST',
  path: '/accounts/{accountId}/suspension',
  handler: 'accounts/suspend-account',
  auth: 'jwt',
  roles: ['oversight'],
  summary:
    'Oversight suspends the account (DC-01), with the reason (audited): no reveal, no grant and no contact is ' +
    'accepted on it until it is reinstated. Suspending a suspended account changes nothing.',
  request: { params: accountIdParams, body: suspensionBody },
  responses: {
    200: { description: 'The account, suspended.', schema: accountView },
    409: { description: 'The account is retired.', schema: errorBody },
  },
  access: oversightAccess,
} as const satisfies RouteDefinition;

export const reinstateAccountRoute = {
  method: 'DELETE',
  path: '/accounts/{accountId}/suspension',
  handler: 'accounts/reinstate-account',
  auth: 'jwt',
  roles: ['oversight'],
  summary: 'Oversight reinstates a suspended account (DC-01), with the reason (audited).',
  request: { params: accountIdParams, body: suspensionBody },
  responses: {
    200: { description: 'The account, active again.', schema: accountView },
    409: { description: 'The account is retired.', schema: errorBody },
  },
  access: oversightAccess,
} as const satisfies RouteDefinition;

export const recordMonitoringRoute = {
  method: 'POST',
  path: '/accounts/{accountId}/monitoring',
  handler: 'accounts/record-monitoring',
  auth: 'jwt',
  roles: ['oversight'],
  summary:
    'Central office records its monitoring of the account (MO-04): what it reviewed and how it responded; kept in ' +
    "the account's audit trail (GET /accounts/{accountId}/audit).",
  request: { params: accountIdParams, body: monitoringBody },
  responses: { 201: { description: 'Recorded.', schema: monitoringView } },
  access: oversightAccess,
} as const satisfies RouteDefinition;

/** By route key, for the table (index.ts); a handler imports its own route above, so its bundle carries no other. */
export const accountRoutes = {
  'GET /accounts': listAccountsRoute,
  'GET /accounts/{accountId}': getAccountRoute,
  'POST /accounts/{accountId}/suspension': suspendAccountRoute,
  'DELETE /accounts/{accountId}/suspension': reinstateAccountRoute,
  'POST /accounts/{accountId}/monitoring': recordMonitoringRoute,
} as const satisfies Record<string, RouteDefinition>;
