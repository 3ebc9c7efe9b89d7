/**
 * Departures (TN-10): HR or a director reports that someone left; the departure's page is the leaver
 * report (what the person could reveal, whether the password changed since) and, for a bad standing,
 * where HR or IT confirms the leaver's email access is removed, which starts the password changes.
 */
import { useEffect, useState } from 'preact/hooks';
import { type Answer, api, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import { hasRole, type Me } from '../me.ts';
import { navigate } from '../router.ts';
import { atHourOf, day, when } from '../time.ts';

interface LeaverLine {
  accountId: string;
  platform: string;
  access: string[];
  reveals: string[];
  passwordChangedSince: boolean;
  renewSecondFactor: boolean;
}

interface DepartureView {
  departureId: string;
  staffId: string;
  standing: 'good' | 'bad';
  departedAt: string;
  reportedBy: string;
  status: string;
  reinstatedAt?: string;
  reinstatedBy?: string;
  reinstatedReason?: string;
  standingCorrections?: Array<{ from: string; to: string; by: string; at: string; reason: string }>;
  revokedGrants: string[];
  emailAccessRemovedAt?: string;
  positions?: Array<{ kind: string; region: string; accountId?: string; requestId?: string }>;
  report: LeaverLine[];
}

/** The report form; on success, the departure's page. */
export function ReportDeparture() {
  const [failure, setFailure] = useState<string>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const left = data.get('departedOn') as string;
    const answer = await api<{ departureId: string }>('POST', '/departures', {
      staffId: (data.get('staffId') as string).trim(),
      standing: data.get('standing'),
      departedAt: left ? atHourOf(left, '17:00:00') : new Date().toISOString(),
    });
    if (answer.status === 202) navigate(`/console/departures/${answer.body.departureId}`);
    else setFailure(errorText(answer));
  };
  return (
    <Page title="Report a departure">
      <p>
        Every grant of the person is revoked and every reveal refused at once; the directors get the leaver report. With
        a bad standing, every password they could reveal changes once their email access is removed.
      </p>
      {failure && <Alert type="error">{failure}</Alert>}
      <form class="usa-form usa-form--large" onSubmit={(event) => void submit(event)}>
        <label class="usa-label" for="staffId">
          Staff id of the person who left
        </label>
        <input class="usa-input" id="staffId" name="staffId" required />
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">Standing</legend>
          {(['good', 'bad'] as const).map((standing) => (
            <div class="usa-radio" key={standing}>
              <input
                class="usa-radio__input"
                id={`standing-${standing}`}
                type="radio"
                name="standing"
                value={standing}
                required
                checked={standing === 'good'}
              />
              <label class="usa-radio__label" for={`standing-${standing}`}>
                {standing === 'good' ? 'Good standing' : 'Bad standing'}
              </label>
            </div>
          ))}
        </fieldset>
        <label class="usa-label" for="departedOn">
          Last day <span class="usa-hint">(leave empty for today)</span>
        </label>
        <input class="usa-input" id="departedOn" name="departedOn" type="date" />
        <button type="submit" class="usa-button margin-top-2">
          Report the departure
        </button>
      </form>
    </Page>
  );
}

/** The departure's page: the leaver report and the email-removal confirmation. */
export function DeparturePage(props: { me: Me; departureId: string }) {
  const [departure, setDeparture] = useState<Answer<DepartureView>>();
  const [failure, setFailure] = useState<string>();
  const load = () => api<DepartureView>('GET', `/departures/${props.departureId}`).then(setDeparture);
  useEffect(() => {
    void load();
  }, [props.departureId]);
  if (!departure) return <Page title="Departure">Loading…</Page>;
  if (departure.status !== 200)
    return (
      <Page title="Departure">
        <Alert type="error">{errorText(departure)}</Alert>
      </Page>
    );
  const d = departure.body;
  const confirm = async () => {
    const answer = await api('POST', `/departures/${d.departureId}/email-access-removed`);
    if (answer.status === 202) await load();
    else setFailure(errorText(answer));
  };
  return (
    <Page title={`Departure of ${d.staffId}`}>
      <p>
        Status:{' '}
        <span class="usa-tag" id="departure-status" data-status={d.status}>
          {d.status}
        </span>{' '}
        ({d.standing} standing, left {day(d.departedAt)}, reported by {d.reportedBy}). {d.revokedGrants.length} grant(s)
        revoked.
      </p>
      {d.status === 'awaiting-email-removal' && hasRole(props.me, 'hr', 'it-director', 'operations') && (
        <section aria-labelledby="email-heading">
          <h2 id="email-heading">Email access</h2>
          <p>Remove the person's email access first: the passwords change only after this confirmation (TN-10).</p>
          <button type="button" class="usa-button" onClick={() => void confirm()}>
            Confirm email access removed
          </button>
        </section>
      )}
      {d.emailAccessRemovedAt && <p id="email-removed">Email access removed {when(d.emailAccessRemovedAt)}.</p>}
      {failure && <Alert type="error">{failure}</Alert>}
      {d.reinstatedAt && (
        <p id="reinstated">
          Reinstated {when(d.reinstatedAt)} by {d.reinstatedBy}: {d.reinstatedReason}
        </p>
      )}
      {(d.standingCorrections ?? []).length > 0 && (
        <ul class="usa-list" id="standing-corrections" aria-label="Standing corrections">
          {d.standingCorrections!.map((c) => (
            <li key={c.at}>
              Standing corrected from {c.from} to {c.to} by {c.by} on {when(c.at)}: {c.reason}
            </li>
          ))}
        </ul>
      )}
      {d.status !== 'reinstated' && hasRole(props.me, 'hr') && (
        <Corrections departure={d} onDone={load} onFailure={setFailure} />
      )}
      <h2>Leaver report</h2>
      {d.report.length === 0 ? (
        <p>The person could reveal no account's password.</p>
      ) : (
        <table class="usa-table usa-table--borderless" id="leaver-report">
          <caption class="usa-sr-only">Accounts the person could reveal</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Access</th>
              <th scope="col">Reveals</th>
              <th scope="col">Password changed since</th>
              <th scope="col">Renew 2FA</th>
            </tr>
          </thead>
          <tbody>
            {d.report.map((line) => (
              <tr key={line.accountId}>
                <th scope="row">
                  <a href={`/console/accounts/${line.accountId}`}>{line.accountId}</a> ({line.platform})
                </th>
                <td>{line.access.join(', ')}</td>
                <td>{line.reveals.length}</td>
                <td>{line.passwordChangedSince ? 'yes' : 'no'}</td>
                <td>{line.renewSecondFactor ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(d.positions ?? []).length > 0 && (
        <>
          <h2>Positions to reassign</h2>
          <ul class="usa-list">
            {d.positions!.map((p) => (
              <li key={`${p.kind}-${p.accountId ?? p.requestId}`}>
                {p.kind} in {p.region}
                {p.accountId ? ` on ${p.accountId}` : ''}
                {p.requestId ? ` for request ${p.requestId}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

const field = (form: HTMLFormElement, name: string) => ((new FormData(form).get(name) as string) ?? '').trim();

/** HR's corrections: the standing (audited; to bad starts the email-removal wait) and a reinstatement. */
function Corrections(props: { departure: DepartureView; onDone: () => unknown; onFailure: (text: string) => void }) {
  const d = props.departure;
  const other = d.standing === 'good' ? 'bad' : 'good';
  const send = async (event: SubmitEvent, path: string, body: Record<string, string>) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const answer = await api('POST', `/departures/${d.departureId}/${path}`, {
      ...body,
      reason: field(form, 'reason'),
    });
    if (answer.status === 200) {
      form.reset();
      props.onFailure('');
      await props.onDone();
    } else props.onFailure(errorText(answer));
  };
  return (
    <section aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">Corrections</h2>
      <form class="usa-form usa-form--large" onSubmit={(event) => void send(event, 'standing', { standing: other })}>
        <h3>Correct the standing to {other}</h3>
        <p class="usa-hint">
          {other === 'bad'
            ? 'The passwords the person could reveal change once their email access is removed (TN-10).'
            : 'A wait already running continues, so the passwords still change.'}
        </p>
        <label class="usa-label" for="standing-reason">
          Why the standing is {other}
        </label>
        <textarea class="usa-textarea" id="standing-reason" name="reason" required maxLength={1000} />
        <button type="submit" class="usa-button usa-button--outline margin-top-2">
          Correct the standing to {other}
        </button>
      </form>
      <form class="usa-form usa-form--large" onSubmit={(event) => void send(event, 'reinstate', {})}>
        <h3>Reinstate {d.staffId}</h3>
        <p class="usa-hint">
          For a departure recorded in error. Revoked grants stay revoked: a director grants access again.
        </p>
        <label class="usa-label" for="reinstate-reason">
          Why the departure was recorded in error
        </label>
        <textarea class="usa-textarea" id="reinstate-reason" name="reason" required maxLength={1000} />
        <button type="submit" class="usa-button usa-button--secondary margin-top-2">
          Reinstate {d.staffId}
        </button>
      </form>
    </section>
  );
}
