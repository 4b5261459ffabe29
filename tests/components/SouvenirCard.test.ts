import { describe, expect, it } from 'vitest';
import SouvenirCard from '../../src/components/SouvenirCard.astro';
import { markupCases, render } from './render.ts';
import { publicSouvenir } from './fixtures.ts';

const souvenir = publicSouvenir();
const titled = publicSouvenir({ title: 'Un soir de mai' });

describe('SouvenirCard', () => {
  markupCases(SouvenirCard, {
    'speaks the language of the locals it is rendered with, French at the root': {
      locale: 'fr',
      props: { souvenir: titled },
      has: ['Un soir de mai', 'par Camille', 'Souvenir de 1998', 'href="/souvenirs/abc123"'],
    },
    'links under /en/ and says "by" on the English site': {
      locale: 'en',
      props: { souvenir: titled },
      has: ['by Camille', 'href="/en/souvenirs/abc123"'],
      lacks: ['par Camille'],
    },
    'keeps the author’s own language on their name and text': {
      locale: 'en',
      props: { souvenir: titled },
      has: [/<span lang="fr">by Camille<\/span>/],
    },
    'invites to read and comment, with the comment count when there are comments': [
      {
        locale: 'fr',
        props: { souvenir },
        has: [/<a href="\/souvenirs\/abc123#commentaires" aria-describedby="souvenir-abc123">\s*Lire et commenter/],
        lacks: ['commentaire<'],
      },
      {
        locale: 'en',
        props: { souvenir: publicSouvenir({ commentCount: 3 }) },
        has: ['Read and comment', '3 comments'],
      },
      { locale: 'fr', props: { souvenir, standalone: true }, lacks: ['Lire et commenter'] },
    ],
  });

  it('names an untitled souvenir after its author once, without a "par" line', async () => {
    const html = await render(SouvenirCard, 'fr', { souvenir });
    expect(html).toContain('Souvenir de Camille');
    expect(html).not.toContain('par Camille');
    // Said once in what the card shows (the candle button's accessible name repeats the heading).
    expect(html.replace(/<[^>]*>/g, '').match(/Camille/g)).toHaveLength(1);
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
