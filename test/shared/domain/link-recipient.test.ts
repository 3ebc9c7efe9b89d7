import { describe, expect, it } from 'vitest';
import { linkRecipient } from '../../../shared/domain/link-recipient.ts';

const person = (staffId: string, roles: string[], extra: Record<string, unknown> = {}) => ({
  staffId,
  roles,
  ...extra,
});

describe('linkRecipient (issue 16.3)', () => {
  const step = { roles: ['director'], excluded: ['stf-requester', 'stf-it-director'] };
  const approver = person('stf-cpp-director', ['director']);

  it('an eligible delegate decides for the approver', () => {
    expect(linkRecipient(approver, person('stf-other-director', ['director']), step)).toEqual({
      recipient: 'stf-other-director',
      onBehalfOf: 'stf-cpp-director',
    });
  });

  it('nj-dcf: a delegate holding the next serial step does not get the first; the approver does', () => {
    expect(linkRecipient(approver, person('stf-it-director', ['it-director', 'director']), step)).toEqual({
      recipient: 'stf-cpp-director',
    });
  });

  it('the requester, a leaver, a deactivated person or someone without the role is never the delegate', () => {
    for (const delegate of [
      person('stf-requester', ['director']),
      person('stf-gone', ['director'], { departedAt: '2026-01-01T00:00:00.000Z' }),
      person('stf-off', ['director'], { active: false }),
      person('stf-staff', ['staff']),
    ])
      expect(linkRecipient(approver, delegate, step)).toEqual({ recipient: 'stf-cpp-director' });
  });

  it('nobody, when the approver is no longer eligible either', () => {
    expect(linkRecipient(person('stf-requester', ['director']), undefined, step)).toBeUndefined();
    expect(linkRecipient({ ...approver, departedAt: '2026-01-01T00:00:00.000Z' }, undefined, step)).toBeUndefined();
  });

  it('issue 19.1: a delegate whose mail does not arrive is passed over for an approver whose mail does', () => {
    const dead = person('stf-other-director', ['director'], { unreachable: true });
    expect(linkRecipient(approver, dead, step)).toEqual({ recipient: 'stf-cpp-director' });
    // When neither's mail arrives, delegation stands as before: nothing is dropped.
    expect(linkRecipient({ ...approver, unreachable: true }, dead, step)).toEqual({
      recipient: 'stf-other-director',
      onBehalfOf: 'stf-cpp-director',
    });
  });
});
