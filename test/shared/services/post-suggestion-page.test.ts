/** A reviewer sees how long the emailed link stays valid, as the account-request page shows its deadline. */
import { describe, expect, it, vi } from 'vitest';
import { humanTime } from '../../../shared/views/human-time.ts';

process.env.POLICY_PROFILE ??= 'mo-dss';

vi.mock('../../../shared/adapters/post-suggestions.ts', () => ({
  getSuggestion: async () => ({
    suggestion: { submitterId: 's1', text: 'Foster care fair', timeSensitive: false, visuals: [] },
  }),
}));
vi.mock('../../../shared/adapters/directory.ts', () => ({ getStaffMember: async () => undefined }));

const { postSuggestionPage } = await import('../../../shared/services/post-suggestion-decisions.ts');

describe('postSuggestionPage', () => {
  it("shows when the link stops working (the profile's postSuggestions.linkValidDays after it was sent)", async () => {
    const expiresAt = '2026-02-01T12:00:00.000Z';
    const page = await postSuggestionPage(
      {
        approvalId: 'apv_1',
        subject: { kind: 'post-suggestion', id: 'ps1' },
        slot: 0,
        role: 'supervisor',
        holderId: 'h1',
        choices: ['forward', 'return'],
        tokenHash: 'x',
        expiresAt,
        status: 'open',
        issuedAt: '2026-01-02T12:00:00.000Z',
        why: 'review',
      } as never,
      'token',
    );
    expect(page).toContain('Link valid until');
    expect(page).toContain(humanTime(expiresAt, 'America/Chicago'));
    // Issue 19.4: Missouri's zone, in US order, named.
    expect(page).toContain('Sunday, February 1, 2026 at 6:00 AM CST');
  });
});
