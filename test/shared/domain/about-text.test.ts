import { describe, expect, it } from 'vitest';
import { renderAboutText, requireAboutFields } from '../../../shared/domain/about-text.ts';
import { PolicyViolationError } from '../../../shared/errors.ts';
import { profiles } from '../../../shared/policy/index.ts';
import type { Region } from '../../../shared/schemas/staff.ts';

const region: Region = {
  regionId: 'smoky-mountain',
  name: 'Smoky Mountain',
  offices: [
    {
      officeId: 'o',
      name: 'Sevier County Office',
      address: '1 Main St',
      phone: '865-555-0100',
      fax: '865-555-0101',
      email: 'o@agency.example',
    },
  ],
};

describe('TN-15 About text', () => {
  it('fills region, office contacts and hotline into the tn-dcs template', () => {
    const text = renderAboutText(profiles['tn-dcs'], region);
    expect(text).toContain('managed by the DCS Smoky Mountain Region');
    expect(text).toContain('Sevier County Office, 1 Main St, Phone 865-555-0100, Fax 865-555-0101, o@agency.example');
    expect(text).toContain('1-877-237-0004');
    expect(text).toContain('https://apps.tn.gov/carat/');
    expect(text).toMatch(/not monitored 24-hours/);
    expect(text).not.toMatch(/\{\w+\}/);
  });

  it("TN-15 is the seed's text word for word, with the Intro line", () => {
    const text = renderAboutText(profiles['tn-dcs'], region);
    const words = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(words(text)).toContain(
      words(`We use this account to do diligent searches for families of children in foster care, or at risk of
        coming into foster care. When we contact you, we will give you our state of Tennessee email address and
        telephone number and also ask for your contact information, so we may confidentially discuss why we are
        reaching out to you. If you have concerns or want to verify the validity of a message received by this
        account, please call our office or send an email:`),
    );
    expect(words(text)).toContain(
      words(`If you are contacted after regular business hours and have questions about the validity of the message
        received, please contact the Child Abuse Hotline at 1-877-237-0004 and request an on call Team Leader from
        Smoky Mountain to contact you. You also can visit tn.gov/dcs for more information. The Department of
        Children's Services Social Media Account is not for reporting cases of abuse or neglect. This account is not
        monitored 24-hours a day To report suspected child abuse or neglect call (877) 237-0004 or visit
        https://apps.tn.gov/carat/ Intro: This account is managed by the DCS Smoky Mountain`),
    );
  });

  it.each([
    ['fax', { fax: undefined }],
    ['email', { email: ' ' }],
    ['address', { address: '' }],
    ['phone', { phone: '' }],
  ])('TN-15 refuses a tn-dcs About text with an empty %s', (field, change) => {
    const office = { ...region.offices[0]!, ...change } as Region['offices'][number];
    const holey = { ...region, offices: [office] };
    expect(() => renderAboutText(profiles['tn-dcs'], holey)).toThrow(PolicyViolationError);
    try {
      requireAboutFields(profiles['tn-dcs'].aboutRequiredFields, region.regionId, holey);
    } catch (error) {
      expect(error).toMatchObject({ rule: 'TN-15', details: [{ field: `offices.o.${field}` }] });
    }
  });

  it('TN-15 refuses an unknown region, a nameless one and one without offices', () => {
    const required = profiles['tn-dcs'].aboutRequiredFields;
    expect(() => requireAboutFields(required, 'nowhere', undefined)).toThrow(/TN-15/);
    expect(() => requireAboutFields(required, 'r', { ...region, name: ' ' })).toThrow(/TN-15/);
    expect(() => requireAboutFields(required, 'r', { ...region, offices: [] })).toThrow(/TN-15/);
  });

  it('a profile whose text is not prescribed lists an office without a fax', () => {
    const { fax: _fax, ...office } = region.offices[0]!;
    const text = renderAboutText(profiles['ct-dcf'], { ...region, offices: [office] });
    expect(text).toContain('Sevier County Office, 1 Main St, Phone 865-555-0100, o@agency.example');
  });
});
