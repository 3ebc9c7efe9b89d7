/**
 * Operations in the console: GET /ops/status.json as a page (workflows and their health, stuck approvals,
 * overdue rotations, open incidents and departures, waits that ran out and mail not delivered, issue 19),
 * what `npm run ops` and /ops/status show.
 */
import { useEffect, useState } from 'preact/hooks';
import { type Answer, api, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import { Executions } from './executions.tsx';
import { when } from '../time.ts';

type Counts = Record<'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE', number>;

interface Status {
  asOf: string;
  windowDays: number;
  workflows: Array<{ workflow: string; health: string; running: number; started: Counts }>;
  approvals: {
    total: number;
    oldest: Array<{ requestId: string; platform: string; region: string; ageHours: number }>;
  };
  rotations: {
    due: number;
    overdue: number;
    overdueRotations: Array<{ accountId: string; rotationId: string; reason: string; hoursPastDue: number }>;
  };
  incidents: { open: number };
  departures: { open: number };
  waits: {
    limits: Array<{ workflow: string; states: string[]; limitHours: number; escalatedTo: string; closedHow: string }>;
    timedOut: Notice[];
  };
  mailFeedback: { recent: Notice[] };
}

interface Notice {
  at: string;
  subject: string;
  summary: string;
}

/** Operations notices (issue 19) as a list, newest first. */
function Notices(props: { items: Notice[]; none: string }) {
  if (props.items.length === 0) return <p>{props.none}</p>;
  return (
    <ul class="usa-list">
      {props.items.map((n) => (
        <li key={`${n.at}${n.subject}`}>{`${new Date(n.at).toLocaleString()}: ${n.subject}: ${n.summary}`}</li>
      ))}
    </ul>
  );
}

const healthTag: Record<string, string> = { healthy: 'bg-green', attention: 'bg-gold text-ink', failing: 'bg-red' };

/** The operations status page. */
export function OperationsPage() {
  const [status, setStatus] = useState<Answer<Status>>();
  useEffect(() => {
    void api<Status>('GET', '/ops/status.json').then(setStatus);
  }, []);
  if (!status) return <Page title="Operations status">Loading…</Page>;
  if (status.status !== 200)
    return (
      <Page title="Operations status">
        <Alert type="error">{errorText(status)}</Alert>
      </Page>
    );
  const s = status.body;
  return (
    <Page title="Operations status">
      <p>
        As of {when(s.asOf)}, over the last {s.windowDays} days. Pending approvals: {s.approvals.total}; rotations due:{' '}
        {s.rotations.due}, overdue: {s.rotations.overdue}; open incidents: {s.incidents.open}; open departures:{' '}
        {s.departures.open}.
      </p>
      <h2>Workflows</h2>
      <table class="usa-table usa-table--borderless" id="workflows">
        <caption class="usa-sr-only">Workflows and their executions in the window</caption>
        <thead>
          <tr>
            <th scope="col">Workflow</th>
            <th scope="col">Health</th>
            <th scope="col">Running</th>
            <th scope="col">Succeeded</th>
            <th scope="col">Failed, timed out or aborted</th>
          </tr>
        </thead>
        <tbody>
          {s.workflows.map((w) => (
            <tr key={w.workflow} data-health={w.health}>
              <th scope="row">{w.workflow}</th>
              <td>
                <span class={`usa-tag ${healthTag[w.health] ?? ''}`}>{w.health}</span>
              </td>
              <td>{w.running}</td>
              <td>{w.started.SUCCEEDED}</td>
              <td>{w.started.FAILED + w.started.TIMED_OUT + w.started.ABORTED}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Executions workflows={s.workflows.map((w) => w.workflow)} />
      <h2>Oldest pending approvals</h2>
      {s.approvals.oldest.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="usa-list">
          {s.approvals.oldest.map((a) => (
            <li key={a.requestId}>
              <a href={`/console/requests/${a.requestId}`}>{a.requestId}</a>
              {`: ${a.platform} for ${a.region}, waiting ${Math.round(a.ageHours)} h`}
            </li>
          ))}
        </ul>
      )}
      <h2>Overdue rotations</h2>
      {s.rotations.overdueRotations.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul class="usa-list">
          {s.rotations.overdueRotations.map((r) => (
            <li key={r.rotationId}>
              <a href={`/console/accounts/${r.accountId}`}>{r.accountId}</a>
              {` (${r.reason}), ${Math.round(r.hoursPastDue)} h past due`}
            </li>
          ))}
        </ul>
      )}
      <h2>Waits for a person</h2>
      <table class="usa-table usa-table--borderless" id="wait-limits">
        <caption class="usa-sr-only">How long each workflow waits for a person, and what then happens</caption>
        <thead>
          <tr>
            <th scope="col">Workflow</th>
            <th scope="col">Ends after</th>
            <th scope="col">Escalated to</th>
            <th scope="col">Then</th>
          </tr>
        </thead>
        <tbody>
          {s.waits.limits.map((w) => (
            <tr key={w.workflow}>
              <td>{w.workflow}</td>
              <td>{`${w.limitHours} h`}</td>
              <td>{w.escalatedTo}</td>
              <td>{w.closedHow}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Notices items={s.waits.timedOut} none={`No wait ran out in the last ${s.windowDays} days.`} />
      <h2>Mail not delivered</h2>
      <Notices
        items={s.mailFeedback.recent}
        none={`No bounce, complaint or rejection in the last ${s.windowDays} days.`}
      />
    </Page>
  );
}
