/**
 * Litigation holds (CT-06) in the console: directors and operations place a hold on a case or an
 * account; records officers and counsel, who alone may let records go, lift one with the reason;
 * operations also read a day's disposals.
 */
import { useEffect, useState } from 'preact/hooks';
import { type Answer, api, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import { hasRole, type Me } from '../me.ts';

interface Hold {
  holdId: string;
  caseId?: string;
  accountId?: string;
  reason: string;
  status: 'active' | 'lifted';
  placedBy: string;
  placedAt: string;
  liftReason?: string;
}

/** A contact record's disposal names it; any other record's names its kind and id (CT-06). */
interface Disposal {
  contactId?: string;
  caseId?: string;
  accountId?: string;
  recordKind?: string;
  recordId?: string;
  disposedAt: string;
}

const disposed = (d: Disposal) => d.contactId ?? `${d.recordKind} ${d.recordId}`;

const text = (form: HTMLFormElement, name: string) => ((new FormData(form).get(name) as string) ?? '').trim();

/** A day's disposal log (operations). */
function Disposals() {
  const [day, setDay] = useState<Answer<{ items: Disposal[] }>>();
  const read = async (event: SubmitEvent) => {
    event.preventDefault();
    const date = text(event.currentTarget as HTMLFormElement, 'date');
    setDay(await api<{ items: Disposal[] }>('GET', `/disposals?date=${encodeURIComponent(date)}`));
  };
  return (
    <section aria-labelledby="disposals-heading">
      <h2 id="disposals-heading">Disposals by day</h2>
      <form class="usa-form" onSubmit={(event) => void read(event)}>
        <label class="usa-label" for="date">
          Day (UTC)
        </label>
        <input class="usa-input" id="date" name="date" type="date" required />
        <button type="submit" class="usa-button usa-button--outline margin-top-2">
          Show disposals
        </button>
      </form>
      {day && day.status !== 200 && <Alert type="error">{errorText(day)}</Alert>}
      {day?.status === 200 && (
        <p id="disposals">
          {day.body.items.length === 0
            ? 'No record was disposed of that day.'
            : `${day.body.items.length} record(s): ${day.body.items.map(disposed).join(', ')}`}
        </p>
      )}
    </section>
  );
}

/** The holds page. */
export function HoldsPage(props: { me: Me }) {
  const [holds, setHolds] = useState<Answer<{ items: Hold[] }>>();
  const [message, setMessage] = useState<{ type: 'error' | 'success'; text: string }>();
  const load = () => api<{ items: Hold[] }>('GET', '/holds').then(setHolds);
  useEffect(() => {
    void load();
  }, []);
  const place = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const kind = text(form, 'kind');
    const answer = await api<{ holdId: string }>('POST', '/holds', {
      [kind === 'case' ? 'caseId' : 'accountId']: text(form, 'subject'),
      reason: text(form, 'reason'),
    });
    if (answer.status === 201) {
      setMessage({ type: 'success', text: `Hold ${answer.body.holdId} placed.` });
      form.reset();
    } else setMessage({ type: 'error', text: errorText(answer) });
    await load();
  };
  const lift = async (event: SubmitEvent, holdId: string) => {
    event.preventDefault();
    const answer = await api('DELETE', `/holds/${holdId}`, {
      reason: text(event.currentTarget as HTMLFormElement, 'reason'),
    });
    setMessage(
      answer.status < 300
        ? { type: 'success', text: `Hold ${holdId} lifted.` }
        : { type: 'error', text: errorText(answer) },
    );
    await load();
  };
  const items = holds?.status === 200 ? holds.body.items : [];
  const mayLift = hasRole(props.me, 'records-officer', 'legal');
  const mayPlace = hasRole(props.me, 'operations', 'director');
  return (
    <Page title="Litigation holds">
      <p>While a hold is in force, no contact record of its case or account is disposed of (CT-06).</p>
      {holds && holds.status !== 200 && <Alert type="error">{errorText(holds)}</Alert>}
      {message && <Alert type={message.type}>{message.text}</Alert>}
      {items.length === 0 ? (
        <p>No hold.</p>
      ) : (
        <table class="usa-table usa-table--borderless" id="holds">
          <caption class="usa-sr-only">Holds, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Hold</th>
              <th scope="col">On</th>
              <th scope="col">Reason</th>
              <th scope="col">Status</th>
              <th scope="col">Lift</th>
            </tr>
          </thead>
          <tbody>
            {items.map((h) => (
              <tr key={h.holdId} data-hold={h.holdId} data-status={h.status}>
                <th scope="row">{h.holdId}</th>
                <td>{h.caseId ? `case ${h.caseId}` : `account ${h.accountId}`}</td>
                <td>{h.reason}</td>
                <td>{h.status}</td>
                <td>
                  {h.status === 'active' && mayLift && (
                    <form onSubmit={(event) => void lift(event, h.holdId)}>
                      <label class="usa-label margin-top-0" for={`lift-${h.holdId}`}>
                        Reason to lift {h.holdId}
                      </label>
                      <input class="usa-input" id={`lift-${h.holdId}`} name="reason" required maxLength={2000} />
                      <button type="submit" class="usa-button usa-button--secondary margin-top-1">
                        Lift
                      </button>
                    </form>
                  )}
                  {h.liftReason}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayPlace && (
        <form class="usa-form usa-form--large" onSubmit={(event) => void place(event)}>
          <h2>Place a hold</h2>
          <label class="usa-label" for="kind">
            On
          </label>
          <select class="usa-select" id="kind" name="kind">
            <option value="case">a case</option>
            <option value="account">an account</option>
          </select>
          <label class="usa-label" for="subject">
            Case or account id
          </label>
          <input class="usa-input" id="subject" name="subject" required />
          <label class="usa-label" for="hold-reason">
            Why records must be kept
          </label>
          <textarea class="usa-textarea" id="hold-reason" name="reason" required maxLength={2000} />
          <button type="submit" class="usa-button margin-top-2">
            Place the hold
          </button>
        </form>
      )}
      {hasRole(props.me, 'operations') && <Disposals />}
    </Page>
  );
}
