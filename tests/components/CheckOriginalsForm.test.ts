import { describe, expect, it } from 'vitest';
import CheckOriginalsForm from '../../src/components/imports/CheckOriginalsForm.astro';
import { render } from './render.ts';

describe('CheckOriginalsForm', () => {
  it('posts "Vérifier les originaux maintenant" to the page it sits on', async () => {
    const html = await render(CheckOriginalsForm, 'fr', { page: '/moderation/sources', error: null });
    expect(html).toMatch(/<form method="post" action="\/moderation\/sources\?_action=importSources\.checkNow"/);
    expect(html).toMatch(/<button type="submit"[^>]*>Vérifier les originaux maintenant<\/button>/);
    expect(html).not.toContain('role="alert"');
  });

  it('says beside the button that another check is running', async () => {
    const html = await render(CheckOriginalsForm, 'en', { page: '/en/moderation/sources', error: 'Busy now.' });
    expect(html).toMatch(/<p class="moderation-error" role="alert"[^>]*>\s*Busy now\.\s*<\/p>/);
    expect(html).toContain('Check the originals now');
  });
});
