/** Credentials of official accounts: who may use them (TN-07, NJ-02, CT-08, NJ-09). */
import { acknowledgmentBody, grantBody, grantList, grantParams, grantView, staffParams } from '../schemas/grants.ts';
import { accountIdParams } from '../schemas/accounts.ts';
import type { RouteDefinition } from './types.ts';

const grantsAccess = { tables: { accounts: 'readwrite', directory: 'read', audit: 'readwrite' } } as const;

export const credentialRoutes = {
  'POST /accounts/{accountId}/grants': {
    method: 'POST',
    path: '/accounts/{accountId}/grants',
    handler: 'credentials/grant-access',
    auth: 'jwt',
    roles: ['director'],
    summary: 'A director of the account\'s region lets a staff member reveal its credential (TN-07). Refused with the rule: a third grant in one office under nj-dcf (NJ-02), no HR acknowledgment where required (CT-08), a grant longer than allowed (NJ-09).',
    request: { params: accountIdParams, body: grantBody },
    responses: { 201: { description: 'Granted.', schema: grantView } },
    access: grantsAccess,
  },
  'GET /accounts/{accountId}/grants': {
    method: 'GET',
    path: '/accounts/{accountId}/grants',
    handler: 'credentials/list-grants',
    auth: 'jwt',
    roles: ['director', 'supervisor', 'administrator', 'operations'],
    summary: 'Who holds a grant on the account, and whether each is still in force (NJ-09).',
    request: { params: accountIdParams },
    responses: { 200: { description: 'The grants.', schema: grantList } },
    access: { tables: { accounts: 'read' } },
  },
  'DELETE /accounts/{accountId}/grants/{staffId}': {
    method: 'DELETE',
    path: '/accounts/{accountId}/grants/{staffId}',
    handler: 'credentials/revoke-access',
    auth: 'jwt',
    roles: ['director'],
    summary: 'A director of the account\'s region revokes a grant; the next reveal is refused.',
    request: { params: grantParams },
    responses: { 204: { description: 'Revoked.' } },
    access: grantsAccess,
  },
  'POST /staff/{staffId}/acknowledgments': {
    method: 'POST',
    path: '/staff/{staffId}/acknowledgments',
    handler: 'credentials/record-acknowledgment',
    auth: 'jwt',
    roles: ['hr'],
    summary: 'HR records that a person acknowledged the social media policy (and was trained) before using an account (CT-08, CT-09).',
    request: { params: staffParams, body: acknowledgmentBody },
    responses: { 201: { description: 'Recorded.' } },
    access: { tables: { directory: 'readwrite', audit: 'readwrite' } },
  },
} as const satisfies Record<string, RouteDefinition>;
