import { describe, expect, it } from 'vitest';
import SouvenirCard from '../../src/components/SouvenirCard.astro';
import { render } from './render.ts';
import { publicSouvenir } from './fixtures.ts';

const souvenir = publicSouvenir();

describe('SouvenirCard', () => {
  it('speaks the language of the locals it is rendered with, French at the root', async () => {
    const html = await render(SouvenirCard, 'fr', { souvenir });
    expect(html).toContain('Souvenir de Camille');
    expect(html).toContain('par Camille');
    expect(html).toContain('Souvenir de 1998');
    expect(html).toContain('href="/souvenirs/abc123"');
  });

  it('links under /en/ and says "by" on the English site', async () => {
    const html = await render(SouvenirCard, 'en', { souvenir });
    expect(html).toContain('Memory from Camille');
    expect(html).toContain('by Camille');
    expect(html).toContain('href="/en/souvenirs/abc123"');
    expect(html).not.toContain('par Camille');
  });

  it('keeps the author’s own language on their name and text', async () => {
    const html = await render(SouvenirCard, 'en', { souvenir });
    expect(html).toMatch(/<span lang="fr">by Camille<\/span>/);
  });
});
