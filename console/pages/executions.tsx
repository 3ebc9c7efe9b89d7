/**
 * Operations' executions in the console (issue 18): one workflow's recent executions by status, and one
 * execution's timeline (states, tasks, durations, error names; never data) — `npm run ops -- executions`
 * and `ops timeline` without a terminal; a failed, timed-out or aborted one can be redriven after a
 * confirmation (`ops redrive`, issue 19.7).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Answer, api, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import { when } from '../time.ts';

interface ExecutionList {
  items: Array<{ name: string; status: string; startDate: string; stopDate?: string }>;
  truncated: boolean;
}

interface Execution {
  workflow: string;
  name: string;
  status: string;
  startDate: string;
  stopDate?: string;
  error?: string;
  redriveCount: number;
  /** Present when Step Functions would redrive it now. */
  redrivable?: true;
  events: Array<{ offsetMs: number; at: string; event: string; state?: string; durationMs?: number; error?: string }>;
}

const statuses = ['', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The executions section of the operations page. */
export function Executions(props: { workflows: string[] }) {
  const [list, setList] = useState<Answer<ExecutionList>>();
  const [shown, setShown] = useState<string>();
  const read = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const workflow = data.get('workflow') as string;
    const status = data.get('status') as string;
    const query = new URLSearchParams({ workflow, limit: '50', ...(status ? { status } : {}) });
    setShown(workflow);
    setList(await api<ExecutionList>('GET', `/ops/executions?${query}`));
  };
  return (
    <section aria-labelledby="executions-heading">
      <h2 id="executions-heading">Executions</h2>
      <form class="usa-form" onSubmit={(event) => void read(event)}>
        <label class="usa-label" for="workflow">
          Workflow
        </label>
        <select class="usa-select" id="workflow" name="workflow">
          {props.workflows.map((w) => (
            <option key={w} value={w}>
              {w}
            </option>
          ))}
        </select>
        <label class="usa-label" for="status">
          Status
        </label>
        <select class="usa-select" id="status" name="status">
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s || 'any'}
            </option>
          ))}
        </select>
        <button type="submit" class="usa-button usa-button--outline margin-top-2">
          Show executions
        </button>
      </form>
      {list && list.status !== 200 && <Alert type="error">{errorText(list)}</Alert>}
      {list?.status === 200 &&
        (list.body.items.length === 0 ? (
          <p id="executions">No execution.</p>
        ) : (
          <table class="usa-table usa-table--borderless" id="executions">
            <caption>
              {shown}: {list.body.items.length} execution(s), newest first{list.body.truncated ? '; more exist' : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Execution</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Stopped</th>
              </tr>
            </thead>
            <tbody>
              {list.body.items.map((e) => (
                <tr key={e.name} data-execution={e.name}>
                  <th scope="row">
                    <a href={`/console/operations/executions/${shown}/${encodeURIComponent(e.name)}`}>{e.name}</a>
                  </th>
                  <td>{e.status}</td>
                  <td>{when(e.startDate)}</td>
                  <td>{e.stopDate ? when(e.stopDate) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}

interface RedriveAnswer {
  status: string;
  redriveCount: number;
  redriven: boolean;
}

/**
 * Redrive, in two steps: the button asks, the confirmation says what happens and does it. Focus moves
 * to the question and back, so keyboard and screen-reader users follow it.
 */
function Redrive(props: { path: string; name: string; onDone: () => void }) {
  const [asking, setAsking] = useState(false);
  const [outcome, setOutcome] = useState<Answer<RedriveAnswer>>();
  const [busy, setBusy] = useState(false);
  const question = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);
  const redrive = async () => {
    setBusy(true);
    const answer = await api<RedriveAnswer>('POST', `${props.path}/redrive`);
    setBusy(false);
    setAsking(false);
    setOutcome(answer);
    if (answer.status === 200 || answer.status === 202) props.onDone();
  };
  return (
    <section aria-labelledby="redrive-heading">
      <h2 id="redrive-heading">Redrive</h2>
      <p>
        Fix the cause first. A redrive resumes this execution at the state that failed, under the same name; the states
        that completed before it do not run again.
      </p>
      {!asking && (
        <button type="button" class="usa-button" onClick={() => setAsking(true)}>
          Redrive
        </button>
      )}
      {asking && (
        <fieldset
          class="usa-fieldset border-1px border-warning padding-2"
          id="redrive-confirm"
          tabIndex={-1}
          ref={question}
        >
          <legend class="usa-legend usa-legend--large">Redrive {props.name} now?</legend>
          <ul class="usa-button-group margin-top-1">
            <li class="usa-button-group__item">
              <button type="button" class="usa-button" disabled={busy} onClick={() => void redrive()}>
                Yes, redrive it
              </button>
            </li>
            <li class="usa-button-group__item">
              <button type="button" class="usa-button usa-button--outline" onClick={() => setAsking(false)}>
                Cancel
              </button>
            </li>
          </ul>
        </fieldset>
      )}
      {outcome && outcome.status >= 300 && <Alert type="error">{errorText(outcome)}</Alert>}
    </section>
  );
}

/** One execution's timeline, and Redrive where Step Functions would redrive it. */
export function ExecutionPage(props: { workflow: string; name: string }) {
  const [execution, setExecution] = useState<Answer<Execution>>();
  const [redriven, setRedriven] = useState(false);
  const path = `/ops/executions/${props.workflow}/${encodeURIComponent(props.name)}`;
  const load = () => void api<Execution>('GET', path).then(setExecution);
  useEffect(load, [props.workflow, props.name]);
  const title = `Execution ${props.name}`;
  if (!execution) return <Page title={title}>Loading…</Page>;
  if (execution.status !== 200)
    return (
      <Page title={title}>
        <Alert type="error">{errorText(execution)}</Alert>
      </Page>
    );
  const e = execution.body;
  return (
    <Page title={title}>
      <p>
        {e.workflow}:{' '}
        <span class="usa-tag" id="execution-status" data-status={e.status}>
          {e.status}
        </span>
        {e.error ? ` (${e.error})` : ''}, started {when(e.startDate)}
        {e.stopDate ? `, stopped ${when(e.stopDate)}` : ''}.{' '}
        {e.redriveCount > 0 ? `Redriven ${e.redriveCount} time(s). ` : ''}
        <a href="/console/operations">Back to operations</a>
      </p>
      {redriven && <Alert type="success">Redriven: {e.name} is running again from the state that failed.</Alert>}
      {e.redrivable && (
        <Redrive
          path={path}
          name={e.name}
          onDone={() => {
            setRedriven(true);
            load();
          }}
        />
      )}
      <table class="usa-table usa-table--borderless" id="timeline">
        <caption>Timeline, oldest first (names, times and error names only)</caption>
        <thead>
          <tr>
            <th scope="col">After</th>
            <th scope="col">Event</th>
            <th scope="col">State</th>
            <th scope="col">Took</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {e.events.map((row, index) => (
            <tr key={`${row.at}-${index}`}>
              <td>{seconds(row.offsetMs)}</td>
              <td>{row.event}</td>
              <td>{row.state ?? ''}</td>
              <td>{row.durationMs === undefined ? '' : seconds(row.durationMs)}</td>
              <td>{row.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
