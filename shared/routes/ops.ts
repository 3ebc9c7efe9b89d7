/** Operations: the status page and its data, for the `operations` role. */
import type { FunctionAccess } from '../access.ts';
import {
  executionList,
  executionParams,
  executionsQuery,
  executionView,
  operationsStatusView,
  mailReachableView,
  redriveView,
} from '../schemas/operations.ts';
import { staffParams } from '../schemas/grants.ts';
import { workflows, type WorkflowKey } from '../workflows.ts';
import type { RouteDefinition } from './types.ts';

/**
 * Both routes read every workflow's executions (ListExecutions), the accounts table's operations
 * indexes and the directory's list of people mail does not reach (issue 19.1).
 */
const statusAccess: FunctionAccess = {
  tables: { accounts: 'read', directory: 'read' },
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

export const listExecutionsRoute = {
  method: 'GET',
  path: '/ops/executions',
  handler: 'ops/list-executions',
  auth: 'jwt',
  roles: ['operations'],
  summary:
    "One workflow's recent executions, newest first, optionally in one status (names, statuses and dates only; " +
    'what `npm run ops -- executions` prints).',
  request: { query: executionsQuery },
  responses: { 200: { description: 'The executions.', schema: executionList } },
  access: statusAccess,
} as const satisfies RouteDefinition;

export const getExecutionRoute = {
  method: 'GET',
  path: '/ops/executions/{workflow}/{name}',
  handler: 'ops/get-execution',
  auth: 'jwt',
  roles: ['operations'],
  summary:
    "One execution and its timeline: states, tasks, durations and error names, never the execution's input or " +
    'output (what `npm run ops -- timeline` prints).',
  request: { params: executionParams },
  responses: { 200: { description: 'The execution.', schema: executionView } },
  access: statusAccess,
} as const satisfies RouteDefinition;

/**
 * Redrive: DescribeExecution and RedriveExecution on any workflow's executions (the workflow is the
 * path's), and its audit entry.
 */
const redriveAccess: FunctionAccess = {
  tables: { audit: 'readwrite' },
  workflows: Object.fromEntries(
    (Object.keys(workflows) as WorkflowKey[]).map((key) => [key, ['read', 'redrive'] as const]),
  ),
};

export const redriveExecutionRoute = {
  method: 'POST',
  path: '/ops/executions/{workflow}/{name}/redrive',
  handler: 'ops/redrive-execution',
  auth: 'jwt',
  roles: ['operations'],
  summary:
    'Redrive a failed, timed-out or aborted execution: it resumes at the state that stopped it, under its own ' +
    'name (what `npm run ops -- redrive` does). Idempotent: an execution already running again answers 200 with ' +
    'its status; one that succeeded, or that Step Functions will not redrive, answers 409. Audited.',
  request: { params: executionParams },
  responses: {
    200: { description: 'Already running again; nothing was redriven.', schema: redriveView },
    202: { description: 'Redriven: it is running again from the state that failed.', schema: redriveView },
    404: { description: 'No such execution.' },
    409: { description: 'It succeeded, or Step Functions will not redrive it (the reason is given).' },
  },
  access: redriveAccess,
} as const satisfies RouteDefinition;

export const clearMailUnreachableRoute = {
  method: 'POST',
  path: '/ops/staff/{staffId}/mail-reachable',
  handler: 'ops/clear-mail-unreachable',
  auth: 'jwt',
  roles: ['operations'],
  summary:
    "Mail reaches the person again (issue 19.1): operations fixed the mailbox, or took the address off SES's " +
    'suppression list, without a new address. Ends the unreachable mark, so new decisions may go to them again. ' +
    'Idempotent: a person without the mark answers 200 with `cleared: false`. Audited.',
  request: { params: staffParams },
  responses: {
    200: { description: 'The mark ended now, or there was none.', schema: mailReachableView },
    404: { description: 'No such person.' },
  },
  access: { tables: { directory: 'readwrite', audit: 'readwrite' } },
} as const satisfies RouteDefinition;

/** By route key, for the table (index.ts); a handler imports its own route above, so its bundle carries no other. */
export const opsRoutes = {
  'GET /ops/status': showStatusPageRoute,
  'GET /ops/status.json': getStatusRoute,
  'GET /ops/executions': listExecutionsRoute,
  'GET /ops/executions/{workflow}/{name}': getExecutionRoute,
  'POST /ops/executions/{workflow}/{name}/redrive': redriveExecutionRoute,
  'POST /ops/staff/{staffId}/mail-reachable': clearMailUnreachableRoute,
} as const satisfies Record<string, RouteDefinition>;
