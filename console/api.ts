/** The console's one way to the API: same origin, the bearer token from memory, one renewal on a 401. */
import { accessToken, renew, signIn } from './auth.ts';

/** An answer of the API: its status and parsed JSON body (the contract's error body on failure). */
export interface Answer<T> {
  status: number;
  body: T;
}

/** The contract's error body. */
export interface ApiError {
  error: { code: string; message: string; details?: Array<{ field: string; message: string }> };
}

/** Calls the API; a 401 renews the token once, then sends the person to sign in again. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const send = () =>
    fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${accessToken() ?? ''}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      cache: 'no-store',
    });
  let response = await send();
  if (response.status === 401 && (await renew())) response = await send();
  if (response.status === 401) {
    await signIn(location.pathname);
  }
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** The message of an error answer, with its rule id where the API gave one. */
export function errorText(answer: Answer<unknown>): string {
  const error = (answer.body as ApiError | null)?.error;
  if (!error) return `The API answered ${answer.status}.`;
  // A refusal under a policy rule carries the rule id as its code (e.g. TN-09): show it, people cite it.
  if (/^[A-Z]{2}-\d{2}$/.test(error.code)) return `${error.message} (${error.code})`;
  // A request the API found invalid: say which field and why, as a person can fix it in the form.
  const why = (error.details ?? []).map(
    (detail) => `${detail.field.replace(/^(query|body|path)\./, '')}: ${detail.message}`,
  );
  return why.length > 0 ? `${error.message} ${why.join('; ')}.` : error.message;
}

/**
 * Downloads an export: fetched with the bearer token in the header (never in the URL), saved from a Blob
 * under `filename`. Answers the status, and the error text when it failed.
 */
export async function download(path: string, filename: string): Promise<{ status: number; error?: string }> {
  const send = () => fetch(path, { headers: { authorization: `Bearer ${accessToken() ?? ''}` }, cache: 'no-store' });
  let response = await send();
  if (response.status === 401 && (await renew())) response = await send();
  if (response.status !== 200) {
    const text = await response.text();
    return {
      status: response.status,
      error: errorText({ status: response.status, body: text ? JSON.parse(text) : null }),
    };
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the file once the click is handled; keep the Blob no longer than that.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return { status: 200 };
}
