import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import SouvenirCard from '../../src/components/SouvenirCard.astro';
import CommentList from '../../src/components/comments/CommentList.astro';
import CandleScript from '../../src/components/wall/CandleScript.astro';
import { souvenirCardHtml, standaloneCardOpeningHtml } from '../../src/lib/render/souvenir-card.ts';
import { commentListHtml } from '../../src/lib/render/comment-list.ts';
import { localeView } from '../../src/lib/i18n/locals.ts';
import type { Locale } from '../../src/lib/i18n/index.ts';
import type { PublicSouvenir } from '../../src/lib/souvenirs/model.ts';
import type { PublicComment } from '../../src/lib/comments/model.ts';
import type { CommentThread } from '../../src/lib/comments/list-comments.ts';
import { render } from './render.ts';
import { publicComment, publicSouvenir, shownPhoto as photo } from './fixtures.ts';

const view = localeView;
const stripScripts = (markup: string) => markup.replace(/<script type="module" src="[^"]*"><\/script>/g, '');
/** CandleScript.astro as it writes its answers, without its script. */
const candleAnswers = async (locale: Locale) => stripScripts(await render(CandleScript, locale));
/** The candle form's script and answers are rendered once per page, not by the template (candle-form.ts). */
const withoutScripts = async (markup: string, locale: Locale) =>
  stripScripts(markup).replace(await candleAnswers(locale), '');

/** Text an attacker or an unlucky name might carry: markup, quotes, entities, bidi controls. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "l'été & « les autres » ' \"",
  '&amp; &lt;b&gt; &#39;',
  '\u202Eélytic\u202C \u2067שלום\u2069 مرحبا',
  '{name} {title} $& $1',
  '',
];

function souvenirs(): PublicSouvenir[] {
  const base = publicSouvenir();
  const list: PublicSouvenir[] = [
    base,
    publicSouvenir({ title: 'Un soir de mai', pinned: true, commentCount: 1, candleCount: 0 }),
    publicSouvenir({ isDemo: true, authorName: 'Démo · Léa', commentCount: 2, candleCount: 1234 }),
    publicSouvenir({ isDemo: true, authorName: 'Démo · Léa', title: 'Le balcon', pinned: true }),
    publicSouvenir({ memoryYear: null, event: 'concert de Patti Smith', hashtags: [] }),
    publicSouvenir({ memoryYear: 2015, event: 'Eagles of Death Metal', hashtags: ['eodm', 'nov2015', 'amis'] }),
    publicSouvenir({ approvedAt: null, locale: 'en', photos: [photo(), photo({ id: 8 })] }),
    publicSouvenir({ photos: [photo({ contentNote: 'la foule, de très près', altText: '' })] }),
  ];
  for (const text of HOSTILE) {
    list.push(
      publicSouvenir({
        publicId: `id${list.length}`,
        title: text || null,
        authorName: text || 'x',
        event: text || null,
        hashtags: text ? [text] : [],
        photos: [photo({ altText: text, contentNote: text || null })],
      }),
    );
  }
  return list;
}

function comment(id: number, overrides: Partial<PublicComment> = {}): PublicComment {
  return publicComment({ id, publicId: `c${id}`, ...overrides });
}

function threads(): CommentThread[] {
  return [
    { comment: comment(1), replies: [] },
    {
      comment: comment(2, { authorWebsite: 'https://exemple.org/?a=1&b="2"', locale: 'en' }),
      replies: [comment(3, { parentId: 2 }), comment(4, { parentId: 2, authorName: HOSTILE[1]! })],
    },
    { comment: null, replies: [comment(5, { parentId: 9, approvedAt: null })] },
    ...HOSTILE.map((text, i) => ({
      comment: comment(10 + i, { authorName: text, publicId: `c-${text}`.slice(0, 20) }),
      replies: [],
    })),
  ];
}

describe('the card template', () => {
  for (const locale of ['fr', 'en'] as const) {
    it(`writes the bytes SouvenirCard.astro writes on the wall (${locale}), hostile text included`, async () => {
      for (const souvenir of souvenirs()) {
        const component = await withoutScripts(await render(SouvenirCard, locale, { souvenir }), locale);
        expect(souvenirCardHtml(view(locale), souvenir).value).toBe(component);
      }
    });
  }

  for (const locale of ['fr', 'en'] as const) {
    it(`writes the bytes SouvenirCard.astro writes at the top of a souvenir's page (${locale}), up to its candle script`, async () => {
      for (const souvenir of souvenirs()) {
        const props = { souvenir, standalone: true };
        const component = await withoutScripts(await render(SouvenirCard, locale, props), locale);
        expect(`${standaloneCardOpeningHtml(view(locale), souvenir).value}</article>`).toBe(component);
      }
    });
  }

  it('stays equal to the component for any title, name, event and tag', async () => {
    const text = fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", 'a', 'é', ' ', '\u202E', '{', '}', ';') });
    await fc.assert(
      fc.asyncProperty(text, text, text, text, async (title, name, event, tag) => {
        const souvenir = publicSouvenir({
          title: title || null,
          authorName: name,
          event: event || null,
          hashtags: tag ? [tag] : [],
        });
        const component = await withoutScripts(await render(SouvenirCard, 'fr', { souvenir }), 'fr');
        expect(souvenirCardHtml(view('fr'), souvenir).value).toBe(component);
      }),
      { numRuns: 60 },
    );
  });

  it('leaves the candle answers to the page, which says them once (CandleScript.astro)', async () => {
    const card = souvenirCardHtml(view('fr'), publicSouvenir()).value;
    expect(card).not.toMatch(/data-(failed|too-many|not-found|lit)=/);
    expect(card).toContain('data-lit-for="Votre bougie brûle pour «\u202FSouvenir de Camille\u202F»"');
    expect(await candleAnswers('fr')).toBe(
      '<template data-candle-answers data-failed="La bougie n’a pas pu être allumée\u202F; réessayez." data-too-many="Beaucoup de bougies allumées en peu de temps. Réessayez dans {wait}." data-not-found="Ce souvenir n’est plus sur le mur." data-lit="Votre bougie brûle"></template>',
    );
    expect(await candleAnswers('en')).toContain(
      'data-too-many="Many candles lit in a short time. Try again in {wait}."',
    );
  });

  it('never lets a title or a name out of its text or its attribute', () => {
    const souvenir = publicSouvenir({ title: HOSTILE[0]!, authorName: HOSTILE[1]! });
    const markup = souvenirCardHtml(view('fr'), souvenir).value;
    // Inside a quoted attribute `<` is only text; what matters is what is left outside the quotes.
    const outsideAttributes = markup.replace(/="[^"]*"/g, '=""');
    expect(outsideAttributes).not.toContain('<script');
    expect(outsideAttributes).not.toContain('<img src=x');
    expect(markup).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('the comment list template', () => {
  const action = '/souvenirs/abc123?_action=report';
  for (const locale of ['fr', 'en'] as const) {
    it(`writes the bytes CommentList.astro writes (${locale}), with report links, one open form or none`, async () => {
      const opened = [null, 'c1', 'c4', `c-${HOSTILE[1]!}`.slice(0, 20)];
      for (const report of [undefined, ...opened.map((open) => ({ action, error: null, open }))]) {
        const props = { threads: threads(), pagePath: '/souvenirs/abc123', report };
        const component = await render(CommentList, locale, props);
        expect(commentListHtml(view(locale), props.threads, props.pagePath, report)).toBe(component);
      }
    });
  }

  it('writes the same refused report form, open, with what the visitor chose and typed', async () => {
    const error = {
      targetKey: 'commentaire-c3',
      message: 'Choisissez une raison <b>',
      values: { reason: 'spam', note: '</textarea><script>alert(1)</script>' },
    };
    const props = { threads: threads(), pagePath: '/en/souvenirs/abc123', report: { action, error } };
    const component = await render(CommentList, 'en', props);
    const template = commentListHtml(view('en'), props.threads, props.pagePath, props.report);
    expect(template).toBe(component);
    expect(template).toContain('<details class="report" id="signaler-commentaire-c3" open>');
    expect(template).not.toContain('</textarea><script>');
  });

  it('writes one report form at most: the comment asked for with ?signaler=, a link under every other', () => {
    const list = threads();
    const comments = list.flatMap((t) => [t.comment, ...t.replies]).filter((c) => c !== null);
    const closed = commentListHtml(view('fr'), list, '/souvenirs/abc123', { action, error: null });
    expect(closed).not.toContain('<form');
    expect(closed.match(/<p class="report-link">/g)).toHaveLength(comments.length);
    expect(closed).toContain(
      // Its visible text, then its author (WCAG 2.5.3, label in name), quoted as Astro quotes an
      // attribute: c4 is written by a hostile name.
      '<p class="report-link"><a href="/souvenirs/abc123?signaler=c4#signaler-commentaire-c4" rel="nofollow" aria-label="Signaler ce commentaire de &quot;><img src=x onerror=alert(1)>">Signaler ce commentaire</a></p>',
    );
    const open = commentListHtml(view('fr'), list, '/souvenirs/abc123', { action, error: null, open: 'c4' });
    expect(open.match(/<form/g)).toHaveLength(1);
    expect(open).toContain('<details class="report" id="signaler-commentaire-c4" open>');
    expect(open).toContain(`<form method="post" action="${action}#signaler-commentaire-c4"`);
    expect(open.match(/<p class="report-link">/g)).toHaveLength(comments.length - 1);
  });

  it('keeps a hostile comment id inside its link', () => {
    const id = HOSTILE[1]!;
    const list = [{ comment: comment(1, { publicId: id }), replies: [] }];
    const html = commentListHtml(view('fr'), list, '/souvenirs/abc123', { action, error: null });
    expect(html).toContain(`href="/souvenirs/abc123?signaler=${encodeURIComponent(id)}#signaler-commentaire-&quot;>`);
    expect(html.replace(/="[^"]*"/g, '=""')).not.toContain('<img src=x');
  });

  it('writes the empty list as the component does', async () => {
    const props = { threads: [], pagePath: '/souvenirs/abc123' };
    expect(commentListHtml(view('fr'), [], props.pagePath)).toBe(await render(CommentList, 'fr', props));
  });
});
