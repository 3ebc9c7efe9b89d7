/** Routes every deployment has: health, the API description, and who the caller is. */
import { healthBody } from '../schemas/common.ts';
import { whoAmI } from '../schemas/staff.ts';
import type { RouteDefinition } from './types.ts';

export const systemRoutes = {
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
} as const satisfies Record<string, RouteDefinition>;
