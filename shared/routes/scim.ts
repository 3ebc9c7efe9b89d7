/**
 * The SCIM 2.0 service provider (RFC 7644) the agency's identity provider provisions staff through.
 * `auth: 'scim'`: no staff token and no JWT authorizer; the function checks the identity provider's
 * bearer secret (shared/http/scim-handler.ts) and answers in SCIM's own format, so the routes
 * declare no request schemas for the contract's validation.
 */
import * as z from 'zod/mini';
import type { RouteDefinition } from './types.ts';

const idParams = z.object({ id: z.string() });
const scimResponses = {
  200: { description: 'A SCIM resource or ListResponse (application/scim+json).' },
  401: { description: 'No or a wrong SCIM bearer token, in SCIM error format.' },
} as const;
const writeResponses = {
  200: { description: 'The resource as stored.' },
  201: { description: 'Created.' },
  204: { description: 'Deleted; or a group patched when no attributes were asked for (RFC 7644 §3.5.2).' },
  400: { description: 'invalidValue, invalidSyntax, invalidFilter, invalidPath or noTarget; nothing written.' },
  401: { description: 'No or a wrong SCIM bearer token, in SCIM error format.' },
  404: { description: 'No such resource.' },
  409: { description: 'uniqueness: the userName, externalId or group name is taken; nothing written.' },
} as const;

export const listUsersRoute = {
  method: 'GET',
  path: '/scim/v2/Users',
  handler: 'scim/list-users',
  auth: 'scim',
  summary:
    'SCIM: the identity provider lists or finds users (filter: eq joined by and, on userName, externalId, ' +
    'id, active, emails[type eq "work"].value, manager; startIndex and count paging).',
  responses: scimResponses,
  access: { tables: { directory: 'read' }, secrets: ['scim-token'] },
} as const satisfies RouteDefinition;

export const createUserRoute = {
  method: 'POST',
  path: '/scim/v2/Users',
  handler: 'scim/create-user',
  auth: 'scim',
  summary: 'SCIM: the identity provider provisions a person; the resource id becomes their staff id.',
  responses: writeResponses,
  access: {
    tables: { directory: 'readwrite', accounts: 'readwrite', audit: 'readwrite' },
    secrets: ['scim-token'],
    workflows: { departure: ['start', 'callback'] },
  },
} as const satisfies RouteDefinition;

export const getUserRoute = {
  method: 'GET',
  path: '/scim/v2/Users/{id}',
  handler: 'scim/get-user',
  auth: 'scim',
  summary: 'SCIM: one provisioned user as a User resource with the enterprise extension.',
  request: { params: idParams },
  responses: scimResponses,
  access: { tables: { directory: 'read' }, secrets: ['scim-token'] },
} as const satisfies RouteDefinition;

export const replaceUserRoute = {
  method: 'PUT',
  path: '/scim/v2/Users/{id}',
  handler: 'scim/replace-user',
  auth: 'scim',
  summary:
    'SCIM: a user replaced whole, as Okta updates and deactivates; active false records a departure ' + '(TN-10).',
  request: { params: idParams },
  responses: writeResponses,
  access: {
    tables: { directory: 'readwrite', accounts: 'readwrite', audit: 'readwrite' },
    secrets: ['scim-token'],
    workflows: { departure: ['start', 'callback'] },
  },
} as const satisfies RouteDefinition;

export const patchUserRoute = {
  method: 'PATCH',
  path: '/scim/v2/Users/{id}',
  handler: 'scim/patch-user',
  auth: 'scim',
  summary: "SCIM: a user patched, in Microsoft Entra ID's forms too; active false records a departure (TN-10).",
  request: { params: idParams },
  responses: writeResponses,
  access: {
    tables: { directory: 'readwrite', accounts: 'readwrite', audit: 'readwrite' },
    secrets: ['scim-token'],
    workflows: { departure: ['start', 'callback'] },
  },
} as const satisfies RouteDefinition;

export const deleteUserRoute = {
  method: 'DELETE',
  path: '/scim/v2/Users/{id}',
  handler: 'scim/delete-user',
  auth: 'scim',
  summary: 'SCIM: a user deleted for the identity provider, which records a departure here (TN-10).',
  request: { params: idParams },
  responses: writeResponses,
  access: {
    tables: { directory: 'readwrite', accounts: 'readwrite', audit: 'readwrite' },
    secrets: ['scim-token'],
    workflows: { departure: ['start', 'callback'] },
  },
} as const satisfies RouteDefinition;

export const listGroupsRoute = {
  method: 'GET',
  path: '/scim/v2/Groups',
  handler: 'scim/list-groups',
  auth: 'scim',
  summary:
    'SCIM: the identity provider lists or finds groups (filter: eq joined by and, on displayName, externalId, ' +
    'id, members; paging).',
  responses: scimResponses,
  access: { tables: { directory: 'read' }, secrets: ['scim-token'] },
} as const satisfies RouteDefinition;

export const createGroupRoute = {
  method: 'POST',
  path: '/scim/v2/Groups',
  handler: 'scim/create-group',
  auth: 'scim',
  summary: "SCIM: a group created; membership gives roles through the agency's group mapping.",
  responses: writeResponses,
  access: {
    tables: { directory: 'readwrite', accounts: 'readwrite', audit: 'readwrite' },
    secrets: ['scim-token'],
    workflows: { departure: ['start', 'callback'] },
  },
} as const satisfies RouteDefinition;

export const getGroupRoute = {
  method: 'GET',
  path: '/scim/v2/Groups/{id}',
  handler: 'scim/get-group',
  auth: 'scim',
  summary: 'SCIM: one group with its members (excludedAttributes=members leaves them out).',
  request: { params: idParams },
  responses: scimResponses,
  access: { tables: { directory: 'read' }, secrets: ['scim-token'] },
} as const satisfies RouteDefinition;

export const replaceGroupRoute = {
  method: 'PUT',
  path: '/scim/v2/Groups/{id}',
  handler: 'scim/replace-group',
  auth: 'scim',
  summary: 'SCIM: a group replaced whole (Okta); its members’ roles follow at once.',
  request: { params: idParams },
  responses: writeResponses,
  access: {
    tables: { directory: 'readwrite', accounts: 'readwrite', audit: 'readwrite' },
    secrets: ['scim-token'],
    workflows: { departure: ['start', 'callback'] },
  },
} as const satisfies RouteDefinition;

export const patchGroupRoute = {
  method: 'PATCH',
  path: '/scim/v2/Groups/{id}',
  handler: 'scim/patch-group',
  auth: 'scim',
  summary:
    'SCIM: group members added or removed, or the group renamed; the members’ roles follow at once. 204, ' +
    'or 200 with the group when attributes or excludedAttributes were asked for.',
  request: { params: idParams },
  responses: writeResponses,
  access: {
    tables: { directory: 'readwrite', accounts: 'readwrite', audit: 'readwrite' },
    secrets: ['scim-token'],
    workflows: { departure: ['start', 'callback'] },
  },
} as const satisfies RouteDefinition;

export const deleteGroupRoute = {
  method: 'DELETE',
  path: '/scim/v2/Groups/{id}',
  handler: 'scim/delete-group',
  auth: 'scim',
  summary: 'SCIM: a group deleted; its members lose the roles it gave them.',
  request: { params: idParams },
  responses: writeResponses,
  access: {
    tables: { directory: 'readwrite', accounts: 'readwrite', audit: 'readwrite' },
    secrets: ['scim-token'],
    workflows: { departure: ['start', 'callback'] },
  },
} as const satisfies RouteDefinition;

export const getServiceProviderConfigRoute = {
  method: 'GET',
  path: '/scim/v2/ServiceProviderConfig',
  handler: 'scim/get-service-provider-config',
  auth: 'scim',
  summary: 'SCIM discovery: what this service provider supports (PATCH, filters; no bulk, sort or etags).',
  responses: scimResponses,
  access: { secrets: ['scim-token'] },
} as const satisfies RouteDefinition;

export const listResourceTypesRoute = {
  method: 'GET',
  path: '/scim/v2/ResourceTypes',
  handler: 'scim/list-resource-types',
  auth: 'scim',
  summary: 'SCIM discovery: the resource types served, User with the enterprise extension and Group.',
  responses: scimResponses,
  access: { secrets: ['scim-token'] },
} as const satisfies RouteDefinition;

export const listSchemasRoute = {
  method: 'GET',
  path: '/scim/v2/Schemas',
  handler: 'scim/list-schemas',
  auth: 'scim',
  summary: 'SCIM discovery: the schema definitions of User, Group and the enterprise extension.',
  responses: scimResponses,
  access: { secrets: ['scim-token'] },
} as const satisfies RouteDefinition;

export const getSchemaRoute = {
  method: 'GET',
  path: '/scim/v2/Schemas/{id}',
  handler: 'scim/get-schema',
  auth: 'scim',
  summary: 'SCIM discovery: one schema definition, by its URN.',
  request: { params: idParams },
  responses: scimResponses,
  access: { secrets: ['scim-token'] },
} as const satisfies RouteDefinition;

/** By route key, for the table (index.ts); a handler imports its own route above, so its bundle carries no other. */
export const scimRoutes = {
  'GET /scim/v2/Users': listUsersRoute,
  'POST /scim/v2/Users': createUserRoute,
  'GET /scim/v2/Users/{id}': getUserRoute,
  'PUT /scim/v2/Users/{id}': replaceUserRoute,
  'PATCH /scim/v2/Users/{id}': patchUserRoute,
  'DELETE /scim/v2/Users/{id}': deleteUserRoute,
  'GET /scim/v2/Groups': listGroupsRoute,
  'POST /scim/v2/Groups': createGroupRoute,
  'GET /scim/v2/Groups/{id}': getGroupRoute,
  'PUT /scim/v2/Groups/{id}': replaceGroupRoute,
  'PATCH /scim/v2/Groups/{id}': patchGroupRoute,
  'DELETE /scim/v2/Groups/{id}': deleteGroupRoute,
  'GET /scim/v2/ServiceProviderConfig': getServiceProviderConfigRoute,
  'GET /scim/v2/ResourceTypes': listResourceTypesRoute,
  'GET /scim/v2/Schemas': listSchemasRoute,
  'GET /scim/v2/Schemas/{id}': getSchemaRoute,
} as const satisfies Record<string, RouteDefinition>;
