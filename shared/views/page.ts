/**
 * The frame of every page the system serves (decision pages, refusals, the status page), with its
 * stylesheet inline because the page CSP allows no other source.
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

/** A complete page with the system's styling (inline: the CSP allows no other source). */
export const page = (title: string, body: SafeHtml): string =>
  html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width,initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <title>${title}</title>
    <style>${raw(styles)}</style>
  </head>
  <body>${body}
  </body>
</html>`.value;

/** The page CSP's style source: a hash of the inline stylesheet, so no 'unsafe-inline' is needed. */
export const pageStyleSource = `'sha256-${createHash('sha256').update(styles).digest('base64')}'`;
