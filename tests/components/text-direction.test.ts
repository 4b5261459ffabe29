import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import SouvenirCard from '../../src/components/SouvenirCard.astro';
import CommentItem from '../../src/components/comments/CommentItem.astro';
import { shareInput } from '../../src/actions/share-schema.ts';
import { commentInput } from '../../src/actions/comment-schema.ts';
import { SanitizeError, sanitizeContributionBody } from '../../src/lib/sanitize/sanitize.ts';
import { extractHashtags } from '../../src/lib/souvenirs/hashtags.ts';
import { render } from './render.ts';
import { publicComment, publicSouvenir } from './fixtures.ts';

// Text no template writes, so every text node holding it holds the visitor's text.
const START = 'QZX';
const END = 'XZQ';

/** Characters that have lied about direction (overrides, isolates, marks, RTL letters, digits) mixed with anything. */
const piece = fc.oneof(
  fc.constantFrom('\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'),
  fc.constantFrom(
    '\u200E',
    '\u200F',
    '\u061C',
    '\u200B',
    '\u0301',
    'ש',
    'מרים',
    'ع',
    'ليلى',
    '1982',
    ' · ',
    '\n',
    '\r',
  ),
  fc.constantFrom('\u0085', '\u009B', '\u0000', '<b>', '</b>', '&amp;', 'Camille', ' '),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
/** What people type in right-to-left scripts, marks and numbers included: accepted, so it must be contained. */
const allowedPiece = fc.oneof(
  fc.constantFrom('\u200E', '\u200F', '\u061C', 'ש', 'מרים כהן', 'ع', 'ليلى', '1982', '(٣)', ' · ', '«', '»', '😀'),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);
const text = (from: fc.Arbitrary<string>) => fc.array(from, { maxLength: 8 }).map((pieces) => pieces.join(''));
/** Mostly text the forms accept (the case that renders), often text they must refuse. */
const hostile = fc.oneof({ weight: 3, arbitrary: text(allowedPiece) }, { weight: 1, arbitrary: text(piece) });

const souvenir = publicSouvenir({ bodyHtml: '<p>Un concert.</p>', hashtags: [], candleCount: 0 });

const comment = publicComment({ ...souvenir, parentId: null, authorWebsite: null });

/** An element that keeps its content's direction to itself: `<bdi>`, or any element with `dir` (HTML's UA style gives it `unicode-bidi: isolate`). */
const isolates = (element: Element) => element.localName === 'bdi' || element.hasAttribute('dir');

/**
 * Every text node holding the visitor's text, each with the nearest isolating element around it
 * inside `root` (or null: nothing contains it).
 */
function placements(html: string, rootSelector: string): { text: string; isolate: Element | null }[] {
  const { document } = new JSDOM(`<!doctype html><body>${html}</body>`).window;
  const root = document.querySelector(rootSelector)!;
  const found: { text: string; isolate: Element | null }[] = [];
  const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent!.includes(START)) continue;
    let isolate: Element | null = null;
    for (let el = node.parentElement; el && el !== root.parentElement; el = el.parentElement) {
      if (isolates(el)) {
        isolate = el;
        break;
      }
    }
    found.push({ text: node.textContent!, isolate });
  }
  return found;
}

/** The user's text sits in isolating elements that hold none of the page's own parts (the byline's date). */
function expectContained(html: string, rootSelector: string, expectedPlacements: number): void {
  const found = placements(html, rootSelector);
  expect(found.length).toBeGreaterThanOrEqual(expectedPlacements);
  for (const { text, isolate } of found) {
    expect(isolate, JSON.stringify(text)).not.toBeNull();
    expect(isolate!.querySelector('time'), JSON.stringify(text)).toBeNull();
  }
}

describe('user text and its direction', () => {
  it('puts the author’s name, before the date, in an element of its own on the wall’s card', async () => {
    // A titled souvenir: an untitled one names its author in the heading, with no byline.
    const html = await render(SouvenirCard, 'fr', {
      souvenir: { ...souvenir, title: 'Un soir', authorName: `${START}מרים${END}` },
    });
    const { document } = new JSDOM(html).window;
    const time = document.querySelector('.meta time')!;
    const name = [...document.querySelectorAll('.meta *')].find(
      (el) => el.textContent!.includes('מרים') && isolates(el),
    );
    expect(name).toBeDefined();
    expect(name!.contains(time)).toBe(false);
  });

  it('any name, title, event or text is refused by the form or shown with its direction contained, on a card', async () => {
    let shown = 0;
    await fc.assert(
      fc.asyncProperty(hostile, hostile, hostile, hostile, async (name, title, event, body) => {
        const input = {
          name: `${START}${name}${END}`,
          email: 'camille@exemple.fr',
          title: `${START}${title}${END}`,
          event: `${START}${event}${END}`,
          body: `${START}${body}${END} #${START}${body}`,
          year: 1998,
          consent: true,
        };
        const parsed = shareInput.safeParse(input);
        if (!parsed.success) return;
        let sanitised: { html: string; text: string };
        try {
          sanitised = sanitizeContributionBody(parsed.data.body);
        } catch (error) {
          if (error instanceof SanitizeError) return;
          throw error;
        }
        shown += 1;
        const card = {
          ...souvenir,
          authorName: parsed.data.name,
          title: parsed.data.title,
          event: parsed.data.event,
          bodyHtml: sanitised.html,
          hashtags: extractHashtags(sanitised.text),
        };
        for (const standalone of [false, true]) {
          const html = await render(SouvenirCard, 'fr', { souvenir: card, standalone });
          // The title, the name, the event and the text, at least.
          expectContained(html, 'article', 4);
        }
        // The untitled heading carries the name instead (said once: no byline follows it).
        expectContained(await render(SouvenirCard, 'en', { souvenir: { ...card, title: null } }), 'article', 3);
      }),
      { numRuns: 150 },
    );
    // The property says something only if many inputs get through the form.
    expect(shown).toBeGreaterThan(30);
  });

  it('any name or comment is refused by the form or shown with its direction contained', async () => {
    let shown = 0;
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (name, body) => {
        const parsed = commentInput.safeParse({
          souvenir: 'abc123',
          name: `${START}${name}${END}`,
          email: 'lea@exemple.fr',
          body: `${START}${body}${END}`,
        });
        if (!parsed.success) return;
        let bodyHtml: string;
        try {
          bodyHtml = sanitizeContributionBody(parsed.data.body).html;
        } catch (error) {
          if (error instanceof SanitizeError) return;
          throw error;
        }
        shown += 1;
        for (const authorWebsite of [null, 'https://exemple.fr/']) {
          const html = await render(CommentItem, 'fr', {
            comment: { ...comment, authorName: parsed.data.name, bodyHtml, authorWebsite },
          });
          expectContained(html, 'article', 2);
        }
      }),
      { numRuns: 150 },
    );
    expect(shown).toBeGreaterThan(30);
  });
});
