import { describe, expect, it } from 'vitest';
import ThankYouNote from '../../src/components/writing/ThankYouNote.astro';
import { render } from './render.ts';
import type { Locale } from '../../src/lib/i18n/index.ts';
import type { ThankYou } from '../../src/lib/flash/thank-you.ts';

const token = 'T0kenT0kenT0kenT0kenT0kenT0kenT0';

const note = (locale: Locale, thanks: ThankYou | null) =>
  render(ThankYouNote, locale, { thanks }, { locals: { origin: 'https://mur.example.org' } });

describe('ThankYouNote', () => {
  it('gives the private link as selectable text, a copy button for scripts, and says it is emailed', async () => {
    const html = await note('fr', {
      kind: 'souvenir',
      publicId: 'p1',
      token,
      published: false,
      souvenirPublicId: null,
    });
    expect(html).toContain('attend sa relecture');
    expect(html).toContain(
      `<a href="https://mur.example.org/mes-souvenirs/${token}">https://mur.example.org/mes-souvenirs/${token}</a>`,
    );
    expect(html).toMatch(
      /<button type="button" class="button secondary copy-link" hidden>\s*Copier le lien\s*<\/button>/,
    );
    expect(html).toMatch(/class="copy-status" role="status" data-copied="Copié"/);
    expect(html).toContain('aussi envoyé par courriel');
    expect(html).toMatch(/<section class="confirmation" role="status"[^>]*id="confirmation"/);
  });

  it('thanks a commenter in English with a way back to the souvenir', async () => {
    const html = await note('en', { kind: 'comment', publicId: 'c1', token, published: true, souvenirPublicId: 's1' });
    expect(html).toContain('Your comment is published.');
    expect(html).toContain(`https://mur.example.org/en/mes-souvenirs/${token}`);
    expect(html).toContain('href="/en/souvenirs/s1"');
  });

  it('shows no link once the flash is gone, only where to find it', async () => {
    const html = await note('fr', null);
    expect(html).not.toContain('mes-souvenirs');
    expect(html).toContain('n’est plus affiché ici');
    expect(html).not.toContain('copy-link');
  });
});
