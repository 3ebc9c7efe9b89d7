/**
 * The frame of every page the system serves (decision pages, refusals, the status page): the U.S. Web
 * Design System's stylesheet from the console's site on the same origin (issue 18.6), and a small inline
 * stylesheet (allowed by its hash) that keeps the page readable where that one is not served. No script.
 */
import { createHash } from 'node:crypto';
import { html, raw, type SafeHtml } from './html.ts';

const styles = `body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
dt{font-weight:600}
textarea{width:100%;min-height:5rem}
button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem;cursor:pointer}
.approve{background:#1a7f37;color:#fff;border:0}
.reject{background:#b42318;color:#fff;border:0}
.notice{padding:.8rem;border-left:4px solid #888;background:#f4f4f4}
pre{white-space:pre-wrap;background:#f7f7f7;padding:.6rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}
.n{text-align:right}
.failing{color:#b42318}
.attention{color:#9a6700}
.healthy{color:#1a7f37}`;

/** Where the console's site serves USWDS's stylesheet, on the API's own origin. */
export const uswdsStylesheet = '/console/uswds/css/uswds.min.css';

/** A complete page with the system's styling: USWDS, a header, a main landmark with a skip link to it. */
export const page = (title: string, body: SafeHtml): string =>
  html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width,initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <title>${title}</title>
    <link rel="stylesheet" href="${uswdsStylesheet}">
    <style>${raw(styles)}</style>
  </head>
  <body>
    <a class="usa-skipnav" href="#main-content">Skip to main content</a>
    <header class="usa-header usa-header--basic">
      <div class="usa-nav-container"><div class="usa-logo"><em class="usa-logo__text">Official accounts</em></div></div>
    </header>
    <main id="main-content" class="grid-container usa-prose padding-bottom-4">${body}
    </main>
  </body>
</html>`.value;

/** The page CSP's style source: a hash of the inline stylesheet, so no 'unsafe-inline' is needed. */
export const pageStyleSource = `'sha256-${createHash('sha256').update(styles).digest('base64')}'`;
