/** Home: what needs the signed-in person, from the routes they may call. */
import { useEffect, useState } from 'preact/hooks';
import { type Answer, api, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import { hasRole, type Me } from '../me.ts';
import type { Account } from './account.tsx';

/** Roles that see their region's accounts (GET /accounts). */
const accountReaders = ['director', 'designee', 'administrator', 'supervisor', 'staff', 'operations'];

/** The home page. */
export function Home(props: { me: Me }) {
  const { me } = props;
  const [accounts, setAccounts] = useState<Answer<{ items: Account[] }>>();
  useEffect(() => {
    if (hasRole(me, ...accountReaders)) void api<{ items: Account[] }>('GET', '/accounts').then(setAccounts);
  }, [me]);
  const items = accounts?.status === 200 ? accounts.body.items : [];
  const administered = items.filter((a) => [a.administratorId, a.backupAdministratorId].includes(me.caller.id));
  const dueSoon = administered.filter((a) => Date.parse(a.nextRotationDue) - Date.now() < 14 * 24 * 3600 * 1000);
  return (
    <Page title="What needs me">
      <p class="usa-intro">
        {me.staff?.name ?? me.caller.id}, {me.caller.roles.join(', ')}
        {me.caller.region ? ` in ${me.caller.region}` : ''}.
      </p>
      {accounts && accounts.status !== 200 && <Alert type="error">{errorText(accounts)}</Alert>}
      {hasRole(me, 'director', 'designee') && (
        <p>
          <a class="usa-button" href="/console/requests/new">
            Request an account
          </a>
        </p>
      )}
      {hasRole(me, 'administrator') && (
        <section aria-labelledby="rotations-heading">
          <h2 id="rotations-heading">Password changes due within 14 days</h2>
          {dueSoon.length === 0 ? (
            <p>None of your accounts is due.</p>
          ) : (
            <ul class="usa-list">
              {dueSoon.map((a) => (
                <li key={a.accountId}>
                  <a href={`/console/accounts/${a.accountId}`}>{a.displayName ?? a.accountId}</a>
                  {` (${a.platform}), due ${new Date(a.nextRotationDue).toLocaleDateString()}`}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {hasRole(me, ...accountReaders) && (
        <section aria-labelledby="accounts-heading">
          <h2 id="accounts-heading">Accounts of your region</h2>
          {!accounts ? (
            <p>Loading…</p>
          ) : items.length === 0 ? (
            <p>No official account yet.</p>
          ) : (
            <table class="usa-table usa-table--borderless">
              <caption class="usa-sr-only">Official accounts of your region</caption>
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Platform</th>
                  <th scope="col">Status</th>
                  <th scope="col">Next password change</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.accountId}>
                    <th scope="row">
                      <a href={`/console/accounts/${a.accountId}`}>{a.displayName ?? a.accountId}</a>
                    </th>
                    <td>{a.platform}</td>
                    <td>{a.status}</td>
                    <td>{new Date(a.nextRotationDue).toLocaleDateString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </Page>
  );
}
