import { describe, expect, it } from 'vitest';
import { decisionPage } from '../../../shared/views/decision-pages.ts';
import { escapeHtml, html, raw } from '../../../shared/views/html.ts';

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
