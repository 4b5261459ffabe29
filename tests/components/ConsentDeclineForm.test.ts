import { describe, expect, it } from 'vitest';
import ConsentDeclineForm from '../../src/components/imports/ConsentDeclineForm.astro';
import { render } from './render.ts';

describe('ConsentDeclineForm', () => {
  it('offers "Non merci" that posts the token and says our copy is deleted at once', async () => {
    const html = await render(ConsentDeclineForm, 'fr', {
      token: 'k'.repeat(32),
      action: '/accord/x?_action=consent.decline',
    });
    expect(html).toMatch(/<form method="post" action="\/accord\/x\?_action=consent\.decline"/);
    expect(html).toContain(`name="token" value="${'k'.repeat(32)}"`);
    expect(html).toContain('rien ne sera publié et notre copie sera effacée aussitôt');
    expect(html).toMatch(/<button type="submit"[^>]*>Non merci<\/button>/);
  });

  it('speaks English on the English page', async () => {
    const html = await render(ConsentDeclineForm, 'en', { token: 'k'.repeat(32), action: '/x' });
    expect(html).toContain('No thanks');
    expect(html).toContain('our copy will be deleted at once');
  });
});
