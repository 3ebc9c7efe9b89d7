/**
 * An account request as the approval emails show it, the same facts in the text and the HTML body,
 * so every approver and the requester read the request alike.
 */
import { html, type SafeHtml } from '../html.ts';

/** The facts of a request an email repeats, with people already named (not ids). */
export interface RequestSummary {
  requestId: string;
  platform: string;
  purpose: string;
  regionName: string;
  displayName?: string;
  requesterName: string;
  administratorName: string;
  backupAdministratorName: string;
}

/** The request's facts, one per line of the plain text. */
export const summaryLines = (r: RequestSummary): string[] => [
  `Request: ${r.requestId}`,
  `Platform: ${r.platform}`,
  `Purpose: ${r.purpose}`,
  `Region: ${r.regionName}`,
  ...(r.displayName ? [`Account name: ${r.displayName}`] : []),
  `Requested by: ${r.requesterName}`,
  `Administrators: ${r.administratorName} (designated), ${r.backupAdministratorName} (back-up)`,
];

/** The same facts as a list in the HTML body. */
export const summaryHtml = (r: RequestSummary): SafeHtml => html`
    <ul>
      ${summaryLines(r).map((line) => html`<li>${line}</li>`)}
    </ul>`;
