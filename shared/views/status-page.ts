/**
 * The operations status page: tables and a chart of executions per day drawn as inline SVG on the
 * server, because the page's CSP allows no script (shared/http/route-handler.ts). Every value goes
 * through the `html` tag; elements carry `data-*` attributes with the raw numbers for tools and tests.
 */
import { html, raw, type SafeHtml } from './html.ts';
import { humanTime } from './human-time.ts';
import { page } from './page.ts';
import {
  executionStatuses,
  formatDuration,
  type DayCount,
  type Health,
  type OperationsStatus,
} from '../domain/operations.ts';

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

/** Bars of executions per day (unsuccessful ones stacked in red), with the day of month below each. */
export function executionsChart(days: readonly DayCount[]): SafeHtml {
  const width = 600;
  const height = 160;
  const top = 16;
  const bottom = 20;
  const slot = width / Math.max(1, days.length);
  const max = Math.max(1, ...days.map((d) => d.total));
  const scale = (n: number) => ((height - top - bottom) * n) / max;
  const total = days.reduce((sum, d) => sum + d.total, 0);
  const bars = days.map((day, i) => {
    const x = (i * slot + slot * 0.15).toFixed(1);
    const barWidth = (slot * 0.7).toFixed(1);
    const okHeight = scale(day.total - day.unsuccessful);
    const badHeight = scale(day.unsuccessful);
    const base = height - bottom;
    return html`<g class="day" data-date="${day.date}" data-total="${day.total}" data-unsuccessful="${day.unsuccessful}"><title>${day.date}: ${day.total} started, ${day.unsuccessful} unsuccessful</title>${
      okHeight > 0
        ? html`<rect x="${x}" y="${(base - okHeight).toFixed(1)}" width="${barWidth}" height="${okHeight.toFixed(1)}" fill="#4a6fa5"></rect>`
        : raw('')
    }${badHeight > 0 ? html`<rect x="${x}" y="${(base - okHeight - badHeight).toFixed(1)}" width="${barWidth}" height="${badHeight.toFixed(1)}" fill="#b42318"></rect>` : raw('')}<text x="${(i * slot + slot / 2).toFixed(1)}" y="${height - 6}" font-size="10" text-anchor="middle" fill="#555">${day.date.slice(8)}</text></g>`;
  });
  return html`<svg id="executions-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="chart-title" data-total="${total}" data-max="${max}"><title id="chart-title">Executions started per day, last ${days.length} days: ${total} in all</title><line x1="0" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" stroke="#999"></line><text x="2" y="11" font-size="10" fill="#555">${max} per day</text>${bars}</svg>`;
}

const count = (id: string, label: string, value: number, note = '') =>
  html`<tr><th scope="row">${label}</th><td class="n" id="${id}" data-count="${value}">${value}</td><td>${note}</td></tr>`;

/** The whole page for one status. */
export function statusPage(status: OperationsStatus): string {
  const { approvals, rotations, incidents, departures } = status;
  const age = ageAt(status.asOf);
  return page(
    'Operations status',
    html`<h1>Operations status</h1>
<p>As of ${humanTime(status.asOf)}. Executions are those started in the last ${status.windowDays} days (UTC); running counts every execution still running. A workflow is failing when one of its executions failed, timed out or was aborted in the last 24 hours, and failed earlier when that happened before, within the ${status.windowDays} days.</p>
<h2>At a glance</h2>
<table id="summary"><tbody>
${count('pending-approvals', 'Pending approvals', approvals.total, approvals.oldest[0] ? `oldest waiting ${age(approvals.oldest[0].createdAt)}` : '')}
${count('rotations-due', 'Rotations due', rotations.due, 'past the next rotation date, none open')}
${count('rotations-overdue', 'Rotations overdue', rotations.overdue, 'open past the date asked for')}
${count('open-incidents', 'Open incidents', incidents.open, 'waiting for a hotline report')}
${count('open-departures', 'Open departures', departures.open)}
</tbody></table>
<h2>Workflows</h2>
<table id="workflows"><thead><tr><th>Workflow</th><th>Health</th>${executionStatuses.map((s) => html`<th class="n">${statusLabel[s]}</th>`)}</tr></thead><tbody>
${status.workflows.map(
  (w) =>
    html`<tr id="workflow-${w.stateMachine}" data-health="${w.health}" data-running="${w.running}" ${raw(
      executionStatuses
        .filter((s) => s !== 'RUNNING')
        .map((s) => `data-${s.toLowerCase().replace('_', '-')}="${w.started[s]}"`)
        .join(' '),
    )}><th scope="row">${w.stateMachine}</th><td class="${w.health}">${healthText[w.health]}${w.truncated ? ' (counts truncated)' : ''}</td>${executionStatuses.map((s) => html`<td class="n">${s === 'RUNNING' ? w.running : w.started[s]}</td>`)}</tr>`,
)}
</tbody></table>
<h2>Executions per day</h2>
${executionsChart(status.executionsPerDay)}
<h2>Pending approvals by age</h2>
<table id="approval-ages"><tbody>${approvals.bands.map((b) => html`<tr data-band="${b.label}" data-count="${b.count}"><th scope="row">${b.label}</th><td class="n">${b.count}</td></tr>`)}</tbody></table>
${approvals.oldest.length ? html`<table id="oldest-approvals"><thead><tr><th>Request</th><th>Platform</th><th>Region</th><th>Waiting</th></tr></thead><tbody>${approvals.oldest.map((a) => html`<tr><td>${a.requestId}</td><td>${a.platform}</td><td>${a.region}</td><td>${age(a.createdAt)}</td></tr>`)}</tbody></table>` : raw('')}
<h2>Rotations</h2>
${rotations.overdueRotations.length ? html`<table id="overdue-rotations"><thead><tr><th>Account</th><th>Reason</th><th>Past due by</th></tr></thead><tbody>${rotations.overdueRotations.map((r) => html`<tr><td>${r.accountId}</td><td>${r.reason}</td><td>${age(r.dueAt)}</td></tr>`)}</tbody></table>` : html`<p>No rotation is overdue.</p>`}
${rotations.dueAccounts.length ? html`<table id="due-rotations"><thead><tr><th>Account</th><th>Platform</th><th>Region</th><th>Due for</th></tr></thead><tbody>${rotations.dueAccounts.map((a) => html`<tr><td>${a.accountId}</td><td>${a.platform}</td><td>${a.region}</td><td>${age(a.nextRotationDue)}</td></tr>`)}</tbody></table>` : html`<p>No account is past its rotation date without a rotation open.</p>`}
<h2>Open incidents</h2>
${incidents.oldest.length ? html`<table id="incidents"><thead><tr><th>Incident</th><th>Type</th><th>Region</th><th>Open for</th></tr></thead><tbody>${incidents.oldest.map((i) => html`<tr><td>${i.incidentId}</td><td>${i.type}</td><td>${i.region}</td><td>${age(i.reportedAt)}</td></tr>`)}</tbody></table>` : html`<p>No incident is open.</p>`}`,
  );
}
