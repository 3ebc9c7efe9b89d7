/**
 * Missouri's post suggestions in the console (MO-01..MO-03): staff suggest a post with the two
 * attestations (MO-02), follow it on its page; Communications read their queue by status. Supervisors
 * and Communications decide from the emailed decision link, which home lists too.
 */
import { useEffect, useState } from 'preact/hooks';
import { type Answer, api, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import { hasRole, type Me } from '../me.ts';
import { navigate } from '../router.ts';
import { when } from '../time.ts';

interface Suggestion {
  suggestionId: string;
  submitterId: string;
  text: string;
  eventDate?: string;
  timeSensitive: boolean;
  status: string;
  submittedAt: string;
  history: Array<{ at: string; actorId: string; action: string; comment?: string }>;
}

const statuses = ['with-communications', 'with-supervisor', 'held', 'returned', 'approved', 'declined'];

/** The suggestion form. */
function SuggestForm() {
  const [failure, setFailure] = useState<string>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => ((data.get(name) as string) ?? '').trim();
    const answer = await api<{ suggestionId: string }>('POST', '/post-suggestions', {
      text: text('text'),
      ...(text('eventDate') ? { eventDate: text('eventDate') } : {}),
      timeSensitive: data.get('timeSensitive') === 'on',
      ...(text('visual') ? { visuals: [{ reference: text('visual') }] } : {}),
      attestations: {
        photoPermission: data.get('photoPermission') === 'on',
        confidentiality: data.get('confidentiality') === 'on',
      },
    });
    if (answer.status === 202) navigate(`/console/suggestions/${answer.body.suggestionId}`);
    else setFailure(errorText(answer));
  };
  const box = (name: string, label: string) => (
    <div class="usa-checkbox">
      <input class="usa-checkbox__input" id={name} name={name} type="checkbox" />
      <label class="usa-checkbox__label" for={name}>
        {label}
      </label>
    </div>
  );
  return (
    <section aria-labelledby="suggest-heading">
      <h2 id="suggest-heading">Suggest a post</h2>
      {failure && <Alert type="error">{failure}</Alert>}
      <form class="usa-form usa-form--large" onSubmit={(event) => void submit(event)}>
        <label class="usa-label" for="text">
          The post
        </label>
        <textarea class="usa-textarea" id="text" name="text" required maxLength={5000} />
        <label class="usa-label" for="eventDate">
          Event date <span class="usa-hint">(optional)</span>
        </label>
        <input class="usa-input" id="eventDate" name="eventDate" type="date" />
        <label class="usa-label" for="visual">
          Photo or graphic reference <span class="usa-hint">(a file name or document id, optional)</span>
        </label>
        <input class="usa-input" id="visual" name="visual" maxLength={300} />
        <fieldset class="usa-fieldset margin-top-2">
          <legend class="usa-legend">Before it goes to your supervisor (MO-02)</legend>
          {box('timeSensitive', 'It is time-sensitive')}
          {box('photoPermission', 'Everyone shown in the photos gave permission')}
          {box('confidentiality', 'Nothing in it identifies a child, family or case')}
        </fieldset>
        <button type="submit" class="usa-button margin-top-2">
          Send to my supervisor
        </button>
      </form>
    </section>
  );
}

/** The suggestions page: the form, and the person's suggestions or Communications' queue. */
export function SuggestionsPage(props: { me: Me }) {
  const communications = hasRole(props.me, 'communications');
  const [status, setStatus] = useState('with-communications');
  const [list, setList] = useState<Answer<{ items: Suggestion[] }>>();
  useEffect(() => {
    void api<{ items: Suggestion[] }>('GET', `/post-suggestions${communications ? `?status=${status}` : ''}`).then(
      setList,
    );
  }, [status, communications]);
  const items = list?.status === 200 ? list.body.items : [];
  return (
    <Page title="Post suggestions">
      {hasRole(props.me, 'staff', 'supervisor') && <SuggestForm />}
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{communications ? "Communications' queue" : 'Your suggestions'}</h2>
        {communications && (
          <>
            <label class="usa-label" for="queue-status">
              Status
            </label>
            <select
              class="usa-select"
              id="queue-status"
              value={status}
              onChange={(event) => setStatus((event.currentTarget as HTMLSelectElement).value)}
            >
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </>
        )}
        {list && list.status !== 200 && <Alert type="error">{errorText(list)}</Alert>}
        {items.length === 0 ? (
          <p>No suggestion.</p>
        ) : (
          <ul class="usa-list" id="suggestions">
            {items.map((s) => (
              <li key={s.suggestionId}>
                <a href={`/console/suggestions/${s.suggestionId}`}>{s.text.slice(0, 60)}</a>
                {` — ${s.status}, from ${s.submitterId}${s.timeSensitive ? ', time-sensitive' : ''}`}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

/** One suggestion: its status and history (the record the emails link to). */
export function SuggestionPage(props: { suggestionId: string }) {
  const [found, setFound] = useState<Answer<Suggestion>>();
  useEffect(() => {
    void api<Suggestion>('GET', `/post-suggestions/${props.suggestionId}`).then(setFound);
  }, [props.suggestionId]);
  if (!found) return <Page title="Post suggestion">Loading…</Page>;
  if (found.status !== 200)
    return (
      <Page title="Post suggestion">
        <Alert type="error">{errorText(found)}</Alert>
      </Page>
    );
  const s = found.body;
  return (
    <Page title="Post suggestion">
      <p>
        Status:{' '}
        <span class="usa-tag" id="suggestion-status" data-status={s.status}>
          {s.status}
        </span>{' '}
        (from {s.submitterId}, {when(s.submittedAt)}
        {s.eventDate ? `, for ${s.eventDate}` : ''}).
      </p>
      <blockquote class="bg-base-lightest padding-2">{s.text}</blockquote>
      <h2>History</h2>
      <ol class="usa-list" id="suggestion-history">
        {s.history.map((e) => (
          <li key={e.at + e.action}>
            {when(e.at)}: {e.action} by {e.actorId}
            {e.comment ? ` — ${e.comment}` : ''}
          </li>
        ))}
      </ol>
      <p>
        <a href="/console/suggestions">All suggestions</a>
      </p>
    </Page>
  );
}
