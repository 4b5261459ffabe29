import { describe, expect, it } from 'vitest';
import SouvenirCard from '../../src/components/SouvenirCard.astro';
import { render } from './render.ts';
import { publicSouvenir } from './fixtures.ts';

const souvenir = publicSouvenir();
const titled = publicSouvenir({ title: 'Un soir de mai' });

describe('SouvenirCard', () => {
  it('speaks the language of the locals it is rendered with, French at the root', async () => {
    const html = await render(SouvenirCard, 'fr', { souvenir: titled });
    expect(html).toContain('Un soir de mai');
    expect(html).toContain('par Camille');
    expect(html).toContain('Souvenir de 1998');
    expect(html).toContain('href="/souvenirs/abc123"');
  });

  it('links under /en/ and says "by" on the English site', async () => {
    const html = await render(SouvenirCard, 'en', { souvenir: titled });
    expect(html).toContain('by Camille');
    expect(html).toContain('href="/en/souvenirs/abc123"');
    expect(html).not.toContain('par Camille');
  });

  it('keeps the author’s own language on their name and text', async () => {
    const html = await render(SouvenirCard, 'en', { souvenir: titled });
    expect(html).toMatch(/<span lang="fr">by Camille<\/span>/);
  });

  it('names an untitled souvenir after its author once, without a "par" line', async () => {
    const html = await render(SouvenirCard, 'fr', { souvenir });
    expect(html).toContain('Souvenir de Camille');
    expect(html).not.toContain('par Camille');
    // Said once in what the card shows (the candle button's accessible name repeats the heading).
    expect(html.replace(/<[^>]*>/g, '').match(/Camille/g)).toHaveLength(1);
  });

  it('invites to read and comment, with the comment count when there are comments', async () => {
    const none = await render(SouvenirCard, 'fr', { souvenir });
    expect(none).toMatch(
      /<a href="\/souvenirs\/abc123#commentaires" aria-describedby="souvenir-abc123">\s*Lire et commenter/,
    );
    expect(none).not.toContain('commentaire<');
    const some = await render(SouvenirCard, 'en', { souvenir: publicSouvenir({ commentCount: 3 }) });
    expect(some).toContain('Read and comment');
    expect(some).toContain('3 comments');
    const page = await render(SouvenirCard, 'fr', { souvenir, standalone: true });
    expect(page).not.toContain('Lire et commenter');
  });

  it('marks a demo souvenir once', async () => {
    const demo = publicSouvenir({ isDemo: true, authorName: 'Démo · Léa' });
    const html = await render(SouvenirCard, 'fr', { souvenir: demo });
    expect(html).toContain('Souvenir de Léa');
    expect(html.replace(/<[^>]*>/g, '').match(/Démo/g)).toHaveLength(1);
    const titledDemo = await render(SouvenirCard, 'fr', { souvenir: { ...demo, title: 'Le balcon' } });
    expect(titledDemo).toContain('par Léa');
    expect(titledDemo.replace(/<[^>]*>/g, '').match(/Démo/g)).toHaveLength(1);
  });
});
