/**
 * Incidents (TN-06, TN-14): staff report what they saw on an account; the incident's page shows who was
 * told and takes the child-abuse hotline's reference once the report is made.
 */
import { useEffect, useState } from 'preact/hooks';
import { type Answer, api, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import { navigate } from '../router.ts';
import { atLocal, when, zoneName } from '../time.ts';

const incidentTypes = [
  ['inappropriate-activity', 'Inappropriate activity'],
  ['suspected-abuse-or-neglect', 'Suspected abuse or neglect'],
  ['account-compromise', 'Account compromise'],
  ['other', 'Other'],
] as const;

interface IncidentView {
  incidentId: string;
  accountId: string;
  type: string;
  description: string;
  observedAt: string;
  reportedBy: string;
  reportedAt: string;
  status: string;
  hotlineReport?: { reference: string; reportedAt: string; recordedBy: string };
  recoveryCustodians: string[];
}

/** The report form for one account; on success, the incident's page. */
export function ReportIncident(props: { accountId: string }) {
  const [failure, setFailure] = useState<string>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const observed = data.get('observedAt') as string;
    const answer = await api<{ incidentId: string }>('POST', '/incidents', {
      accountId: props.accountId,
      type: data.get('type'),
      description: (data.get('description') as string).trim(),
      observedAt: observed ? atLocal(observed) : new Date().toISOString(),
    });
    if (answer.status === 202) navigate(`/console/incidents/${answer.body.incidentId}`);
    else setFailure(errorText(answer));
  };
  return (
    <Page title="Report an incident">
      <p>
        On account <a href={`/console/accounts/${props.accountId}`}>{props.accountId}</a>. The region's directors and
        the account's administrators are told at once; the emails name the kind of incident, never your description.
      </p>
      {failure && <Alert type="error">{failure}</Alert>}
      <form class="usa-form usa-form--large" onSubmit={(event) => void submit(event)}>
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">What kind of incident</legend>
          {incidentTypes.map(([value, label], index) => (
            <div class="usa-radio" key={value}>
              <input
                class="usa-radio__input"
                id={`type-${value}`}
                type="radio"
                name="type"
                value={value}
                required
                checked={index === 0}
              />
              <label class="usa-radio__label" for={`type-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </fieldset>
        <label class="usa-label" for="description">
          What you saw
        </label>
        <textarea class="usa-textarea" id="description" name="description" required maxLength={4000} />
        <label class="usa-label" for="observedAt">
          When you saw it <span class="usa-hint">({zoneName()}; leave empty for now)</span>
        </label>
        <input class="usa-input" id="observedAt" name="observedAt" type="datetime-local" />
        <button type="submit" class="usa-button margin-top-2">
          Report the incident
        </button>
      </form>
    </Page>
  );
}

/** An incident's page, with the hotline reference form until one is recorded. */
export function IncidentPage(props: { incidentId: string }) {
  const [incident, setIncident] = useState<Answer<IncidentView>>();
  const [failure, setFailure] = useState<string>();
  const load = () => api<IncidentView>('GET', `/incidents/${props.incidentId}`).then(setIncident);
  useEffect(() => {
    void load();
  }, [props.incidentId]);
  if (!incident) return <Page title="Incident">Loading…</Page>;
  if (incident.status !== 200)
    return (
      <Page title="Incident">
        <Alert type="error">{errorText(incident)}</Alert>
      </Page>
    );
  const i = incident.body;
  const record = async (event: SubmitEvent) => {
    event.preventDefault();
    const reference = (new FormData(event.currentTarget as HTMLFormElement).get('reference') as string).trim();
    const answer = await api('POST', `/incidents/${i.incidentId}/hotline-report`, { reference });
    if (answer.status === 200) await load();
    else setFailure(errorText(answer));
  };
  return (
    <Page title={`Incident ${i.incidentId}`}>
      <p>
        Status:{' '}
        <span class="usa-tag" id="incident-status" data-status={i.status}>
          {i.status}
        </span>
      </p>
      <dl>
        <dt class="text-bold">Account</dt>
        <dd class="margin-left-0 margin-bottom-1">
          <a href={`/console/accounts/${i.accountId}`}>{i.accountId}</a>
        </dd>
        <dt class="text-bold">Kind</dt>
        <dd class="margin-left-0 margin-bottom-1">{i.type}</dd>
        <dt class="text-bold">What was seen</dt>
        <dd class="margin-left-0 margin-bottom-1">{i.description}</dd>
        <dt class="text-bold">Seen</dt>
        <dd class="margin-left-0 margin-bottom-1">{when(i.observedAt)}</dd>
        <dt class="text-bold">Reported by</dt>
        <dd class="margin-left-0 margin-bottom-1">{i.reportedBy}</dd>
      </dl>
      {i.type === 'suspected-abuse-or-neglect' && <h2>Hotline report</h2>}
      {i.type !== 'suspected-abuse-or-neglect' ? null : i.hotlineReport ? (
        <p id="hotline-reference">
          Reference {i.hotlineReport.reference}, recorded by {i.hotlineReport.recordedBy}.
        </p>
      ) : (
        <form class="usa-form" onSubmit={(event) => void record(event)}>
          <label class="usa-label" for="reference">
            Hotline reference
          </label>
          <input class="usa-input" id="reference" name="reference" required maxLength={120} />
          <button type="submit" class="usa-button margin-top-2">
            Record the reference
          </button>
        </form>
      )}
      {failure && <Alert type="error">{failure}</Alert>}
    </Page>
  );
}
