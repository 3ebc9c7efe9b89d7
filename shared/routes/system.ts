/** Routes every deployment has: health, the API description, and who the caller is. */
import { healthBody } from '../schemas/common.ts';
import { myWork } from '../schemas/my-work.ts';
import { whoAmI } from '../schemas/staff.ts';
import type { RouteDefinition } from './types.ts';

export const getHealthRoute = {
  method: 'GET',
  path: '/health',
  handler: 'system/get-health',
  auth: 'public',
  summary: 'Liveness: answers when the API and its function runtime are up.',
  responses: { 200: { description: 'Up.', schema: healthBody } },
} as const satisfies RouteDefinition;

export const getOpenapiRoute = {
  method: 'GET',
  path: '/openapi.json',
  handler: 'system/get-openapi',
  auth: 'public',
  summary: 'This API as an OpenAPI 3.1 document, generated from the route table and its schemas.',
  responses: { 200: { description: 'The document.' } },
} as const satisfies RouteDefinition;

export const getMeRoute = {
  method: 'GET',
  path: '/me',
  handler: 'staff/get-me',
  auth: 'jwt',
  summary: 'The caller as the API sees them: token claims, directory entry and the policy profile in force.',
  responses: { 200: { description: 'The caller.', schema: whoAmI } },
  access: { tables: { directory: 'read' } },
} as const satisfies RouteDefinition;

export const getMyWorkRoute = {
  method: 'GET',
  path: '/me/work',
  handler: 'staff/get-my-work',
  auth: 'jwt',
  summary:
    "What needs the caller, for the console's home: decisions waiting, rotation tasks of accounts they administer, " +
    'incidents of their region awaiting a hotline reference, departures awaiting email removal, their requests, ' +
    'and for a supervisor the transcripts their workers owe (TN-12).',
  responses: { 200: { description: 'By kind; a kind the caller does not act on is empty.', schema: myWork } },
  access: { tables: { accounts: 'read', directory: 'read', contacts: 'read' } },
} as const satisfies RouteDefinition;

/** By route key, for the table (index.ts); a handler imports its own route above, so its bundle carries no other. */
export const systemRoutes = {
  'GET /health': getHealthRoute,
  'GET /openapi.json': getOpenapiRoute,
  'GET /me': getMeRoute,
  'GET /me/work': getMyWorkRoute,
} as const satisfies Record<string, RouteDefinition>;
