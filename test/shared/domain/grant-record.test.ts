import { describe, expect, it } from 'vitest';
import { grantCreatedDetails } from '../../../shared/domain/grant-record.ts';

describe('grantCreatedDetails', () => {
  it('NJ-10: a department device is recorded with the grant, citing the rule', () => {
    const details = grantCreatedDetails({ staffId: 'stf-staff', office: 'trenton', device: 'DCF-IPHONE-0042' });
    expect(details).toEqual({ staffId: 'stf-staff', office: 'trenton', device: 'DCF-IPHONE-0042', rule: 'NJ-10' });
  });

  it('NJ-03: the purpose of access and whether public information sufficed are recorded, citing the rule', () => {
    const details = grantCreatedDetails({
      staffId: 'stf-staff',
      office: 'trenton',
      accessPurpose: 'Diligent search',
      publicInformationSufficed: false,
    });
    expect(details).toMatchObject({ accessPurpose: 'Diligent search', publicInformationSufficed: false });
    expect(details.purposeRule).toBe('NJ-03');
  });

  it('without a device, the entry names whom, where from and until when, and no rule', () => {
    const until = '2027-01-01T00:00:00.000Z';
    expect(grantCreatedDetails({ staffId: 'stf-staff', office: 'trenton', expiresAt: until })).toEqual({
      staffId: 'stf-staff',
      office: 'trenton',
      expiresAt: until,
    });
  });
});
