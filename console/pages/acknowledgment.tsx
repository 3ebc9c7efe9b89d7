/**
 * HR records that a person acknowledged the social media policy and was trained (CT-08, CT-09): no one
 * uses an account before this record exists; the answer names the terms acknowledged with their wording.
 */
import { useState } from 'preact/hooks';
import { api, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import { day } from '../time.ts';

interface Acknowledgment {
  staffId: string;
  acknowledgedAt: string;
  trainingCompletedAt: string;
  terms: Array<{ rule: string; wording: string }>;
  recordedBy: string;
}

const field = (form: HTMLFormElement, name: string) => ((new FormData(form).get(name) as string) ?? '').trim();
/** A date field's day as noon UTC (the day in any zone); today's as now, since the API refuses a time ahead. */
function noon(day: string): string {
  const at = Date.parse(`${day}T12:00:00.000Z`);
  const ahead = at - Date.now();
  return new Date(ahead > 0 && ahead < 86_400_000 ? Date.now() : at).toISOString();
}

/** The acknowledgment form and, once recorded, the terms the person acknowledged. */
export function AcknowledgmentPage() {
  const [recorded, setRecorded] = useState<Acknowledgment>();
  const [failure, setFailure] = useState<string>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const documentId = field(form, 'documentId');
    const answer = await api<Acknowledgment>(
      'POST',
      `/staff/${encodeURIComponent(field(form, 'staffId'))}/acknowledgments`,
      {
        acknowledgedAt: noon(field(form, 'acknowledgedOn')),
        trainingCompletedAt: noon(field(form, 'trainedOn')),
        ...(documentId ? { documentId } : {}),
      },
    );
    if (answer.status === 201) {
      setFailure(undefined);
      setRecorded(answer.body);
      form.reset();
    } else setFailure(errorText(answer));
  };
  return (
    <Page title="Record an acknowledgment">
      <p>
        Before someone uses an account, they acknowledge the social media policy and complete the training (CT-08,
        CT-09). Record both dates here; neither may be ahead of today.
      </p>
      {failure && <Alert type="error">{failure}</Alert>}
      {recorded && (
        <section aria-labelledby="recorded-heading" id="acknowledgment">
          <Alert type="success">
            Acknowledgment of {recorded.staffId} recorded (trained {day(recorded.trainingCompletedAt)}).
          </Alert>
          <h2 id="recorded-heading">Terms acknowledged</h2>
          {recorded.terms.length === 0 && <p>The profile names no terms beyond the policy itself.</p>}
          <ul class="usa-list">
            {recorded.terms.map((term) => (
              <li key={term.rule}>
                <strong>{term.rule}</strong>: {term.wording}
              </li>
            ))}
          </ul>
        </section>
      )}
      <form class="usa-form usa-form--large" onSubmit={(event) => void submit(event)}>
        <label class="usa-label" for="staffId">
          Staff id
        </label>
        <input class="usa-input" id="staffId" name="staffId" required />
        <label class="usa-label" for="acknowledgedOn">
          Policy acknowledged on
        </label>
        <input class="usa-input" id="acknowledgedOn" name="acknowledgedOn" type="date" required />
        <label class="usa-label" for="trainedOn">
          Training completed on
        </label>
        <input class="usa-input" id="trainedOn" name="trainedOn" type="date" required />
        <label class="usa-label" for="documentId">
          Signed document reference <span class="usa-hint">(optional)</span>
        </label>
        <input class="usa-input" id="documentId" name="documentId" maxLength={200} />
        <button type="submit" class="usa-button margin-top-2">
          Record the acknowledgment
        </button>
      </form>
    </Page>
  );
}
