/**
 * The operations status page: tables and a chart of executions per day drawn as inline SVG on the
 * server, because the page's CSP allows no script (shared/http/route-handler.ts). Every value goes
 * through the `html` tag; elements carry `data-*` attributes with the raw numbers for tools and tests.
 */
import {
  executionStatuses,
  formatDuration,
  type ApprovalAges,
  type Health,
  type OperationsStatus,
  type WorkflowSummary,
} from '../domain/operations.ts';
import { executionsChart } from './executions-chart.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { humanTime } from './human-time.ts';
import { page } from './page.ts';

const healthText: Record<Health, string> = {
  healthy: 'healthy',
  attention: 'failed earlier',
  failing: 'failing',
};

const statusLabel: Record<(typeof executionStatuses)[number], string> = {
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  TIMED_OUT: 'Timed out',
  ABORTED: 'Aborted',
  PENDING_REDRIVE: 'Redriving',
};

/** How long from `since` to the status's moment, as people read it. */
const ageAt = (asOf: string) => (since: string) => formatDuration(Date.parse(asOf) - Date.parse(since));

const count = (id: string, label: string, value: number, note = '') => html`<tr>
          <th scope="row">${label}</th>
          <td class="n" id="${id}" data-count="${value}">${value}</td>
          <td>${note}</td>
        </tr>`;

const workflowRow = (w: WorkflowSummary) => {
  const started = executionStatuses
    .filter((s) => s !== 'RUNNING')
    .map((s) => `data-${s.toLowerCase().replace('_', '-')}="${w.started[s]}"`)
    .join(' ');
  return html`
        <tr id="workflow-${w.stateMachine}" data-health="${w.health}" data-running="${w.running}" ${raw(started)}>
          <th scope="row">${w.stateMachine}</th>
          <td class="${w.health}">${healthText[w.health]}${w.truncated ? ' (counts truncated)' : ''}</td>
          ${executionStatuses.map((s) => html`<td class="n">${s === 'RUNNING' ? w.running : w.started[s]}</td>`)}
        </tr>`;
};

const ageBandRow = (b: ApprovalAges['bands'][number]) => html`
        <tr data-band="${b.label}" data-count="${b.count}">
          <th scope="row">${b.label}</th>
          <td class="n">${b.count}</td>
        </tr>`;

/** A plain list as a table: a heading per column, a row per item. */
const listTable = (
  id: string,
  headings: string[],
  rows: Array<Array<string | number>>,
): SafeHtml => html`<table id="${id}">
      <thead>
        <tr>${headings.map((h) => html`<th>${h}</th>`)}</tr>
      </thead>
      <tbody>${rows.map(
        (cells) => html`
        <tr>${cells.map((c) => html`<td>${c}</td>`)}</tr>`,
      )}
      </tbody>
    </table>`;

/** The whole page for one status. */
export function statusPage(status: OperationsStatus, timeZone: string): string {
  const { approvals, rotations, incidents, departures } = status;
  const age = ageAt(status.asOf);
  const oldestWaiting = approvals.oldest[0] ? `oldest waiting ${age(approvals.oldest[0].createdAt)}` : '';
  const oldestApprovals = approvals.oldest.length
    ? listTable(
        'oldest-approvals',
        ['Request', 'Platform', 'Region', 'Waiting'],
        approvals.oldest.map((a) => [a.requestId, a.platform, a.region, age(a.createdAt)]),
      )
    : raw('');
  const overdueRotations = rotations.overdueRotations.length
    ? listTable(
        'overdue-rotations',
        ['Account', 'Reason', 'Past due by'],
        rotations.overdueRotations.map((r) => [r.accountId, r.reason, age(r.dueAt)]),
      )
    : html`<p>No rotation is overdue.</p>`;
  const dueRotations = rotations.dueAccounts.length
    ? listTable(
        'due-rotations',
        ['Account', 'Platform', 'Region', 'Due for'],
        rotations.dueAccounts.map((a) => [a.accountId, a.platform, a.region, age(a.nextRotationDue)]),
      )
    : html`<p>No account is past its rotation date without a rotation open.</p>`;
  const openIncidents = incidents.oldest.length
    ? listTable(
        'incidents',
        ['Incident', 'Type', 'Region', 'Open for'],
        incidents.oldest.map((i) => [i.incidentId, i.type, i.region, age(i.reportedAt)]),
      )
    : html`<p>No incident is open.</p>`;
  const days = `${status.windowDays} days`;
  const waitLimits = listTable(
    'wait-limits',
    ['Workflow', 'Waits in', 'Ends after', 'Escalated to', 'Then'],
    status.waits.limits.map((w) => [w.workflow, w.states.join(', '), `${w.limitHours} h`, w.escalatedTo, w.closedHow]),
  );
  const notices = (id: string, rows: OperationsStatus['mailFeedback']['recent'], none: string) =>
    rows.length
      ? listTable(
          id,
          ['When', 'About', 'What happened'],
          rows.map((n) => [humanTime(n.at, timeZone), n.subject, n.summary]),
        )
      : html`<p>${none}</p>`;
  // Issue 19.1: new decisions pass these people by until a new address (or nobody else) is there.
  const unreachable = status.mailFeedback.unreachable.length
    ? listTable(
        'mail-unreachable',
        ['Person', 'Not reached since', 'Why'],
        status.mailFeedback.unreachable.map((p) => [
          `${p.name} (${p.staffId})`,
          humanTime(p.since, timeZone),
          `${p.kind} ${p.type}`,
        ]),
      )
    : html`<p>Mail reaches everyone in the directory, as far as SES has told.</p>`;
  return page(
    'Operations status',
    html`
    <h1>Operations status</h1>
    <p>
      As of ${humanTime(status.asOf, timeZone)}.
      Executions are those started in the last ${status.windowDays} days (UTC);
      running counts every execution still running. A workflow is failing when one of its executions failed,
      timed out or was aborted in the last 24 hours, and failed earlier when that happened before, within the
      ${status.windowDays} days.
    </p>
    <h2>At a glance</h2>
    <table id="summary">
      <tbody>
        ${count('pending-approvals', 'Pending approvals', approvals.total, oldestWaiting)}
        ${count('rotations-due', 'Rotations due', rotations.due, 'past the next rotation date, none open')}
        ${count('rotations-overdue', 'Rotations overdue', rotations.overdue, 'open past the date asked for')}
        ${count('open-incidents', 'Open incidents', incidents.open, 'waiting for a hotline report')}
        ${count('open-departures', 'Open departures', departures.open)}
      </tbody>
    </table>
    <h2>Workflows</h2>
    <table id="workflows">
      <thead>
        <tr>
          <th>Workflow</th>
          <th>Health</th>
          ${executionStatuses.map((s) => html`<th class="n">${statusLabel[s]}</th>`)}
        </tr>
      </thead>
      <tbody>${status.workflows.map(workflowRow)}
      </tbody>
    </table>
    <h2>Executions per day</h2>
    ${executionsChart(status.executionsPerDay)}
    <h2>Pending approvals by age</h2>
    <table id="approval-ages">
      <tbody>${approvals.bands.map(ageBandRow)}
      </tbody>
    </table>
    ${oldestApprovals}
    <h2>Rotations</h2>
    ${overdueRotations}
    ${dueRotations}
    <h2>Open incidents</h2>
    ${openIncidents}
    <h2>Waits for a person</h2>
    <p>Every wait ends: after its limit the workflow records it, tells those named and closes as shown.</p>
    ${waitLimits}
    ${notices('waits-timed-out', status.waits.timedOut, `No wait ran out in the last ${days}.`)}
    <h2>Mail not delivered</h2>
    ${unreachable}
    ${notices('mail-feedback', status.mailFeedback.recent, `No bounce, complaint or rejection in the last ${days}.`)}`,
  );
}
