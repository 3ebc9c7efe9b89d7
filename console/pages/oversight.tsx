/**
 * Oversight in the console (DC-01): a region's accounts with their status, each suspended with the
 * reason (no reveal, grant or contact on it) or reinstated. Works across regions, through GET /accounts
 * with the region named, as oversight reads them.
 */
import { useState } from 'preact/hooks';
import { type Answer, api, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import type { Account } from './account.tsx';

/** One account's suspension form: suspend when active, reinstate when suspended; the reason is required. */
function Suspension(props: { account: Account; onChange: (account: Account, text: string) => void }) {
  const [failure, setFailure] = useState<string>();
  const a = props.account;
  const suspended = a.status === 'suspended';
  const name = a.displayName ?? a.accountId;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const reason = ((new FormData(form).get('reason') as string) ?? '').trim();
    const answer = await api<Account>(suspended ? 'DELETE' : 'POST', `/accounts/${a.accountId}/suspension`, {
      reason,
    });
    if (answer.status === 200) {
      setFailure(undefined);
      form.reset();
      props.onChange(answer.body, `${name} ${answer.body.status === 'suspended' ? 'suspended' : 'reinstated'}.`);
    } else setFailure(errorText(answer));
  };
  if (a.status === 'retired') return null;
  return (
    <form onSubmit={(event) => void submit(event)}>
      {failure && <Alert type="error">{failure}</Alert>}
      <label class="usa-label margin-top-0" for={`reason-${a.accountId}`}>
        {suspended ? `Why ${name} is reinstated` : `Why ${name} is suspended`}
      </label>
      <textarea class="usa-textarea" id={`reason-${a.accountId}`} name="reason" required maxLength={2000} />
      <button type="submit" class={`usa-button margin-top-1${suspended ? '' : ' usa-button--secondary'}`}>
        {suspended ? `Reinstate ${name}` : `Suspend ${name}`}
      </button>
    </form>
  );
}

/** The oversight page. */
export function OversightPage() {
  const [region, setRegion] = useState<string>();
  const [accounts, setAccounts] = useState<Answer<{ items: Account[] }>>();
  const [done, setDone] = useState<string>();
  const read = async (event: SubmitEvent) => {
    event.preventDefault();
    const wanted = ((new FormData(event.currentTarget as HTMLFormElement).get('region') as string) ?? '').trim();
    setRegion(wanted);
    setDone(undefined);
    setAccounts(await api<{ items: Account[] }>('GET', `/accounts?region=${encodeURIComponent(wanted)}`));
  };
  const replace = (next: Account, text: string) => {
    setDone(text);
    setAccounts(
      (current) =>
        current && {
          ...current,
          body: { items: current.body.items.map((a) => (a.accountId === next.accountId ? next : a)) },
        },
    );
  };
  const items = accounts?.status === 200 ? accounts.body.items : [];
  return (
    <Page title="Oversight">
      <p>
        Suspending an account stops every reveal, grant and contact record on it until it is reinstated (DC-01). Both
        are recorded in the account's audit trail with your reason.
      </p>
      <form class="usa-form" onSubmit={(event) => void read(event)}>
        <label class="usa-label" for="region">
          Region
        </label>
        <input class="usa-input" id="region" name="region" required />
        <button type="submit" class="usa-button usa-button--outline margin-top-2">
          Show the accounts
        </button>
      </form>
      {accounts && accounts.status !== 200 && <Alert type="error">{errorText(accounts)}</Alert>}
      {done && <Alert type="success">{done}</Alert>}
      {accounts?.status === 200 &&
        (items.length === 0 ? (
          <p>No account in {region}.</p>
        ) : (
          <table class="usa-table usa-table--borderless" id="oversight-accounts">
            <caption>Accounts of {region}</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Platform</th>
                <th scope="col">Status</th>
                <th scope="col">Suspension</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.accountId} data-account={a.accountId} data-status={a.status}>
                  <th scope="row">{a.displayName ?? a.accountId}</th>
                  <td>{a.platform}</td>
                  <td>{a.status}</td>
                  <td>
                    <Suspension account={a} onChange={replace} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </Page>
  );
}
