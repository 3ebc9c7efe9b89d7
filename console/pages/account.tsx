/** An account: its details and, for those the API lets, the "Reveal password" button (every reveal is audited). */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Answer, api, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import { hasRole, type Me } from '../me.ts';
import { AccessSection, AuditSection } from './access.tsx';
import { StoreLogin } from './store-login.tsx';
import { type Credential, RevealedSecret } from './secret.tsx';
import { when } from '../time.ts';

/** The API's account view (GET /accounts/{id}). */
export interface Account {
  accountId: string;
  status: string;
  platform: string;
  purpose: string;
  region: string;
  displayName?: string;
  aboutText: string;
  administratorId: string;
  backupAdministratorId: string;
  lastRotatedAt: string | null;
  nextRotationDue: string;
}

/** Reveals a version of the login and shows it for 30 s; used by the account and rotation pages. */
export function useReveal(accountId: string, version: 'current' | 'pending') {
  const [credential, setCredential] = useState<Credential>();
  const [failure, setFailure] = useState<string>();
  const hide = useCallback(() => setCredential(undefined), []);
  const reveal = async () => {
    setFailure(undefined);
    const answer = await api<Credential>('GET', `/accounts/${accountId}/credential?version=${version}`);
    if (answer.status === 200) setCredential(answer.body);
    else setFailure(errorText(answer));
  };
  return { credential, failure, hide, reveal };
}

/** The account page. */
export function AccountPage(props: { me: Me; accountId: string }) {
  const { me } = props;
  const [account, setAccount] = useState<Answer<Account>>();
  const { credential, failure, hide, reveal } = useReveal(props.accountId, 'current');
  // Bumped by every change on the page, so the audit trail shows it.
  const [changes, setChanges] = useState(0);
  const changed = useCallback(() => setChanges((n) => n + 1), []);
  useEffect(() => {
    void api<Account>('GET', `/accounts/${props.accountId}`).then(setAccount);
  }, [props.accountId]);
  if (!account) return <Page title="Account">Loading…</Page>;
  if (account.status !== 200)
    return (
      <Page title="Account">
        <Alert type="error">{errorText(account)}</Alert>
      </Page>
    );
  const a = account.body;
  return (
    <Page title={a.displayName ?? a.accountId}>
      <dl class="usa-list usa-list--unstyled">
        <dt class="text-bold">Platform</dt>
        <dd class="margin-left-0 margin-bottom-1">{a.platform}</dd>
        <dt class="text-bold">Purpose</dt>
        <dd class="margin-left-0 margin-bottom-1">{a.purpose}</dd>
        <dt class="text-bold">Status</dt>
        <dd class="margin-left-0 margin-bottom-1">{a.status}</dd>
        <dt class="text-bold">Next password change</dt>
        <dd class="margin-left-0 margin-bottom-1">{when(a.nextRotationDue)}</dd>
      </dl>
      <h2>Login</h2>
      <p>Revealing the password is recorded with your name and the time.</p>
      {credential ? (
        <RevealedSecret credential={credential} onHide={hide} />
      ) : (
        <button type="button" class="usa-button" onClick={() => void reveal()}>
          Reveal password
        </button>
      )}
      {failure && <Alert type="error">{failure}</Alert>}
      {[a.administratorId, a.backupAdministratorId].includes(me.caller.id) && !a.lastRotatedAt && !credential && (
        <StoreLogin accountId={a.accountId} onStored={changed} />
      )}
      {hasRole(me, 'staff', 'administrator', 'director', 'supervisor') && (
        <p>
          <a
            class="usa-button usa-button--outline margin-top-2"
            href={`/console/accounts/${a.accountId}/incidents/new`}
          >
            Report an incident
          </a>
        </p>
      )}
      {hasRole(me, 'director', 'supervisor', 'administrator', 'operations') && (
        <AccessSection accountId={a.accountId} canGrant={hasRole(me, 'director')} onChange={changed} />
      )}
      {hasRole(me, 'director', 'supervisor', 'operations') && (
        <AuditSection accountId={a.accountId} refresh={changes} />
      )}
    </Page>
  );
}
