/** Who may use an account (TN-07, NJ-09): a director grants access, with an end date, and revokes it. */
import { useEffect, useState } from 'preact/hooks';
import { type Answer, api, errorText } from '../api.ts';
import { Alert } from '../layout.tsx';
import { day, untilEndOf, when, zoneName } from '../time.ts';
import { StaffSearch } from './staff-search.tsx';

interface Grant {
  staffId: string;
  office: string;
  grantedBy: string;
  grantedAt: string;
  expiresAt?: string;
  active: boolean;
}

/** The grants of an account, with the grant form and revoke buttons for a director. */
export function AccessSection(props: { accountId: string; canGrant: boolean; onChange: () => void }) {
  const [grants, setGrants] = useState<Answer<{ items: Grant[] }>>();
  const [message, setMessage] = useState<{ type: 'error' | 'success'; text: string }>();
  const base = `/accounts/${props.accountId}/grants`;
  const load = () => api<{ items: Grant[] }>('GET', base).then(setGrants);
  useEffect(() => {
    void load();
  }, [props.accountId]);
  const grant = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const staffId = (data.get('staffId') as string).trim();
    const until = data.get('expiresOn') as string;
    // A date ends at the end of that day in the agency's (the region's) zone, not the browser's (issue 19.4).
    const expiresAt = until ? untilEndOf(until) : undefined;
    const answer = await api('POST', base, { staffId, ...(expiresAt ? { expiresAt } : {}) });
    if (answer.status === 201) {
      setMessage({ type: 'success', text: `Access granted to ${staffId}.` });
      form.reset();
    } else setMessage({ type: 'error', text: errorText(answer) });
    await load();
    props.onChange();
  };
  const revoke = async (staffId: string) => {
    const answer = await api('DELETE', `${base}/${encodeURIComponent(staffId)}`);
    setMessage(
      answer.status === 204
        ? { type: 'success', text: `Access of ${staffId} revoked.` }
        : { type: 'error', text: errorText(answer) },
    );
    await load();
    props.onChange();
  };
  const items = grants?.status === 200 ? grants.body.items : [];
  return (
    <section aria-labelledby="access-heading">
      <h2 id="access-heading">Access</h2>
      {grants && grants.status !== 200 && <Alert type="error">{errorText(grants)}</Alert>}
      {message && <Alert type={message.type}>{message.text}</Alert>}
      {items.length === 0 ? (
        <p>Nobody holds a grant.</p>
      ) : (
        <table class="usa-table usa-table--borderless" id="grants">
          <caption class="usa-sr-only">Grants on this account</caption>
          <thead>
            <tr>
              <th scope="col">Staff</th>
              <th scope="col">Office</th>
              <th scope="col">Until</th>
              <th scope="col">In force</th>
              {props.canGrant && <th scope="col">Action</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((g) => (
              <tr key={g.staffId} data-staff={g.staffId}>
                <th scope="row">{g.staffId}</th>
                <td>{g.office}</td>
                <td>{g.expiresAt ? day(g.expiresAt) : 'no end date'}</td>
                <td>{g.active ? 'yes' : 'no'}</td>
                {props.canGrant && (
                  <td>
                    {g.active && (
                      <button
                        type="button"
                        class="usa-button usa-button--unstyled"
                        aria-label={`Revoke access of ${g.staffId}`}
                        onClick={() => void revoke(g.staffId)}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canGrant && (
        <form class="usa-form" onSubmit={(event) => void grant(event)}>
          <h3>Grant access</h3>
          <StaffSearch target="staffId" />
          <label class="usa-label" for="staffId">
            Staff id
          </label>
          <input class="usa-input" id="staffId" name="staffId" required />
          <label class="usa-label" for="expiresOn">
            Until{' '}
            <span class="usa-hint">
              (optional; to the end of that day, {zoneName()}; the policy may require an end date)
            </span>
          </label>
          <input class="usa-input" id="expiresOn" name="expiresOn" type="date" />
          <button type="submit" class="usa-button margin-top-2">
            Grant access
          </button>
        </form>
      )}
    </section>
  );
}

interface AuditEntry {
  action: string;
  actorId: string;
  at: string;
  details?: Record<string, unknown>;
}

/** The account's audit trail (CT-10): every reveal, grant and rotation, newest first, older pages on request. */
export function AuditSection(props: { accountId: string; refresh: number }) {
  type Page = { items: AuditEntry[]; nextCursor?: string };
  const [audit, setAudit] = useState<Answer<Page>>();
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string>();
  useEffect(() => {
    setOlder([]);
    void api<Page>('GET', `/accounts/${props.accountId}/audit`).then((answer) => {
      setAudit(answer);
      setCursor(answer.status === 200 ? answer.body.nextCursor : undefined);
    });
  }, [props.accountId, props.refresh]);
  const more = async () => {
    if (!cursor) return;
    const answer = await api<Page>('GET', `/accounts/${props.accountId}/audit?cursor=${encodeURIComponent(cursor)}`);
    if (answer.status !== 200) return setAudit(answer);
    setOlder((shown) => [...shown, ...answer.body.items]);
    setCursor(answer.body.nextCursor);
  };
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit trail</h2>
      {audit && audit.status !== 200 && <Alert type="error">{errorText(audit)}</Alert>}
      {audit?.status === 200 && (
        <table class="usa-table usa-table--borderless" id="audit">
          <caption class="usa-sr-only">Audit trail, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {[...audit.body.items, ...older].map((entry, index) => (
              <tr key={`${entry.at}-${index}`}>
                <td>{when(entry.at)}</td>
                <td>{entry.actorId}</td>
                <td>{entry.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" class="usa-button usa-button--outline" onClick={() => void more()}>
          Older entries
        </button>
      )}
    </section>
  );
}
