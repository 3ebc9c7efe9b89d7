/**
 * A revealed login on screen: the password as text, a copy button, the current 2FA code computed from the
 * stored TOTP secret (RFC 6238, otpauth), all removed from the DOM after 30 seconds.
 */
import * as OTPAuth from 'otpauth';
import { useEffect, useState } from 'preact/hooks';

/** The API's credential view (GET /accounts/{id}/credential). */
export interface Credential {
  username: string;
  password: string;
  versionId: string;
  stage: 'current' | 'pending';
  twoFactorSecret?: string;
}

/** How long a revealed password stays on screen. */
export const revealSeconds = 30;

const twoFactorCode = (secret: string) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s+/g, '').toUpperCase()) }).generate();

/** Shows `credential` for 30 s, then calls `onHide` (the parent drops it, so nothing of it stays in the page). */
export function RevealedSecret(props: { credential: Credential; onHide: () => void }) {
  const { credential, onHide } = props;
  const [left, setLeft] = useState(revealSeconds);
  const [copied, setCopied] = useState(false);
  const [code, setCode] = useState(() => (credential.twoFactorSecret ? twoFactorCode(credential.twoFactorSecret) : ''));
  useEffect(() => {
    const started = Date.now();
    const tick = setInterval(() => {
      const remaining = revealSeconds - Math.floor((Date.now() - started) / 1000);
      if (remaining <= 0) onHide();
      else setLeft(remaining);
      if (credential.twoFactorSecret) setCode(twoFactorCode(credential.twoFactorSecret));
    }, 1000);
    return () => clearInterval(tick);
  }, [credential, onHide]);
  return (
    <div class="usa-summary-box margin-y-2" id="revealed">
      <div class="usa-summary-box__body">
        <h3 class="usa-summary-box__heading">
          {credential.stage === 'pending' ? 'New password to set on the platform' : 'Login'}
        </h3>
        <dl>
          <dt>Username</dt>
          <dd class="oa-secret" data-testid="username">
            {credential.username}
          </dd>
          <dt>Password</dt>
          <dd class="oa-secret" data-testid="password">
            {credential.password}
          </dd>
          {code && (
            <>
              <dt>Current 2FA code</dt>
              <dd class="oa-secret" data-testid="totp">
                {code}
              </dd>
            </>
          )}
        </dl>
        <div class="usa-button-group">
          <button
            type="button"
            class="usa-button usa-button--outline"
            onClick={() => void navigator.clipboard.writeText(credential.password).then(() => setCopied(true))}
          >
            Copy password
          </button>
          <button type="button" class="usa-button usa-button--unstyled" onClick={onHide}>
            Hide now
          </button>
        </div>
        <p>Hidden again in {left} s.</p>
        <p role="status">{copied ? 'Password copied.' : ''}</p>
      </div>
    </div>
  );
}
