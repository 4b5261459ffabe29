import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  sanitizeBody,
  sanitizeBodyWithText,
  sanitizeThroughDom,
  toPlainText,
  toPlainTextThroughDom,
} from '../../src/lib/sanitize/sanitize.ts';
import { formatPlainText, isPlainText, plainTextOf, plainTextOfFormatted } from '../../src/lib/sanitize/plain-text.ts';

/** Pieces of prose, URLs in their awkward shapes, and the whitespace the formatter reads. */
const piece = fc.constantFrom(
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  '\n \n',
  ' \n\t\n ',
  '\u00a0',
  '\u2028',
  '\u200b',
  '\ufeff',
  'Le',
  'concert',
  'é',
  'ÇA',
  '🎸',
  '❤️',
  '#Bataclan',
  '#MonPlusBeauSouvenirDuBataclan',
  '>',
  '"',
  "'",
  '`',
  '=',
  '.',
  ',',
  ';',
  ':',
  '!',
  '?',
  '…',
  '(',
  ')',
  '[',
  ']',
  '«',
  '»',
  '/',
  '-',
  '_',
  '%',
  '#',
  '*',
  'http://',
  'https://',
  'www.',
  'mailto:',
  'HTTPS://',
  'exemple.fr',
  'a.b/c?d=e',
  'x',
  'xhttp://',
  'https://.',
  'www..',
  '@',
  'a@',
  'a:b@',
  'https://a@b.fr/',
  'www.a:b@c.fr',
);
const prose = fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 40 }).map((parts) => parts.join(''));
const markupPiece = fc.constantFrom(
  '<b>',
  '</b>',
  '<em>',
  '</em>',
  '<a href="https://exemple.fr/?a=1&amp;b=2" title="t">',
  '<a href="javascript:x">',
  '</a>',
  '<blockquote>',
  '</blockquote>',
  '<p>',
  '</p>',
  '<br>',
  '&amp;',
  '&',
  '&nbsp;',
  '&lt;',
  '&#60;',
  '&eacute;',
  '<!-- x -->',
  '<script>x</script>',
  '\u0000',
  '\f',
  '\r',
);
const markup = fc.array(fc.oneof(piece, markupPiece), { maxLength: 40 }).map((parts) => parts.join(''));

describe('the plain-text path of the sanitiser', () => {
  it('gives the same HTML and text as the DOMPurify path for any text without markup', () => {
    fc.assert(
      fc.property(prose, (text) => {
        fc.pre(isPlainText(text.replace(/\r\n?/g, '\n')));
        expect(sanitizeBodyWithText(text)).toEqual(sanitizeThroughDom(text));
        expect(sanitizeBody(text)).toBe(sanitizeThroughDom(text).html);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads stored HTML without parsing it exactly as parsing does, or declines', () => {
    fc.assert(
      fc.property(fc.oneof(prose, markup), (input) => {
        const html = sanitizeBody(input);
        expect(toPlainText(html)).toBe(toPlainTextThroughDom(html));
        const unparsed = plainTextOfFormatted(html);
        if (isPlainText(input.replace(/\r\n?/g, '\n'))) expect(unparsed).not.toBeNull();
        if (unparsed !== null) expect(unparsed).toBe(toPlainTextThroughDom(html));
      }),
      { numRuns: 2000 },
    );
    expect(plainTextOfFormatted('<p>a <b>b</b></p>')).toBeNull();
    expect(plainTextOfFormatted('<p>a &eacute; b</p>')).toBeNull();
  });

  it('links bare URLs with our rel, splits paragraphs and lines', () => {
    expect(formatPlainText('Premier soir.\nVoir https://exemple.fr/a.\n\n  Deuxième  ')).toBe(
      '<p>Premier soir.<br>\nVoir <a href="https://exemple.fr/a" rel="nofollow ugc noopener noreferrer">https://exemple.fr/a</a>.</p>\n\n<p>Deuxième</p>',
    );
    expect(plainTextOf(' a\n\nb\u00a0 c ')).toBe('a b\u00a0 c');
  });

  it('leaves markup, references and control characters to DOMPurify', () => {
    for (const text of ['<b>x</b>', 'a &amp; b', 'a\u0000b', 'a\fb', 'a\rb', 'a\u0085b', 'lone \ud800 half']) {
      expect(isPlainText(text), JSON.stringify(text)).toBe(false);
    }
    expect(isPlainText('Le concert 🎸 > tout, « vraiment »\n\nwww.exemple.fr')).toBe(true);
  });
});
