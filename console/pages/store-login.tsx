/**
 * The designated or back-up administrator stores an account's first login (TN-05); later changes go
 * through rotation (TN-09). The form's values go to the API and the form is cleared: nothing stays on the page.
 */
import { useState } from 'preact/hooks';
import { api, errorText } from '../api.ts';
import { Alert } from '../layout.tsx';

/** The "Store the first login" form of an account page. */
export function StoreLogin(props: { accountId: string; onStored: () => void }) {
  const [message, setMessage] = useState<{ type: 'error' | 'success'; text: string }>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const twoFactorSecret = (data.get('twoFactorSecret') as string).trim();
    const answer = await api('PUT', `/accounts/${props.accountId}/credential`, {
      username: (data.get('username') as string).trim(),
      password: data.get('password'),
      ...(twoFactorSecret ? { twoFactorSecret } : {}),
    });
    form.reset();
    if (answer.status === 201) {
      setMessage({ type: 'success', text: 'The first login is stored; the rotation schedule is on.' });
      props.onStored();
    } else setMessage({ type: 'error', text: errorText(answer) });
  };
  return (
    <details class="margin-top-3" id="store-login">
      <summary class="text-bold">Store the first login</summary>
      <p>Only once, by the designated or back-up administrator; later changes go through a password change.</p>
      {message && <Alert type={message.type}>{message.text}</Alert>}
      <form class="usa-form" autocomplete="off" onSubmit={(event) => void submit(event)}>
        <label class="usa-label" for="username">
          Username
        </label>
        <input class="usa-input" id="username" name="username" required maxLength={256} />
        <label class="usa-label" for="password">
          Password
        </label>
        <input
          class="usa-input"
          id="password"
          name="password"
          type="password"
          required
          minLength={12}
          maxLength={512}
          autocomplete="new-password"
        />
        <label class="usa-label" for="twoFactorSecret">
          2FA (TOTP) secret <span class="usa-hint">(optional)</span>
        </label>
        <input class="usa-input" id="twoFactorSecret" name="twoFactorSecret" maxLength={512} autocomplete="off" />
        <button type="submit" class="usa-button margin-top-2">
          Store the login
        </button>
      </form>
    </details>
  );
}
