/** Home: what needs the signed-in person (GET /me/work), and the accounts of their region. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Answer, api, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import { hasRole, type Me } from '../me.ts';
import type { Account } from './account.tsx';
import { day } from '../time.ts';

/** Roles that see their region's accounts (GET /accounts). */
const accountReaders = ['director', 'designee', 'administrator', 'supervisor', 'staff', 'operations'];

interface MyWork {
  decisions: Array<{ kind: string; subjectId: string; role: string; expiresAt: string }>;
  rotations: Array<{ accountId: string; rotationId: string; reason: string; dueAt: string }>;
  incidents: Array<{ incidentId: string; accountId: string; type: string; reportedAt: string }>;
  departures: Array<{ departureId: string; staffId: string; standing: string; departedAt: string }>;
  requests: Array<{ requestId: string; platform: string; status: string; createdAt: string }>;
  transcripts: Array<{ contactId: string; caseId: string; workerId: string; occurredAt: string }>;
}

/** One kind of work: a heading, and a list or the words for nothing waiting. */
function WorkList(props: { id: string; title: string; empty: string; count: number; children: ComponentChildren }) {
  return (
    <section aria-labelledby={props.id} class="margin-bottom-3" data-work={props.id}>
      <h2 id={props.id}>
        {props.title} ({props.count})
      </h2>
      {props.count === 0 ? <p>{props.empty}</p> : <ul class="usa-list">{props.children}</ul>}
    </section>
  );
}

/** What each person can start from home, by role: one list, so every link is shown the same way. */
const actions: { href: string; label: string; primary?: boolean; shown: (me: Me) => boolean }[] = [
  {
    href: '/console/requests/new',
    label: 'Request an account',
    primary: true,
    shown: (me) => hasRole(me, 'director', 'designee'),
  },
  { href: '/console/operations', label: 'Operations status', shown: (me) => hasRole(me, 'operations') },
  {
    href: '/console/holds',
    label: 'Litigation holds',
    shown: (me) => hasRole(me, 'operations', 'director', 'records-officer', 'legal'),
  },
  {
    href: '/console/records',
    label: 'Records requests',
    shown: (me) => hasRole(me, 'operations', 'records-officer', 'legal', 'supervisor'),
  },
  { href: '/console/suggestions', label: 'Post suggestions', shown: (me) => me.profile === 'mo-dss' },
  { href: '/console/oversight', label: 'Oversight', shown: (me) => hasRole(me, 'oversight') },
  { href: '/console/acknowledgments', label: 'Record an acknowledgment', shown: (me) => hasRole(me, 'hr') },
  { href: '/console/departures/new', label: 'Report a departure', shown: (me) => hasRole(me, 'hr', 'director') },
];

/** The home page. */
export function Home(props: { me: Me }) {
  const { me } = props;
  const [work, setWork] = useState<Answer<MyWork>>();
  const [accounts, setAccounts] = useState<Answer<{ items: Account[] }>>();
  useEffect(() => {
    void api<MyWork>('GET', '/me/work').then(setWork);
    if (hasRole(me, ...accountReaders)) void api<{ items: Account[] }>('GET', '/accounts').then(setAccounts);
  }, [me]);
  const items = accounts?.status === 200 ? accounts.body.items : [];
  const w = work?.status === 200 ? work.body : undefined;
  return (
    <Page title="What needs me">
      <p class="usa-intro">
        {me.staff?.name ?? me.caller.id}, {me.caller.roles.join(', ')}
        {me.caller.region ? ` in ${me.caller.region}` : ''}.
      </p>
      {work && work.status !== 200 && <Alert type="error">{errorText(work)}</Alert>}
      {accounts && accounts.status !== 200 && <Alert type="error">{errorText(accounts)}</Alert>}
      <ul class="usa-button-group margin-bottom-2">
        {actions
          .filter((action) => action.shown(me))
          .map((action) => (
            <li class="usa-button-group__item" key={action.href}>
              <a class={action.primary ? 'usa-button' : 'usa-button usa-button--outline'} href={action.href}>
                {action.label}
              </a>
            </li>
          ))}
      </ul>
      {!w ? (
        <p>Loading…</p>
      ) : (
        <>
          <WorkList
            id="decisions"
            title="Decisions waiting"
            empty="No decision waits for you."
            count={w.decisions.length}
          >
            {w.decisions.map((d) => (
              <li key={`${d.kind}-${d.subjectId}`}>
                {d.kind === 'account-request' ? (
                  <a href={`/console/requests/${d.subjectId}`}>Account request {d.subjectId}</a>
                ) : d.kind === 'post-suggestion' ? (
                  <a href={`/console/suggestions/${d.subjectId}`}>Post suggestion {d.subjectId}</a>
                ) : (
                  `${d.kind} ${d.subjectId}`
                )}
                {` as ${d.role}: decide from the link in your email by ${day(d.expiresAt)}`}
              </li>
            ))}
          </WorkList>
          {hasRole(me, 'administrator') && (
            <WorkList
              id="rotations"
              title="Password changes assigned to you"
              empty="No password change waits for you."
              count={w.rotations.length}
            >
              {w.rotations.map((r) => (
                <li key={r.rotationId}>
                  <a href={`/console/accounts/${r.accountId}/rotations/${r.rotationId}/confirm`}>
                    Change the password of {r.accountId}
                  </a>
                  {` (${r.reason}), due ${day(r.dueAt)}`}
                </li>
              ))}
            </WorkList>
          )}
          {hasRole(me, 'staff', 'administrator', 'director', 'supervisor') && (
            <WorkList
              id="incidents"
              title="Incidents awaiting a hotline reference"
              empty="No incident of your region waits for a hotline reference."
              count={w.incidents.length}
            >
              {w.incidents.map((i) => (
                <li key={i.incidentId}>
                  <a href={`/console/incidents/${i.incidentId}`}>{i.incidentId}</a>
                  {`: ${i.type} on ${i.accountId}, reported ${day(i.reportedAt)}`}
                </li>
              ))}
            </WorkList>
          )}
          {hasRole(me, 'hr', 'it-director', 'operations') && (
            <WorkList
              id="departures"
              title="Departures awaiting email removal"
              empty="No departure waits for email removal."
              count={w.departures.length}
            >
              {w.departures.map((d) => (
                <li key={d.departureId}>
                  <a href={`/console/departures/${d.departureId}`}>{d.staffId}</a>
                  {` left ${day(d.departedAt)} (${d.standing} standing)`}
                </li>
              ))}
            </WorkList>
          )}
          {hasRole(me, 'supervisor') && (
            <WorkList
              id="transcripts"
              title="Transcripts owed by your workers"
              empty="Your workers owe no transcript."
              count={w.transcripts.length}
            >
              {w.transcripts.map((t) => (
                <li key={t.contactId}>
                  {`${t.contactId}: case ${t.caseId}, ${t.workerId}, conversation of ${day(t.occurredAt)} `}
                  <a href={`/console/records?case=${encodeURIComponent(t.caseId)}`}>Records of case {t.caseId}</a>
                </li>
              ))}
            </WorkList>
          )}
          {hasRole(me, 'director', 'designee') && (
            <WorkList
              id="requests"
              title="Your account requests"
              empty="You have no request."
              count={w.requests.length}
            >
              {w.requests.map((r) => (
                <li key={r.requestId}>
                  <a href={`/console/requests/${r.requestId}`}>{r.platform} account</a>
                  {`: ${r.status}, asked ${day(r.createdAt)}`}
                </li>
              ))}
            </WorkList>
          )}
        </>
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
                    <td>{day(a.nextRotationDue)}</td>
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
