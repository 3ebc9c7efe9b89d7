/** Test fixtures built through the public API only: an approved official account, grants. */
import type { Endpoints } from '../../local/runtime.ts';
import { apiClient, approvalLinkIn, poll, waitForEmail } from './api.ts';

/**
 * Files an account request as `as` and approves it from every approver's emailed link, in order,
 * as the approvers would; resolves with the new account's id.
 */
export async function approvedAccount(
  endpoints: Endpoints,
  options: { platform: string; as?: string; region?: string; purpose?: string },
): Promise<string> {
  const api = apiClient(endpoints);
  const as = options.as ?? 'director';
  const response = await api.post('/account-requests', {
    as,
    body: {
      platform: options.platform,
      purpose: options.purpose ?? 'client-contact',
      region: options.region ?? 'smoky-mountain',
      administratorId: 'stf-administrator',
      backupAdministratorId: 'stf-backup-administrator',
    },
  });
  if (response.status !== 202)
    throw new Error(`account request refused: ${response.status} ${JSON.stringify(response.body)}`);
  const requestId = response.body.requestId as string;
  const decided = new Set<string>();
  return poll(
    `account for ${requestId}`,
    async () => {
      const view = (await api.get(`/account-requests/${requestId}`, { as })).body;
      if (view.accountId) return view.accountId as string;
      if (view.status === 'approved') return undefined; // provisioning still running
      if (view.status !== 'pending') throw new Error(`request ${requestId} is ${view.status}`);
      for (const slot of view.approvers as Array<{ staffId: string; decision?: string }>) {
        if (slot.decision || decided.has(slot.staffId)) continue;
        const email = Object.values(endpoints.personas).find((p) => p.id === slot.staffId)?.email;
        const message = await waitForEmail(
          endpoints,
          (e) =>
            e.destination.to.includes(email!) &&
            (e.body.text ?? '').includes(`Request: ${requestId}`) &&
            e.subject.startsWith('Approve'),
        ).catch(() => undefined);
        if (!message) continue;
        const link = approvalLinkIn(message);
        await api.form(link.pathname, {
          token: link.searchParams.get('token')!,
          decision: 'approve',
          comment: 'test fixture',
        });
        decided.add(slot.staffId);
      }
      return undefined;
    },
    60_000,
  );
}

/** Grants `staffId` access to the account as the region's director. */
export async function grant(
  endpoints: Endpoints,
  accountId: string,
  staffId: string,
  extra: Record<string, unknown> = {},
) {
  return apiClient(endpoints).post(`/accounts/${accountId}/grants`, { as: 'director', body: { staffId, ...extra } });
}

/**
 * Asks for a grant as `as` (the Local Office Manager by default, NJ-09's long-term requester) and,
 * where the profile makes it a request (202, NJ-02), approves it from every approver's emailed link
 * as they would; resolves with the response to the request.
 */
export async function approvedGrant(
  endpoints: Endpoints,
  accountId: string,
  staffId: string,
  options: { as?: string; body?: Record<string, unknown> } = {},
) {
  const api = apiClient(endpoints);
  const response = await api.post(`/accounts/${accountId}/grants`, {
    as: options.as ?? 'officeManager',
    body: { staffId, ...options.body },
  });
  if (response.status !== 202) return response;
  const requestId = response.body.requestId as string;
  for (const slot of response.body.approvers as Array<{ staffId: string }>) {
    const email = Object.values(endpoints.personas).find((p) => p.id === slot.staffId)?.email;
    const message = await waitForEmail(
      endpoints,
      (e) => e.destination.to.includes(email!) && (e.body.text ?? '').includes(`Grant request: ${requestId}`),
    );
    const link = approvalLinkIn(message);
    await api.form(link.pathname, { token: link.searchParams.get('token')!, decision: 'approve', comment: 'fixture' });
  }
  return response;
}
