/**
 * Issue 19.4 on the local runtime: emails and pages give times in the profile's zone, in US order, the
 * zone named. Tennessee spans two zones: its Smoky Mountain region keeps Eastern time, its central
 * office (and every region the profile does not name) Central; the District keeps Eastern.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { humanTime } from '../../shared/views/human-time.ts';
import { apiClient, approvalLinkIn, waitForEmail } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';

/** "Thursday, December 17, 2026 at 10:58 AM CST": weekday, month in words, 12-hour clock, the zone. */
const usMoment = /(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2} [AP]M [A-Z]{3}/;

/** Files an account request and returns its expiry and the approver's email and decision page. */
async function requestAndAsk(runtime: TestRuntime, approver: string, purpose: string) {
  const api = apiClient(runtime.endpoints);
  const filed = await api.post('/account-requests', {
    as: 'director',
    body: {
      platform: 'facebook',
      purpose,
      region: 'smoky-mountain',
      administratorId: 'stf-administrator',
      backupAdministratorId: 'stf-backup-administrator',
    },
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(202);
  const requestId = filed.body.requestId as string;
  const email = await waitForEmail(
    runtime.endpoints,
    (e) => e.destination.to.includes(approver) && (e.body.text ?? '').includes(`Request: ${requestId}`),
  );
  const { expiresAt } = (await api.get(`/account-requests/${requestId}`, { as: 'director' })).body;
  const page = await (await fetch(approvalLinkIn(email))).text();
  return { email, page, expiresAt: expiresAt as string };
}

describe('tn-dcs: two zones, by region', () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await startRuntime({ name: 'local-time-tn' });
  });
  afterAll(() => runtime?.stop());

  it("an East Tennessee region's request: the email and the decision page give its expiry in Eastern time", async () => {
    const { email, page, expiresAt } = await requestAndAsk(runtime, 'communications@agency.example', 'client-contact');
    const eastern = humanTime(expiresAt, 'America/New_York');
    expect(eastern).toMatch(usMoment);
    expect(eastern).toMatch(/ E[SD]T$/);
    expect(email.body.text).toContain(`The link works once and expires ${eastern}.`);
    expect(email.body.html).toContain(eastern);
    expect(page).toContain(eastern);
    // Not Central, not UTC: the hour of the region's own clock.
    expect(email.body.text).not.toContain(humanTime(expiresAt, 'America/Chicago'));
    expect(`${email.body.text}${page}`).not.toMatch(/\d{2}:\d{2} UTC/);
  }, 60_000);

  it("GET /me gives each person their region's zone: Eastern in Smoky Mountain, Central in the Nashville office", async () => {
    const api = apiClient(runtime.endpoints);
    expect((await api.get('/me', { as: 'director' })).body).toMatchObject({
      caller: { region: 'smoky-mountain' },
      timeZone: 'America/New_York',
    });
    expect((await api.get('/me', { as: 'communications' })).body).toMatchObject({
      caller: { region: 'central' },
      timeZone: 'America/Chicago',
    });
  });

  it("the operations status page, statewide, is in the agency's Central time", async () => {
    const page = await apiClient(runtime.endpoints).get('/ops/status', { as: 'operations' });
    expect(page.status).toBe(200);
    const asOf = /As of ([^.]+)\./.exec(page.text)?.[1];
    expect(asOf).toMatch(usMoment);
    expect(asOf).toMatch(/ C[SD]T$/);
  });
});

describe('dc-cfsa: the District keeps Eastern time', () => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await startRuntime({ name: 'local-time-dc', profile: 'dc-cfsa' });
  });
  afterAll(() => runtime?.stop());

  it('the approval email and the decision page give the expiry in America/New_York', async () => {
    const { email, page, expiresAt } = await requestAndAsk(runtime, 'opi@agency.example', 'public-information');
    const eastern = humanTime(expiresAt, 'America/New_York');
    expect(email.body.text).toContain(`The link works once and expires ${eastern}.`);
    expect(page).toContain(`Decide by`);
    expect(page).toContain(eastern);
  }, 60_000);
});
