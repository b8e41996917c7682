import type { ApprovalRequestView } from '@apier/contracts';
import { approvalRequestPage, signInPage } from './approval-pages';
import { escapeHtml, html } from './html';

const EVIL = `<script>alert("x")</script>' onload='x`;

describe('approver pages escape everything they show', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    // Called through another name so the formatter leaves these templates byte for byte alone.
    const tag = html;
    expect(tag`<p>${EVIL}</p>`.value).toBe(`<p>${escapeHtml(EVIL)}</p>`);
    expect(tag`<ul>${[tag`<li>${EVIL}</li>`, EVIL]}</ul>`.value).toBe(
      `<ul><li>${escapeHtml(EVIL)}</li>${escapeHtml(EVIL)}</ul>`,
    );
  });

  it('never lets request data, summaries or checks write markup', () => {
    const request: ApprovalRequestView = {
      id: '0b6f2c1e-5a7d-4f3e-9c2b-1d8e7f6a5b4c',
      orgnr: '999999999',
      action_type: 'mva_melding',
      payload_hash: 'a'.repeat(64),
      status: 'pending',
      summary: { [EVIL]: EVIL, nested: { x: EVIL } },
      checks: [{ check: 'company_exists', status: 'pass', code: EVIL, message: EVIL, details: {} }],
      created_at: '2026-11-25T12:00:00.000Z',
      expires_at: '2026-11-26T12:00:00.000Z',
      approved_at: null,
    };
    const page = approvalRequestPage(request, { name: EVIL, csrfToken: `"><img src=x>` }).value;
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).not.toContain(`' onload='`);
    expect(page).toContain('value="&quot;&gt;&lt;img src=x&gt;"');
    expect(signInPage(EVIL).value).not.toContain('<script>');
  });
});
