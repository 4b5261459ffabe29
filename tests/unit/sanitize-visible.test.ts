import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SanitizeError, sanitizeBodyWithText, sanitizeContributionBody } from '../../src/lib/sanitize/sanitize.ts';
import { hasBidiControl, hasVisibleText, showBidiControls } from '../../src/lib/sanitize/visible.ts';

function refusal(raw: string): string | null {
  try {
    sanitizeContributionBody(raw);
    return null;
  } catch (error) {
    if (error instanceof SanitizeError) return error.code;
    throw error;
  }
}

describe('hasVisibleText', () => {
  it.each([
    // Nothing in zero-width characters, direction marks, fillers and lone combining marks…
    ['', false],
    [' \n\t', false],
    ['\u200B\u200C\u200D\u2060\uFEFF', false],
    ['\u200E\u200F\u061C', false],
    ['\u0301\u0308\u034F', false],
    ['\u3164\u115F\u00AD', false],
    ['\uFE0F', false],
    ['\u2800', false],
    ['\u{E0041}', false],
    // …but a letter, a digit, punctuation, an emoji or a letter under its mark.
    ['a', true],
    ['7', true],
    ['.', true],
    ['😀', true],
    ['e\u0301', true],
    ['ש', true],
    ['ع', true],
  ])('sees in %j something visible: %s', (text, visible) => {
    expect(hasVisibleText(text)).toBe(visible);
  });
});

describe('hasBidiControl', () => {
  it('finds embeddings, overrides and isolates but not the marks', () => {
    for (let code = 0x202a; code <= 0x202e; code++) expect(hasBidiControl(`a${String.fromCodePoint(code)}`)).toBe(true);
    for (let code = 0x2066; code <= 0x2069; code++) expect(hasBidiControl(String.fromCodePoint(code))).toBe(true);
    expect(hasBidiControl('\u200E\u200F\u061C مريم')).toBe(false);
  });
});

describe('sanitizeContributionBody', () => {
  it('refuses a body that is empty once sanitised, whichever way it got there', () => {
    for (const raw of [
      '\u200B',
      '<b>\u200D</b>',
      '<script>alert(1)</script>',
      '<style>p{}</style>',
      '&#8203;&nbsp;',
      '<p></p><br>',
    ]) {
      expect(refusal(raw), JSON.stringify(raw)).toBe('empty');
    }
  });

  it('returns what sanitizeBodyWithText returns for a body that shows something, and what it removed', () => {
    for (const raw of ['Un souvenir.', '<b>gras</b>', '\u200Bà', 'e\u0301']) {
      expect(sanitizeContributionBody(raw)).toEqual({ ...sanitizeBodyWithText(raw), removed: [] });
    }
    expect(sanitizeContributionBody('<u>souligné</u>').removed).toEqual(['<u>']);
  });

  it('stores nothing that shows nothing: any accepted body has a visible character in its text', () => {
    const piece = fc.constantFrom(
      '\u200B',
      '\u200E',
      '\u0301',
      ' ',
      '\n',
      '<b>',
      '</b>',
      '<i></i>',
      '&#8203;',
      'a',
      '<script>x</script>',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const raw = pieces.join('');
        const code = refusal(raw);
        if (code === null) expect(hasVisibleText(sanitizeContributionBody(raw).text)).toBe(true);
        else expect(hasVisibleText(sanitizeBodyWithText(raw).text)).toBe(false);
      }),
    );
  });
});

describe('showBidiControls', () => {
  it('writes every bidi control as its escape and leaves the marks and the rest as they are', () => {
    expect(showBidiControls('a\u202Eb\u2066c\u2069')).toBe('a\\u202Eb\\u2066c\\u2069');
    expect(showBidiControls('Léa \u200F!')).toBe('Léa \u200F!');
  });
});
