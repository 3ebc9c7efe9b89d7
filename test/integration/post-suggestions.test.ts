/**
 * Suggested public posts under mo-dss (MO-01..MO-03): staff suggest, the supervisor forwards or
 * returns, Communications approves, declines or holds until a date when it comes back, all through
 * the same scanner-safe emailed decision links as account approval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, approvalLinkIn, poll, waitForEmail } from '../support/api.ts';
import { startRuntime, type TestRuntime } from '../support/runtime.ts';
import { countItems } from '../support/tables.ts';

let runtime: TestRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startRuntime({
    name: 'post-suggestions',
    profile: 'mo-dss',
    extraArgs: ['--wait-overrides', JSON.stringify({ PostSuggestion: { WaitForHoldToEnd: 800 } })],
  });
  api = apiClient(runtime.endpoints);
});
afterAll(() => runtime?.stop());

const suggestion = (text: string, overrides: Record<string, unknown> = {}) => ({
  text,
  eventDate: '2027-03-14',
  timeSensitive: false,
  visuals: [{ reference: 'IMG_0042.jpg', description: 'Volunteers at the resource fair' }],
  attestations: { photoPermission: true, confidentiality: true },
  ...overrides,
});
const submit = async (text: string) => {
  const response = await api.post('/post-suggestions', { as: 'staff', body: suggestion(text) });
  expect(response.status).toBe(202);
  return response.body.suggestionId as string;
};
const linkTo = async (email: string, text: string, subject = 'Suggested post') =>
  approvalLinkIn(
    await waitForEmail(
      runtime.endpoints,
      (e) =>
        e.destination.to.includes(email) &&
        e.subject.includes(subject) &&
        (e.body.text ?? '').includes(text.slice(0, 40)),
    ),
  );
const decide = (link: URL, decision: string, extra: Record<string, string> = {}) =>
  api.form(link.pathname, { token: link.searchParams.get('token')!, decision, comment: '', ...extra });
const status = async (id: string) => (await api.get(`/post-suggestions/${id}`, { as: 'staff' })).body.status as string;

describe('submitting (MO-01, MO-02)', () => {
  it('MO-02 (and CT-03: nothing confidential posted) refuses a suggestion without both attestations, naming each, and writes nothing', async () => {
    const before = await countItems(runtime.endpoints);
    const response = await api.post('/post-suggestions', {
      as: 'staff',
      body: suggestion('No permission yet', { attestations: { photoPermission: false, confidentiality: true } }),
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'MO-02', details: [{ field: 'attestations.photoPermission' }] });
    expect((await api.post('/post-suggestions', { as: 'staff', body: { text: 'missing fields' } })).status).toBe(400);
    expect(await countItems(runtime.endpoints)).toEqual(before);
  });
});

describe('the whole path under mo-dss', () => {
  it('MO-01, MO-03: supervisor forwards, Communications approves; the submitter sees each step', async () => {
    const text = 'Thank you to the foster families who joined the spring resource fair in Jefferson City!';
    const id = await submit(text);
    expect(await status(id)).toBe('with-supervisor');
    const toSupervisor = await linkTo('supervisor@agency.example', text);
    const page = await (await fetch(toSupervisor)).text();
    expect(page).toContain('Forward to Communications');
    expect(await status(id)).toBe('with-supervisor'); // GET changed nothing
    expect((await decide(toSupervisor, 'approve')).status).toBe(400); // not a choice this link offers
    expect((await decide(toSupervisor, 'forward')).status).toBe(200);
    expect((await decide(toSupervisor, 'forward')).status).toBe(409);
    const toCommunications = await linkTo('communications@agency.example', text);
    const queue = (await api.get('/post-suggestions?status=with-communications', { as: 'communications' })).body.items;
    expect(queue.map((s: { suggestionId: string }) => s.suggestionId)).toContain(id);
    expect((await decide(toCommunications, 'approve', { comment: 'Posting Friday' })).status).toBe(200);
    await waitForEmail(
      runtime.endpoints,
      (e) => e.subject === 'Your suggested post: approved' && e.destination.to.includes('staff@agency.example'),
    );
    const view = (await api.get(`/post-suggestions/${id}`, { as: 'staff' })).body;
    expect(view.status).toBe('approved');
    expect(view.history.map((h: { action: string }) => h.action)).toEqual(['submitted', 'forwarded', 'approved']);
    // The other Communications reviewer's link stops working once one decided.
    const other = await linkTo('communications2@agency.example', text);
    expect((await fetch(other)).status).toBe(409);
  });

  it('a supervisor returns it; the submitter is told', async () => {
    const text = 'Photo from the office potluck with a client family';
    const id = await submit(text);
    expect(
      (
        await decide(await linkTo('supervisor@agency.example', text), 'return', {
          comment: 'A client family is in the photo',
        })
      ).status,
    ).toBe(200);
    const email = await waitForEmail(runtime.endpoints, (e) => e.subject === 'Your suggested post: returned');
    expect(email.body.text).toContain('A client family is in the photo');
    expect(await status(id)).toBe('returned');
  });

  it('Communications declines only with a reason', async () => {
    const text = 'Recognition for the Northwest region adoption team';
    const id = await submit(text);
    await decide(await linkTo('supervisor@agency.example', text), 'forward');
    const link = await linkTo('communications@agency.example', text);
    expect((await decide(link, 'decline')).status).toBe(400);
    expect((await decide(link, 'decline', { comment: 'Already posted last week' })).status).toBe(200);
    expect(await status(id)).toBe('declined');
  });

  it('MO-03: held until a date, it comes back to Communications, who then approve it', async () => {
    const text = 'Save the date: National Adoption Day celebration at the courthouse';
    const id = await submit(text);
    await decide(await linkTo('supervisor@agency.example', text), 'forward');
    const link = await linkTo('communications@agency.example', text);
    expect((await decide(link, 'hold', { holdUntil: '2020-01-01' })).status).toBe(400);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await decide(link, 'hold', { holdUntil: tomorrow, comment: 'Closer to the date' })).status).toBe(200);
    expect(await status(id)).toBe('held');
    const back = await linkTo('communications@agency.example', text, 'Suggested post');
    await poll('back from hold', async () => (await status(id)) === 'with-communications');
    const again = approvalLinkIn(
      await waitForEmail(
        runtime.endpoints,
        (e) =>
          e.destination.to.includes('communications@agency.example') &&
          (e.body.text ?? '').includes('it is back for your decision'),
      ),
    );
    expect(again.href).not.toBe(back.href);
    expect((await decide(again, 'approve')).status).toBe(200);
    expect(await status(id)).toBe('approved');
    const history = (await api.get(`/post-suggestions/${id}`, { as: 'communications' })).body.history.map(
      (h: { action: string }) => h.action,
    );
    expect(history).toEqual(['submitted', 'forwarded', 'held', 'back-from-hold', 'approved']);
  });

  it('only the submitter, their supervisor and Communications see a suggestion', async () => {
    const id = await submit('Visibility check');
    expect((await api.get(`/post-suggestions/${id}`, { as: 'supervisor' })).status).toBe(200);
    const stranger = await api.get(`/post-suggestions/${id}`, { as: 'staff2' });
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.code).toBe('MO-03');
  });
});

describe('other profiles', () => {
  // Starts a runtime of its own, which provisions its people through SCIM: give it a start's time.
  it('post suggestions are refused where the profile does not include them', { timeout: 120_000 }, async () => {
    const tn = await startRuntime({ name: 'post-suggestions-tn' });
    try {
      const response = await apiClient(tn.endpoints).post('/post-suggestions', {
        as: 'staff',
        body: suggestion('Not here'),
      });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('MO-01');
    } finally {
      await tn.stop();
    }
  });
});
