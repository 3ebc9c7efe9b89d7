/**
 * Credentials of official accounts: the vault (TN-05, CT-10), who may use them (TN-07, NJ-02,
 * CT-08, NJ-09, NJ-05) and password rotation (TN-09, CT-12).
 */
import { accountIdParams } from '../schemas/accounts.ts';
import {
  auditList,
  auditQuery,
  credentialBody,
  credentialQuery,
  credentialView,
  rotationBody,
  rotationParams,
  rotationView,
} from '../schemas/credentials.ts';
import {
  acknowledgmentBody,
  acknowledgmentView,
  grantBody,
  grantList,
  grantParams,
  grantView,
  staffParams,
} from '../schemas/grants.ts';
import type { RouteDefinition } from './types.ts';

const grantsAccess = { tables: { accounts: 'readwrite', directory: 'read', audit: 'readwrite' } } as const;
/** NJ-02: a grant request emails each approver their decision link. */
const grantRequestAccess = {
  tables: { accounts: 'readwrite', directory: 'read', audit: 'readwrite' },
  sendEmail: true,
} as const;

const vaultRead = {
  tables: { accounts: 'read', directory: 'read', audit: 'readwrite' },
  secrets: ['credentials-read'],
} as const;

export const storeCredentialRoute = {
  method: 'PUT',
  path: '/accounts/{accountId}/credential',
  handler: 'credentials/store-credential',
  auth: 'jwt',
  roles: ['administrator'],
  summary:
    "The designated or back-up administrator stores the account's first login (TN-05); later changes go through " +
    'rotation (TN-09). A user id or password another account uses or used is refused (CT-12); where the profile ' +
    'requires it, the administrator has filed the HR acknowledgment (CT-08).',
  request: { params: accountIdParams, body: credentialBody },
  responses: { 201: { description: "Stored; the profile's rotation schedule is on." } },
  access: {
    tables: { accounts: 'readwrite', directory: 'read', audit: 'readwrite' },
    secrets: ['credentials-write', 'credentials-rotate', 'hmac-key'],
  },
} as const satisfies RouteDefinition;

export const revealCredentialRoute = {
  method: 'GET',
  path: '/accounts/{accountId}/credential',
  handler: 'credentials/reveal-credential',
  auth: 'jwt',
  summary:
    'Reveals the login to a grant holder (TN-07), a supervisor of the region where the profile allows (NJ-05) or ' +
    'an administrator; `?version=pending` to the designated administrators during a change (TN-09). Where the ' +
    'profile requires it, whoever reveals has filed the HR acknowledgment (CT-08). Every reveal is audited first ' +
    '(CT-10).',
  request: { params: accountIdParams, query: credentialQuery },
  responses: { 200: { description: 'The login. Never cached.', schema: credentialView } },
  access: vaultRead,
} as const satisfies RouteDefinition;

export const requestRotationRoute = {
  method: 'POST',
  path: '/accounts/{accountId}/rotations',
  handler: 'credentials/request-rotation',
  auth: 'jwt',
  roles: ['administrator'],
  summary:
    'Starts a password change (TN-09): a new password is generated and held as pending; the administrator is ' +
    'emailed a task with no password in it.',
  request: { params: accountIdParams, body: rotationBody },
  responses: { 202: { description: 'Started.', schema: rotationView } },
  access: {
    tables: { accounts: 'readwrite', audit: 'readwrite' },
    secrets: ['credentials-rotate'],
  },
} as const satisfies RouteDefinition;

export const confirmRotationRoute = {
  method: 'POST',
  path: '/accounts/{accountId}/rotations/{rotationId}/confirm',
  handler: 'credentials/confirm-rotation',
  auth: 'jwt',
  roles: ['administrator'],
  summary:
    'The administrator set the pending password on the platform: it becomes current, and everyone who uses the ' +
    'account is told (no password in the email).',
  request: { params: rotationParams },
  responses: { 200: { description: 'Confirmed.', schema: rotationView } },
  access: {
    tables: { accounts: 'readwrite', audit: 'readwrite' },
    secrets: ['credentials-read', 'credentials-write'],
    workflows: { credentialRotation: ['callback'] },
  },
} as const satisfies RouteDefinition;

export const getAuditTrailRoute = {
  method: 'GET',
  path: '/accounts/{accountId}/audit',
  handler: 'credentials/get-audit-trail',
  auth: 'jwt',
  roles: ['director', 'supervisor', 'operations', 'oversight'],
  summary: "The account's audit trail (CT-10): every reveal (who, when, which version, from where), grant, rotation.",
  request: { params: accountIdParams, query: auditQuery },
  responses: {
    200: {
      description:
        'Newest first, at most `limit` (default 200, at most 500) entries between `from` and `to`; `nextCursor` ' +
        'names the next, older page. CSV with format=csv or Accept: text/csv (the cursor in a next-cursor header).',
      schema: auditList,
    },
  },
  access: { tables: { accounts: 'read', audit: 'read' } },
} as const satisfies RouteDefinition;

export const grantAccessRoute = {
  method: 'POST',
  path: '/accounts/{accountId}/grants',
  handler: 'credentials/grant-access',
  auth: 'jwt',
  roles: ['director', 'office-manager'],
  summary:
    "A director of the account's region lets a staff member reveal its credential (TN-07). Where the profile " +
    'asks approvers first (NJ-02 under nj-dcf: the CP&P Director and the Director of IT) the grant is pending ' +
    '(202) until all approved through emailed links. Refused with the rule: a third person in one office, ' +
    'pending requests counted (NJ-02), no HR acknowledgment where required (CT-08), a grant longer than ' +
    'allowed or long-term access not asked for by the Local Office Manager (NJ-09).',
  request: { params: accountIdParams, body: grantBody },
  responses: {
    201: { description: 'Granted, in force.', schema: grantView },
    202: { description: 'Requested: pending until every approver approved (NJ-02).', schema: grantView },
  },
  access: grantRequestAccess,
} as const satisfies RouteDefinition;

export const listGrantsRoute = {
  method: 'GET',
  path: '/accounts/{accountId}/grants',
  handler: 'credentials/list-grants',
  auth: 'jwt',
  roles: ['director', 'supervisor', 'administrator', 'operations'],
  summary: 'Who holds a grant on the account, and whether each is still in force (NJ-09).',
  request: { params: accountIdParams },
  responses: { 200: { description: 'The grants.', schema: grantList } },
  access: { tables: { accounts: 'read' } },
} as const satisfies RouteDefinition;

export const revokeAccessRoute = {
  method: 'DELETE',
  path: '/accounts/{accountId}/grants/{staffId}',
  handler: 'credentials/revoke-access',
  auth: 'jwt',
  roles: ['director', 'office-manager'],
  summary:
    "A grantor of the account's region (the profile's grantor roles) revokes a grant, or withdraws one still " +
    'waiting for approval (its links stop working); the next reveal is refused.',
  request: { params: grantParams },
  responses: { 204: { description: 'Revoked.' } },
  access: grantsAccess,
} as const satisfies RouteDefinition;

export const recordAcknowledgmentRoute = {
  method: 'POST',
  path: '/staff/{staffId}/acknowledgments',
  handler: 'credentials/record-acknowledgment',
  auth: 'jwt',
  roles: ['hr'],
  summary:
    'HR records that a person acknowledged the social media policy and was trained before using an account ' +
    '(CT-08, CT-09): the record names the terms acknowledged, each rule id in force with its wording (CT-04, ' +
    'CT-05, CT-09, CT-11, CT-13 under ct-dcf). The training date is required; neither date may be ahead.',
  request: { params: staffParams, body: acknowledgmentBody },
  responses: { 201: { description: 'Recorded.', schema: acknowledgmentView } },
  access: { tables: { directory: 'readwrite', audit: 'readwrite' } },
} as const satisfies RouteDefinition;

/** By route key, for the table (index.ts); a handler imports its own route above, so its bundle carries no other. */
export const credentialRoutes = {
  'PUT /accounts/{accountId}/credential': storeCredentialRoute,
  'GET /accounts/{accountId}/credential': revealCredentialRoute,
  'POST /accounts/{accountId}/rotations': requestRotationRoute,
  'POST /accounts/{accountId}/rotations/{rotationId}/confirm': confirmRotationRoute,
  'GET /accounts/{accountId}/audit': getAuditTrailRoute,
  'POST /accounts/{accountId}/grants': grantAccessRoute,
  'GET /accounts/{accountId}/grants': listGrantsRoute,
  'DELETE /accounts/{accountId}/grants/{staffId}': revokeAccessRoute,
  'POST /staff/{staffId}/acknowledgments': recordAcknowledgmentRoute,
} as const satisfies Record<string, RouteDefinition>;
