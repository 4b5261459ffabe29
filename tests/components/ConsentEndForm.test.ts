import { describe, expect, it } from 'vitest';
import ConsentEndForm from '../../src/components/imports/ConsentEndForm.astro';
import { render } from './render.ts';

describe('ConsentEndForm', () => {
  it('offers "Non merci" that posts the token and says our copy is deleted at once', async () => {
    const html = await render(ConsentEndForm, 'fr', {
      kind: 'decline',
      token: 'k'.repeat(32),
      action: '/accord/x?_action=consent.decline',
    });
    expect(html).toMatch(/<form method="post" action="\/accord\/x\?_action=consent\.decline"/);
    expect(html).toContain(`name="token" value="${'k'.repeat(32)}"`);
    expect(html).toContain('rien ne sera publié et notre copie sera effacée aussitôt');
    expect(html).toMatch(/<button type="submit"[^>]*>Non merci<\/button>/);
  });

  it('speaks English on the English page', async () => {
    const html = await render(ConsentEndForm, 'en', { kind: 'decline', token: 'k'.repeat(32), action: '/x' });
    expect(html).toContain('No thanks');
    expect(html).toContain('our copy will be deleted at once');
    expect(html).not.toContain('name="reason"');
  });

  it('tells how to withdraw and offers it with a reason, in English too', async () => {
    const html = await render(ConsentEndForm, 'en', { kind: 'withdraw', token: 't'.repeat(32), action: '/x' });
    expect(html).toContain('At any time, from this page');
    expect(html).toContain('Withdraw my consent');
    expect(html).toContain('maxlength="500"');
    expect(html).toContain('id="consent-withdraw"');
    expect(html).toMatch(/<textarea id="withdraw-reason" name="reason" rows="2" maxlength="500"><\/textarea>/);
  });
});
