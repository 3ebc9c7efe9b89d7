/** The USWDS frame of every page: banner, header with the agency's name, navigation, main landmark, identifier. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { signOut } from './auth.ts';
import type { Me } from './me.ts';
import { hasNavigated } from './router.ts';

/**
 * One page: sets the document title and, after an in-console navigation, moves focus to the heading so a
 * screen reader announces the new page (a fresh load leaves focus where the browser puts it: the skip link first).
 */
export function Page(props: { title: string; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} — Official accounts`;
    if (hasNavigated()) heading.current?.focus();
  }, [props.title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {props.title}
      </h1>
      {props.children}
    </>
  );
}

/** The frame; `me` is absent before sign-in completes. */
export function Layout(props: { me?: Me; children: ComponentChildren }) {
  const agency = props.me?.agency ?? 'Official accounts';
  return (
    <>
      <section class="usa-banner" aria-label="Official website of the agency">
        <div class="usa-banner__header">
          <div class="usa-banner__inner">
            <p class="usa-banner__header-text">An official website of {agency}</p>
          </div>
        </div>
      </section>
      <header class="usa-header usa-header--basic">
        <div class="usa-nav-container">
          <div class="usa-navbar">
            <div class="usa-logo">
              <em class="usa-logo__text oa-logo">
                <a href="/console/" title="Official accounts home">
                  Official accounts
                </a>
              </em>
              <p class="margin-0 font-body-2xs">{agency}</p>
            </div>
          </div>
          {props.me && (
            <nav aria-label="Primary" class="padding-bottom-2">
              <ul class="usa-button-group">
                <li class="usa-button-group__item">
                  <a class="usa-button usa-button--outline" href="/console/">
                    Home
                  </a>
                </li>
                <li class="usa-button-group__item">
                  <span class="padding-x-1">Signed in as {props.me.staff?.name ?? props.me.caller.id}</span>
                </li>
                <li class="usa-button-group__item">
                  <button type="button" class="usa-button usa-button--secondary" onClick={() => void signOut()}>
                    Sign out
                  </button>
                </li>
              </ul>
            </nav>
          )}
        </div>
      </header>
      <main id="main-content" class="grid-container padding-bottom-4" tabIndex={-1}>
        {props.children}
      </main>
      <footer class="usa-identifier">
        <section class="usa-identifier__section usa-identifier__section--masthead" aria-label="Agency identifier">
          <div class="usa-identifier__container">
            <p class="usa-identifier__identity-disclaimer">
              Official accounts is a service of {agency}. Every reveal of a password is recorded.
            </p>
          </div>
        </section>
      </footer>
    </>
  );
}

/** A USWDS alert; `error` ones are announced at once. */
export function Alert(props: { type: 'error' | 'success' | 'info' | 'warning'; children: ComponentChildren }) {
  return (
    <div
      class={`usa-alert usa-alert--${props.type} usa-alert--slim`}
      role={props.type === 'error' ? 'alert' : 'status'}
    >
      <div class="usa-alert__body">
        <p class="usa-alert__text">{props.children}</p>
      </div>
    </div>
  );
}
