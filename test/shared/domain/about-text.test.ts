import { describe, expect, it } from 'vitest';
import { renderAboutText } from '../../../shared/domain/about-text.ts';
import { profiles } from '../../../shared/policy/index.ts';

describe('TN-15 About text', () => {
  it('fills region, office contacts and hotline into the tn-dcs template', () => {
    const text = renderAboutText(profiles['tn-dcs'], {
      regionId: 'smoky-mountain',
      name: 'Smoky Mountain',
      offices: [
        {
          officeId: 'o',
          name: 'Sevier County Office',
          address: '1 Main St',
          phone: '865-555-0100',
          email: 'o@agency.example',
        },
      ],
    });
    expect(text).toContain('managed by the DCS Smoky Mountain Region');
    expect(text).toContain('Sevier County Office, 1 Main St, Phone 865-555-0100, o@agency.example');
    expect(text).toContain('1-877-237-0004');
    expect(text).toContain('https://apps.tn.gov/carat/');
    expect(text).toMatch(/not monitored 24 hours/);
    expect(text).not.toMatch(/\{\w+\}/);
  });
});
