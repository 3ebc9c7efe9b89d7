import { describe, expect, it } from 'vitest';
import { refuseSelfGrant } from '../../../shared/domain/self-grant.ts';

describe('refuseSelfGrant (issue 16.6)', () => {
  it('refuses a grantor naming themselves, with 403 SelfGrant', () => {
    expect(() => refuseSelfGrant('stf-director', 'stf-director')).toThrow(
      expect.objectContaining({ status: 403, code: 'SelfGrant' }),
    );
  });

  it('lets a grantor grant someone else', () => {
    expect(() => refuseSelfGrant('stf-director', 'stf-staff')).not.toThrow();
  });
});
