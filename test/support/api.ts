/** A small client for the local API and mailbox, speaking as the seeded personas. */
import type { Endpoints } from '../../local/runtime.ts';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export function apiClient(endpoints: Endpoints) {
  const call = async <T = any>(
    method: string,
    path: string,
    options: { as?: string; token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const token = options.token ?? (options.as ? endpoints.tokens[options.as] : undefined);
    if (options.as && !token) throw new Error(`No persona ${options.as}`);
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${endpoints.api}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // HTML pages and empty bodies stay text.
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  };
  return {
    get: <T = any>(path: string, options: Parameters<typeof call>[2] = {}) => call<T>('GET', path, options),
    post: <T = any>(path: string, options: Parameters<typeof call>[2] = {}) => call<T>('POST', path, options),
    put: <T = any>(path: string, options: Parameters<typeof call>[2] = {}) => call<T>('PUT', path, options),
    delete: <T = any>(path: string, options: Parameters<typeof call>[2] = {}) => call<T>('DELETE', path, options),
    /** Posts a form the way a browser does. */
    form: (path: string, fields: Record<string, string>) =>
      fetch(`${endpoints.api}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      }).then(async (r) => ({ status: r.status, headers: r.headers, text: await r.text() })),
  };
}

export interface Email {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** Every message the local SES has taken, as the contract's `GET <mailbox>/store` gives them. */
export async function mailbox(endpoints: Endpoints): Promise<Email[]> {
  const response = await fetch(`${endpoints.mailbox}/store`);
  return ((await response.json()) as { emails: Email[] }).emails;
}

/** Polls the mailbox until a message matches, so tests wait for workflows without sleeping blindly. */
export async function waitForEmail(
  endpoints: Endpoints,
  match: (email: Email) => boolean,
  timeoutMs = 20_000,
): Promise<Email> {
  return poll(`an email matching ${match}`, async () => (await mailbox(endpoints)).find(match), timeoutMs);
}

export async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** The approval link in an email's text. */
export const approvalLinkIn = (email: Email): URL => {
  const match = /https?:\/\/\S+\/approvals\/apv_[A-Za-z0-9_-]+\?token=[A-Za-z0-9_-]+/.exec(email.body.text ?? '');
  if (!match) throw new Error(`No approval link in "${email.subject}"`);
  return new URL(match[0]);
};
