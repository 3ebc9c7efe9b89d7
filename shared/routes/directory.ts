/** Directory administration (issue 15.4): regions, the group mapping and machine clients, for `system-admin`. */
import {
  clientBody,
  clientList,
  clientParams,
  clientView,
  groupMappingBody,
  groupMappingChange,
  groupMappingList,
  groupParams,
  regionBody,
  regionList,
  regionParams,
} from '../schemas/directory-admin.ts';
import { region, staffLookupList, staffLookupQuery } from '../schemas/staff.ts';
import type { RouteDefinition } from './types.ts';

export const listRegionsRoute = {
  method: 'GET',
  path: '/regions',
  handler: 'directory/list-regions',
  auth: 'jwt',
  roles: ['system-admin'],
  summary: 'Every region of the directory with its offices (addresses, phones, email) as system-admin keeps them.',
  responses: { 200: { description: 'The regions.', schema: regionList } },
  access: { tables: { directory: 'read' } },
} as const satisfies RouteDefinition;

export const putRegionRoute = {
  method: 'PUT',
  path: '/regions/{regionId}',
  handler: 'directory/put-region',
  auth: 'jwt',
  roles: ['system-admin'],
  summary:
    'Creates or replaces a region and its offices (the About text and approver look-ups read them, TN-15). ' +
    'Audited; a repeat that changes nothing writes nothing.',
  request: { params: regionParams, body: regionBody },
  responses: { 200: { description: 'The region as stored.', schema: region } },
  access: { tables: { directory: 'readwrite', audit: 'readwrite' } },
} as const satisfies RouteDefinition;

export const listGroupMappingsRoute = {
  method: 'GET',
  path: '/directory/group-mappings',
  handler: 'directory/list-group-mappings',
  auth: 'jwt',
  roles: ['system-admin'],
  summary: "The agency's group mapping: what membership of each identity-provider group gives.",
  responses: { 200: { description: 'The mapping.', schema: groupMappingList } },
  access: { tables: { directory: 'read' } },
} as const satisfies RouteDefinition;

export const putGroupMappingRoute = {
  method: 'PUT',
  path: '/directory/group-mappings/{group}',
  handler: 'directory/put-group-mapping',
  auth: 'jwt',
  roles: ['system-admin'],
  summary:
    'Sets what membership of a group (its displayName, or its id) gives: roles, and optionally a region and ' +
    "office. The group's members' effective access is rewritten before this answers, so their next request " +
    'is authorized by it. Audited.',
  request: { params: groupParams, body: groupMappingBody },
  responses: { 200: { description: 'The mapping, and how many members changed.', schema: groupMappingChange } },
  access: { tables: { directory: 'readwrite', audit: 'readwrite' } },
} as const satisfies RouteDefinition;

export const deleteGroupMappingRoute = {
  method: 'DELETE',
  path: '/directory/group-mappings/{group}',
  handler: 'directory/delete-group-mapping',
  auth: 'jwt',
  roles: ['system-admin'],
  summary: "Removes a group's mapping; its members lose what it gave them before this answers. Audited.",
  request: { params: groupParams },
  responses: { 200: { description: 'Removed; how many members changed.', schema: groupMappingChange } },
  access: { tables: { directory: 'readwrite', audit: 'readwrite' } },
} as const satisfies RouteDefinition;

export const listClientsRoute = {
  method: 'GET',
  path: '/directory/clients',
  handler: 'directory/list-clients',
  auth: 'jwt',
  roles: ['system-admin'],
  summary: 'The machine clients (case systems) registered in the directory, with the regions each serves.',
  responses: { 200: { description: 'The clients.', schema: clientList } },
  access: { tables: { directory: 'read' } },
} as const satisfies RouteDefinition;

export const putClientRoute = {
  method: 'PUT',
  path: '/directory/clients/{clientId}',
  handler: 'directory/put-client',
  auth: 'jwt',
  roles: ['system-admin'],
  summary:
    "Registers or updates a machine client (role case-system) and the regions it serves; the id is its token's " +
    'subject (its client id at the identity provider). Audited.',
  request: { params: clientParams, body: clientBody },
  responses: {
    200: { description: 'The client as stored.', schema: clientView },
    409: { description: 'The id is a person, not a machine client.' },
  },
  access: { tables: { directory: 'readwrite', audit: 'readwrite' } },
} as const satisfies RouteDefinition;

export const deleteClientRoute = {
  method: 'DELETE',
  path: '/directory/clients/{clientId}',
  handler: 'directory/delete-client',
  auth: 'jwt',
  roles: ['system-admin'],
  summary: 'Removes a machine client: its next request is refused (401, its token names no one). Audited.',
  request: { params: clientParams },
  responses: { 204: { description: 'Removed.' } },
  access: { tables: { directory: 'readwrite', audit: 'readwrite' } },
} as const satisfies RouteDefinition;

/** By route key, for the table (index.ts); a handler imports its own route above, so its bundle carries no other. */
export const lookUpStaffRoute = {
  method: 'GET',
  path: '/staff/lookup',
  handler: 'directory/look-up-staff',
  auth: 'jwt',
  // Least privilege: the roles whose forms name a person (grants: director, office manager; account
  // requests' administrators: director, designee).
  roles: ['director', 'designee', 'office-manager'],
  summary:
    "Present staff of the caller's region whose name, surname or email starts with `q` (at most 10, by " +
    "name): staff id, name, email and office, for the console's grant and request forms. A Query on the " +
    'lookup index, never a Scan; people who departed or were deprovisioned are never returned.',
  request: { query: staffLookupQuery },
  responses: { 200: { description: 'The people found.', schema: staffLookupList } },
  access: { tables: { directory: 'read' } },
} as const satisfies RouteDefinition;

export const directoryRoutes = {
  'GET /regions': listRegionsRoute,
  'PUT /regions/{regionId}': putRegionRoute,
  'GET /directory/group-mappings': listGroupMappingsRoute,
  'PUT /directory/group-mappings/{group}': putGroupMappingRoute,
  'DELETE /directory/group-mappings/{group}': deleteGroupMappingRoute,
  'GET /directory/clients': listClientsRoute,
  'PUT /directory/clients/{clientId}': putClientRoute,
  'DELETE /directory/clients/{clientId}': deleteClientRoute,
  'GET /staff/lookup': lookUpStaffRoute,
} as const satisfies Record<string, RouteDefinition>;
