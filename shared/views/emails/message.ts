/**
 * What every email shares: the shape the mailer sends and the frame around each body, in plain
 * text and HTML. Emails say what happened, to what, and link to the record; they never carry a
 * password, a task token or confidential case detail.
 */
import { html, type SafeHtml } from '../html.ts';

/** One email in both forms, so every mail client shows it and tests can read the plain text. */
export interface EmailMessage {
  /** For logs and metrics; never the content. */
  kind: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

const footer =
  'This message was sent by the official accounts system. Do not forward it: links in it work once, for you only.';

/** Frames an email: the same footer under both bodies, and the HTML in the house style. */
export function emailMessage(
  kind: string,
  to: string[],
  subject: string,
  lines: string[],
  body: SafeHtml,
): EmailMessage {
  return {
    kind,
    to,
    subject,
    text: [...lines, '', footer].join('\n'),
    html: html`<!doctype html>
<html>
  <body style="font:15px/1.5 sans-serif;max-width:36rem">${body}
    <p style="color:#666;font-size:13px">${footer}</p>
  </body>
</html>`.value,
  };
}
