/** A director or designee asks for an official account (TN-02): the profile's platforms and purposes only. */
import { useState } from 'preact/hooks';
import { api, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import type { Me } from '../me.ts';
import { navigate } from '../router.ts';
import { StaffSearch } from './staff-search.tsx';

const field = (form: HTMLFormElement, name: string) => (new FormData(form).get(name) as string | null)?.trim() ?? '';

/** The request form; on success, the request's own page. */
export function RequestForm(props: { me: Me }) {
  const { me } = props;
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const displayName = field(form, 'displayName');
    setBusy(true);
    const answer = await api<{ requestId: string }>('POST', '/account-requests', {
      platform: field(form, 'platform'),
      purpose: field(form, 'purpose'),
      region: field(form, 'region'),
      administratorId: field(form, 'administratorId'),
      backupAdministratorId: field(form, 'backupAdministratorId'),
      ...(displayName ? { displayName } : {}),
    });
    setBusy(false);
    if (answer.status === 202) navigate(`/console/requests/${answer.body.requestId}`);
    else setFailure(errorText(answer));
  };
  return (
    <Page title="Request an official account">
      <p>Each approver the policy names is emailed a link to decide. You can follow and withdraw the request here.</p>
      {failure && <Alert type="error">{failure}</Alert>}
      <form class="usa-form usa-form--large" onSubmit={(event) => void submit(event)}>
        <label class="usa-label" for="platform">
          Platform
        </label>
        <select class="usa-select" id="platform" name="platform" required>
          {me.platforms.map((platform) => (
            <option key={platform} value={platform}>
              {platform}
            </option>
          ))}
        </select>
        <label class="usa-label" for="purpose">
          Purpose
        </label>
        <select class="usa-select" id="purpose" name="purpose" required>
          {me.purposes.map((purpose) => (
            <option key={purpose} value={purpose}>
              {purpose}
            </option>
          ))}
        </select>
        <label class="usa-label" for="region">
          Region
        </label>
        <input class="usa-input" id="region" name="region" required value={me.caller.region ?? ''} />
        <label class="usa-label" for="displayName">
          Display name <span class="usa-hint">(optional)</span>
        </label>
        <input class="usa-input" id="displayName" name="displayName" maxLength={120} />
        <StaffSearch target="administratorId" label="Find the administrator by name or email" />
        <label class="usa-label" for="administratorId">
          Administrator (staff id)
        </label>
        <span class="usa-hint" id="administratorId-hint">
          For example stf-administrator
        </span>
        <input
          class="usa-input"
          id="administratorId"
          name="administratorId"
          required
          aria-describedby="administratorId-hint"
        />
        <StaffSearch target="backupAdministratorId" label="Find the back-up administrator by name or email" />
        <label class="usa-label" for="backupAdministratorId">
          Back-up administrator (staff id)
        </label>
        <input class="usa-input" id="backupAdministratorId" name="backupAdministratorId" required />
        <button type="submit" class="usa-button margin-top-3" disabled={busy}>
          Send the request
        </button>
      </form>
    </Page>
  );
}
