/** One account request: where its approvals stand, the written record of decisions, and withdrawal. */
import { useEffect, useState } from 'preact/hooks';
import { type Answer, api, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import type { Me } from '../me.ts';
import { day, when } from '../time.ts';

interface RequestView {
  requestId: string;
  status: string;
  requesterId: string;
  platform: string;
  purpose: string;
  region: string;
  displayName?: string;
  expiresAt: string;
  approvers: Array<{ role: string; staffId: string; decision?: string }>;
  approvals: Array<{ role: string; approverId: string; decision: string; decidedAt: string; comment: string }>;
  accountId?: string;
  closedReason?: string;
}

/** The request page. */
export function RequestPage(props: { me: Me; requestId: string }) {
  const [request, setRequest] = useState<Answer<RequestView>>();
  const [failure, setFailure] = useState<string>();
  const load = () => api<RequestView>('GET', `/account-requests/${props.requestId}`).then(setRequest);
  useEffect(() => {
    void load();
  }, [props.requestId]);
  if (!request) return <Page title="Account request">Loading…</Page>;
  if (request.status !== 200)
    return (
      <Page title="Account request">
        <Alert type="error">{errorText(request)}</Alert>
      </Page>
    );
  const r = request.body;
  const withdraw = async (event: SubmitEvent) => {
    event.preventDefault();
    const reason = (new FormData(event.currentTarget as HTMLFormElement).get('reason') as string).trim();
    const answer = await api('POST', `/account-requests/${r.requestId}/withdraw`, reason ? { reason } : {});
    if (answer.status >= 300) setFailure(errorText(answer));
    else await load();
  };
  return (
    <Page title={`Account request: ${r.platform}`}>
      <p>
        Status:{' '}
        <span class="usa-tag" id="request-status" data-status={r.status}>
          {r.status}
        </span>
        {r.closedReason ? ` (${r.closedReason})` : ''}
      </p>
      <p>
        {r.purpose} account for {r.region}
        {r.displayName ? `, “${r.displayName}”` : ''}. Undecided requests expire on {day(r.expiresAt)}.
      </p>
      {r.accountId && (
        <p>
          The account: <a href={`/console/accounts/${r.accountId}`}>{r.accountId}</a>
        </p>
      )}
      <h2>Approvals</h2>
      <table class="usa-table usa-table--borderless">
        <caption class="usa-sr-only">Who must approve, and what they decided</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Approver</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {r.approvers.map((slot) => (
            <tr key={`${slot.role}-${slot.staffId}`}>
              <th scope="row">{slot.role}</th>
              <td>{slot.staffId}</td>
              <td>{slot.decision ?? 'waiting'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.approvals.length > 0 && (
        <>
          <h2>Written record</h2>
          <ul class="usa-list">
            {r.approvals.map((a) => (
              <li key={`${a.approverId}-${a.decidedAt}`}>
                {when(a.decidedAt)}: {a.approverId} ({a.role}) chose {a.decision}
                {a.comment ? `: “${a.comment}”` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.status === 'pending' && r.requesterId === props.me.caller.id && (
        <form class="usa-form" onSubmit={(event) => void withdraw(event)}>
          <h2>Withdraw</h2>
          <label class="usa-label" for="reason">
            Reason <span class="usa-hint">(optional)</span>
          </label>
          <input class="usa-input" id="reason" name="reason" maxLength={1000} />
          <button type="submit" class="usa-button usa-button--secondary margin-top-2">
            Withdraw the request
          </button>
        </form>
      )}
      {failure && <Alert type="error">{failure}</Alert>}
    </Page>
  );
}
