/**
 * The administrator's rotation task (TN-09), where the task email links: reveal the pending password, set
 * it on the platform, confirm. Until the confirmation the old password stays current.
 */
import { useState } from 'preact/hooks';
import { type Answer, api, errorText } from '../api.ts';
import { Alert, Page } from '../layout.tsx';
import { useReveal } from './account.tsx';
import { RevealedSecret } from './secret.tsx';

/** The rotation page. */
export function RotationPage(props: { accountId: string; rotationId: string }) {
  const { credential, failure, hide, reveal } = useReveal(props.accountId, 'pending');
  const [confirmed, setConfirmed] = useState<Answer<{ status: string }>>();
  const confirm = async () =>
    setConfirmed(
      await api<{ status: string }>('POST', `/accounts/${props.accountId}/rotations/${props.rotationId}/confirm`),
    );
  return (
    <Page title="Change the password">
      <p>
        Account <a href={`/console/accounts/${props.accountId}`}>{props.accountId}</a>.
      </p>
      <ol class="usa-process-list">
        <li class="usa-process-list__item">
          <h2 class="usa-process-list__heading">Reveal the new password</h2>
          {credential ? (
            <RevealedSecret credential={credential} onHide={hide} />
          ) : (
            <button type="button" class="usa-button margin-top-1" onClick={() => void reveal()}>
              Reveal new password
            </button>
          )}
          {failure && <Alert type="error">{failure}</Alert>}
        </li>
        <li class="usa-process-list__item">
          <h2 class="usa-process-list__heading">Set it on the platform</h2>
          <p>Sign in with the current password and change it to the new one.</p>
        </li>
        <li class="usa-process-list__item">
          <h2 class="usa-process-list__heading">Confirm</h2>
          <p>Until you confirm, the old password stays current, so nobody is locked out.</p>
          {confirmed?.status === 200 ? (
            <Alert type="success">Rotation confirmed: the new password is now current ({confirmed.body.status}).</Alert>
          ) : (
            <button type="button" class="usa-button margin-top-1" onClick={() => void confirm()}>
              Confirm rotation
            </button>
          )}
          {confirmed && confirmed.status !== 200 && <Alert type="error">{errorText(confirmed)}</Alert>}
        </li>
      </ol>
    </Page>
  );
}
