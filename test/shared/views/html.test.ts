import { describe, expect, it } from 'vitest';
import { renderAboutText } from '../../../shared/domain/about-text.ts';
import { decisionPage } from '../../../shared/views/decision-pages.ts';
import { escapeHtml, html, raw } from '../../../shared/views/html.ts';
import { profiles } from '../../../shared/policy/index.ts';

describe('html', () => {
  it('escapes every interpolated value, keeps SafeHtml', () => {
    expect(escapeHtml(`<script>"'&\``)).toBe('&lt;script&gt;&quot;&#39;&amp;&#96;');
    expect(html`<p>${'<b>'}${raw('<i>ok</i>')}</p>`.value).toBe('<p>&lt;b&gt;<i>ok</i></p>');
  });

  it('a decision page shows a hostile value as text', () => {
    const markup = decisionPage({
      approvalId: 'apv_x',
      token: 't',
      heading: 'H',
      intro: 'I',
      facts: [['Account name', '<img src=x onerror=alert(1)>']],
      choices: [{ value: 'approve', label: 'Approve', tone: 'approve' }],
    });
    expect(markup).not.toContain('<img');
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

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

describe('humanTime', () => {
  it('writes a deadline the way people read it', async () => {
    const { humanTime } = await import('../../../shared/views/human-time.ts');
    expect(humanTime('2026-12-05T07:22:50.940Z')).toBe('Saturday 5 December 2026, 07:22 UTC');
  });
});
