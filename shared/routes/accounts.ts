/** Official accounts (TN-01, TN-05): reading the registry. */
import { accountIdParams, accountList, accountView, listAccountsQuery } from '../schemas/accounts.ts';
import type { RouteDefinition } from './types.ts';

/** The contract's "staff of the region, operations": a case system or a statewide approver is not. */
const regionStaff = ['director', 'designee', 'administrator', 'supervisor', 'staff', 'operations'] as const;

export const listAccountsRoute = {
  method: 'GET',
  path: '/accounts',
  handler: 'accounts/list-accounts',
  auth: 'jwt',
  roles: regionStaff,
  summary: "The official accounts of the caller's region (operations: any region, with ?region=).",
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

/** By route key, for the table (index.ts); a handler imports its own route above, so its bundle carries no other. */
export const accountRoutes = {
  'GET /accounts': listAccountsRoute,
  'GET /accounts/{accountId}': getAccountRoute,
} as const satisfies Record<string, RouteDefinition>;
