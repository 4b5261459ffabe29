import { describe, expect, it } from 'vitest';
import SearchResult from '../../src/components/search/SearchResult.astro';
import { render } from './render.ts';
import { publicSouvenir } from './fixtures.ts';
import { excerptSegments } from '../../src/lib/search/excerpt.ts';

describe('SearchResult', () => {
  it('marks the matched words and prints everything else of the excerpt as text', async () => {
    // What ts_headline gives for a body whose author typed markup (escaped by the sanitiser).
    const headline =
      'un <mark>événement</mark> &lt;script&gt;alert(1)&lt;/script&gt; &lt;mark&gt;faux&lt;/mark&gt; &amp;amp; &lt;img src=x onerror=alert(1)&gt;';
    const html = await render(SearchResult, 'fr', {
      hit: { souvenir: publicSouvenir({ title: 'Un soir' }), excerpt: excerptSegments(headline) },
    });
    expect(html).toContain('<mark>événement</mark>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;mark&gt;faux&lt;/mark&gt;');
    expect(html).toContain('&amp;amp;');
    expect(html).not.toMatch(/<script|<img|<mark>faux/);
    expect(html.match(/<mark>/g)).toHaveLength(1);
  });

  it('names an untitled souvenir after its author once, not twice', async () => {
    const html = await render(SearchResult, 'en', {
      hit: { souvenir: publicSouvenir({ title: null }), excerpt: [{ text: 'La salle', hit: false }] },
    });
    expect(html).toContain('Memory from Camille');
    expect(html).not.toContain('by Camille');
    expect(html).toContain('href="/en/souvenirs/abc123"');
  });

  it('marks a demo souvenir with the badge of the page’s language, its name without the stored prefix', async () => {
    for (const [locale, badge, byline] of [
      ['en', '>Demo</span>', 'by Sarah'],
      ['fr', '>Démo</span>', 'par Sarah'],
    ] as const) {
      const html = await render(SearchResult, locale, {
        hit: {
          souvenir: publicSouvenir({ title: 'Un concert', authorName: 'Démo · Sarah', isDemo: true }),
          excerpt: [{ text: 'La salle', hit: false }],
        },
      });
      expect(html).toContain(badge);
      expect(html).toContain(byline);
      expect(html).not.toContain('Démo · Sarah');
    }
  });
});
