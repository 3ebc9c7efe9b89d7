/**
 * Finding a person by name or email for a form that needs their staff id (issue 18): a labelled search
 * with a results list, the USWDS pattern that works by keyboard and reads well in a screen reader.
 * Choosing a person fills the form's staff id field and moves focus there; the search asks the API
 * (GET /staff/lookup), which answers only the caller's region's present staff.
 */
import { useState } from 'preact/hooks';
import { api, errorText } from '../api.ts';

interface Person {
  staffId: string;
  name: string;
  email: string;
  office: string;
}

/** A search that fills the input `target` (its id) with the staff id of the person chosen. */
export function StaffSearch(props: { target: string; label?: string }) {
  const [people, setPeople] = useState<Person[]>();
  const [status, setStatus] = useState('');
  const id = `${props.target}-search`;
  const search = async () => {
    const q = (document.getElementById(id) as HTMLInputElement).value.trim();
    if (q.length < 2) {
      setPeople(undefined);
      setStatus('Type at least two letters of a name or email.');
      return;
    }
    const answer = await api<{ items: Person[] }>('GET', `/staff/lookup?${new URLSearchParams({ q })}`);
    if (answer.status !== 200) {
      setPeople(undefined);
      setStatus(errorText(answer));
      return;
    }
    setPeople(answer.body.items);
    setStatus(answer.body.items.length === 0 ? `Nobody found for “${q}”.` : `${answer.body.items.length} found.`);
  };
  const choose = (person: Person) => {
    const field = document.getElementById(props.target) as HTMLInputElement;
    field.value = person.staffId;
    field.focus();
    setPeople(undefined);
    setStatus(`${person.name} chosen: ${person.staffId}.`);
  };
  return (
    <div class="margin-bottom-1">
      <label class="usa-label" for={id}>
        {props.label ?? 'Find a person by name or email'}
      </label>
      <div class="display-flex">
        <input
          class="usa-input"
          id={id}
          type="search"
          autoComplete="off"
          onKeyDown={(event) => {
            // Enter searches; it must not submit the form this search sits in.
            if (event.key === 'Enter') {
              event.preventDefault();
              void search();
            }
          }}
        />
        <button
          type="button"
          class="usa-button usa-button--outline margin-left-1 margin-top-1"
          onClick={() => void search()}
        >
          Search
        </button>
      </div>
      <p class="usa-hint" aria-live="polite" id={`${id}-status`}>
        {status}
      </p>
      {people && people.length > 0 && (
        <ul class="usa-list usa-list--unstyled" id={`${id}-results`} aria-label="People found">
          {people.map((person) => (
            <li key={person.staffId} class="margin-bottom-1">
              <button type="button" class="usa-button usa-button--unstyled" onClick={() => choose(person)}>
                {person.name}
              </button>{' '}
              <span class="text-base">
                {person.email}, {person.office}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
