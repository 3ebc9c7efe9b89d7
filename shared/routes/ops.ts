/** Operations: the status page and its data, for the `operations` role. */
import type { FunctionAccess } from '../access.ts';
import { operationsStatusView } from '../schemas/operations.ts';
import { workflows, type WorkflowKey } from '../workflows.ts';
import type { RouteDefinition } from './types.ts';

/** Both routes read every workflow's executions (ListExecutions) and the accounts table's operations indexes. */
const statusAccess: FunctionAccess = {
  tables: { accounts: 'read' },
  workflows: Object.fromEntries((Object.keys(workflows) as WorkflowKey[]).map((key) => [key, ['read'] as const])),
};

export const showStatusPageRoute = {
  method: 'GET',
  path: '/ops/status',
  handler: 'ops/show-status-page',
  auth: 'jwt',
  roles: ['operations'],
  summary:
    "The operations status page: every workflow's executions by status and its health, executions per day " +
    '(chart), pending approvals by age, rotations due and overdue, open incidents and departures.',
  responses: { 200: { description: 'The page (HTML, no script).', contentType: 'text/html' } },
  access: statusAccess,
} as const satisfies RouteDefinition;

export const getStatusRoute = {
  method: 'GET',
  path: '/ops/status.json',
  handler: 'ops/get-status',
  auth: 'jwt',
  roles: ['operations'],
  summary: 'The same status as data, for tools.',
  responses: { 200: { description: 'The status.', schema: operationsStatusView } },
  access: statusAccess,
} as const satisfies RouteDefinition;

/** By route key, for the table (index.ts); a handler imports its own route above, so its bundle carries no other. */
export const opsRoutes = {
  'GET /ops/status': showStatusPageRoute,
  'GET /ops/status.json': getStatusRoute,
} as const satisfies Record<string, RouteDefinition>;
