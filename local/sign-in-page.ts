/**
 * The local OpenID Provider's sign-in page: one button per persona, named by the persona's key first
 * (`administrator — Avery Administrator`) so a test or a person can pick one by name. No password: it
 * is local development, and which person signs in is the point of the page, not proving it.
 */
import type { SignInPerson } from './openid-provider.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The page to show: the persona list, or a short error with a way back. */
export type SignInView =
  | { kind: 'choose'; uid: string; people: SignInPerson[]; error?: string }
  | { kind: 'error'; message?: string }
  /** RP-initiated logout's confirmation; `form` is oidc-provider's hidden form (id `op.logoutForm`, its xsrf token). */
  | { kind: 'sign-out'; form: string };

/** Plain HTML: one h1, a main landmark, a labelled group of buttons; no script, no external styles. */
export function signInPage(view: SignInView): string {
  const body =
    view.kind === 'sign-out'
      ? [
          '<h1>Sign out of Official accounts?</h1>',
          view.form,
          '<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>',
          '<button type="submit" form="op.logoutForm">No, stay signed in</button>',
        ].join('\n')
      : view.kind === 'error'
        ? `<h1>Sign-in did not work</h1>\n<p>${escapeHtml(view.message ?? 'That request is not allowed.')}</p>\n` +
          '<p>Start again from the application you were signing in to.</p>'
        : [
            '<h1>Sign in to Official accounts</h1>',
            '<p>Local development: choose who to sign in as. There is no password.</p>',
            view.error ? `<p role="alert">${escapeHtml(view.error)}</p>` : '',
            `<form method="post" action="/interaction/${escapeHtml(view.uid)}/login">`,
            '<fieldset>',
            '<legend>Personas</legend>',
            '<ul>',
            ...view.people.map(
              (person) =>
                `<li><button type="submit" name="persona" value="${escapeHtml(person.key)}">` +
                `${escapeHtml(person.key)} — ${escapeHtml(person.name)}</button></li>`,
            ),
            '</ul>',
            '</fieldset>',
            '</form>',
          ]
            .filter(Boolean)
            .join('\n');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Sign in — Official accounts (local)</title>',
    '</head>',
    '<body>',
    '<main>',
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
