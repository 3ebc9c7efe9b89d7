/**
 * Records requests (CT-06): contact records by case, account or worker (supervisors read them, DC-09),
 * exported as NDJSON or CSV with the request reference kept in the audit entry, and the other records of
 * an account, account request or post suggestion. Exports download through the API with the bearer token
 * in the header, never in a URL.
 */
import { useState } from 'preact/hooks';
import { type Answer, api, download, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import { hasRole, type Me } from '../me.ts';
import { when } from '../time.ts';

interface Contact {
  contactId: string;
  caseId: string;
  accountId: string;
  workerId: string;
  channel: string;
  purpose: string;
  occurredAt: string;
  summary?: string;
}

interface OwedTranscript {
  contactId: string;
  accountId: string;
  workerId: string;
  occurredAt: string;
  remindedAt?: string;
}

const subjects = { caseId: 'Case', accountId: 'Account', workerId: 'Worker' } as const;
const recordSubjects = { accountId: 'Account', requestId: 'Account request', suggestionId: 'Post suggestion' } as const;
const field = (form: HTMLFormElement, name: string) => ((new FormData(form).get(name) as string) ?? '').trim();

/** The query of a form: its subject kind and id, the request reference if given, and `extra`. */
function query(form: HTMLFormElement, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ [field(form, 'kind')]: field(form, 'subject'), ...extra });
  const reference = field(form, 'reference');
  if (reference) params.set('requestReference', reference);
  return params.toString();
}

/** The subject picker shared by the forms: which kind of id, and the id. */
function Subject(props: { prefix: string; kinds: Record<string, string>; value?: string | undefined }) {
  return (
    <>
      <label class="usa-label" for={`${props.prefix}-kind`}>
        Records of
      </label>
      <select class="usa-select" id={`${props.prefix}-kind`} name="kind">
        {Object.entries(props.kinds).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <label class="usa-label" for={`${props.prefix}-subject`}>
        Id
      </label>
      <input class="usa-input" id={`${props.prefix}-subject`} name="subject" required defaultValue={props.value} />
    </>
  );
}

/** The request reference, kept in the export's audit entry. */
function Reference(props: { prefix: string }) {
  return (
    <>
      <label class="usa-label" for={`${props.prefix}-reference`}>
        Request reference <span class="usa-hint">(e.g. FOIA-2026-0193)</span>
      </label>
      <input class="usa-input" id={`${props.prefix}-reference`} name="reference" maxLength={200} />
    </>
  );
}

/** Contact records, a page of them (supervisors). */
function ContactList() {
  const [page, setPage] = useState<Answer<{ items: Contact[]; nextCursor: string | null }>>();
  const [owed, setOwed] = useState<Answer<{ items: OwedTranscript[] }>>();
  const read = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    setPage(await api('GET', `/contacts?${query(form, { limit: '100' })}`));
    // TN-12: a case's finished conversations still owing their transcript.
    setOwed(
      field(form, 'kind') === 'caseId'
        ? await api('GET', `/contacts/transcripts-owed?caseId=${encodeURIComponent(field(form, 'subject'))}`)
        : undefined,
    );
  };
  return (
    <section aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">Contact records</h2>
      <form class="usa-form" onSubmit={(event) => void read(event)}>
        {/* Home links a case whose transcripts are owed here (`?case=`), TN-12. */}
        <Subject prefix="list" kinds={subjects} value={new URLSearchParams(location.search).get('case') ?? undefined} />
        <button type="submit" class="usa-button usa-button--outline margin-top-2">
          Show the records
        </button>
      </form>
      {page && page.status !== 200 && <Alert type="error">{errorText(page)}</Alert>}
      {page?.status === 200 &&
        (page.body.items.length === 0 ? (
          <p id="contacts">No contact record.</p>
        ) : (
          <table class="usa-table usa-table--borderless" id="contacts">
            <caption>
              {page.body.items.length} record(s), oldest first{page.body.nextCursor ? '; more remain' : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th scope="col">When</th>
                <th scope="col">Case</th>
                <th scope="col">Worker</th>
                <th scope="col">Channel</th>
                <th scope="col">Summary</th>
              </tr>
            </thead>
            <tbody>
              {page.body.items.map((c) => (
                <tr key={c.contactId}>
                  <th scope="row">{c.contactId}</th>
                  <td>{when(c.occurredAt)}</td>
                  <td>{c.caseId}</td>
                  <td>{c.workerId}</td>
                  <td>{c.channel}</td>
                  <td>{c.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {owed && owed.status !== 200 && <Alert type="error">{errorText(owed)}</Alert>}
      {owed?.status === 200 && (
        <div id="transcripts-owed">
          <h3>Transcripts owed ({owed.body.items.length})</h3>
          {owed.body.items.length === 0 ? (
            <p>The case owes no transcript.</p>
          ) : (
            <ul class="usa-list">
              {owed.body.items.map((t) => (
                <li key={t.contactId}>
                  {t.contactId}: {t.workerId}'s conversation of {when(t.occurredAt)} on {t.accountId} (TN-12)
                  {t.remindedAt ? `, reminded ${when(t.remindedAt)}` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

/** The formats an export offers: NDJSON always, CSV where the records are flat, the signed bundle (issue 21.4). */
const formatChoices = { ndjson: 'NDJSON (one record per line)', csv: 'CSV (a spreadsheet)', bundle: 'Signed bundle' };
const extensions = { ndjson: 'ndjson', csv: 'csv', bundle: 'bundle.json' } as const;
type Format = keyof typeof formatChoices;

/** An export form: the subject, the format where there is a choice, the reference; the file downloads. */
function Export(props: {
  prefix: string;
  title: string;
  path: string;
  kinds: Record<string, string>;
  formats: readonly Format[];
}) {
  const [message, setMessage] = useState<{ type: 'error' | 'success'; text: string }>();
  const choice = props.formats.length > 1;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const format = (choice ? field(form, 'format') : 'ndjson') as Format;
    const name = `${field(form, 'subject')}.${extensions[format] ?? 'ndjson'}`;
    const answer = await download(`${props.path}?${query(form, choice ? { format } : {})}`, name);
    setMessage(
      answer.status === 200
        ? { type: 'success', text: `Exported to ${name}; the export is recorded in the audit trail.` }
        : { type: 'error', text: answer.error ?? `The API answered ${answer.status}.` },
    );
  };
  return (
    <section aria-labelledby={`${props.prefix}-heading`}>
      <h2 id={`${props.prefix}-heading`}>{props.title}</h2>
      {message && <Alert type={message.type}>{message.text}</Alert>}
      <form class="usa-form" onSubmit={(event) => void submit(event)}>
        <Subject prefix={props.prefix} kinds={props.kinds} />
        {choice && (
          <>
            <label class="usa-label" for={`${props.prefix}-format`}>
              Format
            </label>
            {props.formats.includes('bundle') && (
              <div class="usa-hint" id={`${props.prefix}-format-hint`}>
                A signed bundle is made of one account: its records, its audit trail and the signatures that let anyone
                check it offline with npm run verify-audit -- --bundle.
              </div>
            )}
            <select
              class="usa-select"
              id={`${props.prefix}-format`}
              name="format"
              aria-describedby={props.formats.includes('bundle') ? `${props.prefix}-format-hint` : undefined}
            >
              {props.formats.map((format) => (
                <option key={format} value={format}>
                  {formatChoices[format]}
                </option>
              ))}
            </select>
          </>
        )}
        <Reference prefix={props.prefix} />
        <button type="submit" class="usa-button margin-top-2">
          {props.title}
        </button>
      </form>
    </section>
  );
}

/** The records page: what each role may read or export. */
export function RecordsPage(props: { me: Me }) {
  const { me } = props;
  return (
    <Page title="Records requests">
      <p>
        Every export is recorded with who asked, what and the request reference (CT-06). Files download from the API;
        keep them where the request's records are kept.
      </p>
      {hasRole(me, 'supervisor', 'case-system') && <ContactList />}
      {hasRole(me, 'operations', 'case-system', 'records-officer', 'legal') && (
        <Export
          prefix="contacts"
          title="Export contact records"
          path="/contacts/export"
          kinds={subjects}
          formats={['ndjson', 'csv', 'bundle']}
        />
      )}
      {hasRole(me, 'operations', 'records-officer', 'legal') && (
        <Export
          prefix="records"
          title="Export other records"
          path="/records/export"
          kinds={recordSubjects}
          formats={['ndjson', 'bundle']}
        />
      )}
    </Page>
  );
}
