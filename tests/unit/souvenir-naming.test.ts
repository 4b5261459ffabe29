import { describe, expect, it } from 'vitest';
import { cardAuthorName, souvenirHeading } from '../../src/lib/souvenirs/naming.ts';
import { jsonFeed, rssOptions } from '../../src/lib/wall/feeds.ts';
import { publicSouvenir } from '../components/fixtures.ts';

describe('a souvenir’s name on cards, feeds and the live screen', () => {
  it('is its title with a byline, or "Souvenir de {name}" alone', () => {
    expect(souvenirHeading('fr', { title: 'Le balcon', authorName: 'Nadia' })).toEqual({
      heading: 'Le balcon',
      bylineNeeded: true,
    });
    expect(souvenirHeading('en', { title: null, authorName: 'Nadia' })).toEqual({
      heading: 'Memory from Nadia',
      bylineNeeded: false,
    });
  });

  it('says the author once in the feeds', () => {
    const untitled = publicSouvenir({ authorName: 'Nadia' });
    const titled = publicSouvenir({ id: 2, publicId: 'def456', title: 'Le balcon', authorName: 'Nadia' });
    const rss = rssOptions([untitled, titled], 'https://mur.example');
    expect(rss.items.map((item) => item.title)).toEqual(['Souvenir de Nadia', 'Le balcon, par Nadia']);
    expect(jsonFeed([untitled], 'https://mur.example', 'en').items[0]!.title).toBe('Memory from Nadia');
  });

  it('drops the demo prefix on cards only, where the badge says it', () => {
    expect(cardAuthorName({ authorName: 'Démo · Léa', isDemo: true })).toBe('Léa');
    expect(cardAuthorName({ authorName: 'Démo · Léa', isDemo: false })).toBe('Démo · Léa');
  });
});
