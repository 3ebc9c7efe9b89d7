/**
 * Issue 19.1 on the directory import (tools/directory/import.ts), on DynamoDB Local: the unreachable
 * mark SES feedback put on a person survives an import that changes anything but their address, and
 * ends, audited under the importing actor, when the import gives them a new address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../shared/adapters/audit.ts';
import { getMailState, listedUnreachable, putRegion, recordMailFeedback } from '../../shared/adapters/directory.ts';
import { unreachableMark } from '../../shared/domain/mail-reach.ts';
import { applyImport, planImport } from '../../tools/directory/import.ts';
import { type LocalTables, startLocalTables } from '../support/local-tables.ts';

let local: LocalTables;

beforeAll(async () => {
  local = await startLocalTables(['audit', 'directory'], { POLICY_PROFILE: 'tn-dcs' });
  await putRegion({
    regionId: 'knox',
    name: 'Knox',
    offices: [
      { officeId: 'knox-central', name: 'Knox', address: '1 Main St', phone: '555', email: 'k@agency.example' },
    ],
  });
}, 60_000);
afterAll(() => local?.stop());

const header = 'staffId,userName,name,email,roles,region,office,unit,supervisorId,active';
const row = (name: string, email: string) =>
  `csv-pat,pat@agency.example,${name},${email},director,knox,knox-central,,,`;
const importRow = async (name: string, email: string) => {
  const plan = await planImport([header, row(name, email)].join('\n'));
  expect(plan.rows[0]).toMatchObject({ staffId: 'csv-pat' });
  return applyImport(plan, 'operator-1');
};

describe('the directory import and the unreachable mark (issue 19.1)', () => {
  it('keeps the mark while the address stays, ends it (audited) with a new address', async () => {
    expect(await importRow('Pat Director', 'pat@agency.example')).toBe(1);
    const feedback = {
      kind: 'bounce' as const,
      type: 'Permanent/General',
      at: '2027-01-01T00:00:00.000Z',
      feedbackId: 'fb-1',
      messageId: 'm-1',
    };
    const mark = unreachableMark(feedback, 'pat@agency.example', undefined);
    expect(await recordMailFeedback('csv-pat', feedback, mark)).toBe(true);
    expect(await recordMailFeedback('csv-pat', feedback, mark)).toBe(false);
    expect(await listedUnreachable(10)).toEqual(['csv-pat']);

    // A new name only: the import rewrites the whole record, and keeps what SES said.
    expect(await importRow('Pat Q. Director', 'pat@agency.example')).toBe(1);
    expect(await getMailState('csv-pat')).toMatchObject({ mailUnreachable: mark, mailFeedback: feedback });
    expect((await auditTrail('STAFF#csv-pat')).map((e) => e.action)).not.toContain('mail.unreachable-cleared');

    // A new address: the mark ends, the feedback stays as history, the trail says who and why.
    expect(await importRow('Pat Q. Director', 'pat.director@agency.example')).toBe(1);
    const state = await getMailState('csv-pat');
    expect(state?.mailUnreachable).toBeUndefined();
    expect(state?.mailFeedback).toEqual(feedback);
    expect(await listedUnreachable(10)).toEqual([]);
    expect(await auditTrail('STAFF#csv-pat')).toEqual([
      expect.objectContaining({
        action: 'mail.unreachable-cleared',
        actorId: 'operator-1',
        details: expect.objectContaining({ reason: 'email-changed', email: 'pat@agency.example', kind: 'bounce' }),
      }),
    ]);
  });

  it('a late bounce of an address the person no longer has marks nobody (read before the change, written after)', async () => {
    // The feedback function found the person by the old address, then their address changed.
    expect(await importRow('Pat Q. Director', 'pat.again@agency.example')).toBe(1);
    const late = {
      kind: 'bounce' as const,
      type: 'Permanent/General',
      at: '2027-01-02T00:00:00.000Z',
      feedbackId: 'fb-late',
      messageId: 'm-2',
    };
    const stale = unreachableMark(late, 'pat.director@agency.example', undefined);
    expect(await recordMailFeedback('csv-pat', late, stale, 'pat.director@agency.example')).toBe(false);
    expect((await getMailState('csv-pat'))?.mailUnreachable).toBeUndefined();
    expect(await listedUnreachable(10)).toEqual([]);
  });
});
