import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { applyFormat, isLinkAddress } from '../../src/components/writing/format-text.ts';
import { MAX_BODY_LENGTH, bodyLength } from '../../src/lib/writing/body-length.ts';
import { previewBody } from '../../src/lib/writing/preview.ts';
import { sanitizeContributionBody } from '../../src/lib/sanitize/sanitize.ts';
import { shareInput } from '../../src/actions/share-schema.ts';

describe('applyFormat', () => {
  it('wraps the selection in the allowed tag and selects the words inside', () => {
    const r = applyFormat('La salle chantait.', 3, 8, 'bold');
    expect(r.value).toBe('La <strong>salle</strong> chantait.');
    expect(r.value.slice(r.selectionStart, r.selectionEnd)).toBe('salle');
    expect(applyFormat('a', 0, 1, 'italic').value).toBe('<em>a</em>');
    expect(applyFormat('a', 0, 1, 'cite').value).toBe('<cite>a</cite>');
    expect(applyFormat('a', 0, 1, 'strike').value).toBe('<del>a</del>');
  });

  it('leaves the caret between the tags when nothing is selected', () => {
    const r = applyFormat('ab', 1, 1, 'bold');
    expect(r.value).toBe('a<strong></strong>b');
    expect([r.selectionStart, r.selectionEnd]).toEqual([9, 9]);
  });

  it('quotes within a line with <q> and over several lines with <blockquote>', () => {
    expect(applyFormat('il a dit oui', 9, 12, 'quote').value).toBe('il a dit <q>oui</q>');
    expect(applyFormat('un\ndeux', 0, 7, 'quote').value).toBe('<blockquote>un\ndeux</blockquote>');
  });

  it('links the selection, or shows the address when nothing is selected, with the attribute escaped', () => {
    expect(applyFormat('le site', 3, 7, 'link', 'https://exemple.fr/?a=1&b="2"').value).toBe(
      'le <a href="https://exemple.fr/?a=1&amp;b=&quot;2&quot;">site</a>',
    );
    expect(applyFormat('', 0, 0, 'link', 'mailto:a@exemple.fr').value).toBe(
      '<a href="mailto:a@exemple.fr">mailto:a@exemple.fr</a>',
    );
  });

  it('writes markup the sanitiser keeps as it was written', () => {
    for (const command of ['bold', 'italic', 'quote', 'cite', 'strike'] as const) {
      const { value } = applyFormat('Le concert', 3, 10, command);
      expect(sanitizeContributionBody(value).html).toBe(`<p>${value}</p>`);
    }
    const { value } = applyFormat('Le site', 3, 7, 'link', 'https://exemple.fr/');
    expect(sanitizeContributionBody(value).html).toBe(
      '<p>Le <a href="https://exemple.fr/" rel="nofollow ugc noopener noreferrer">site</a></p>',
    );
  });
});

describe('isLinkAddress', () => {
  it('accepts http, https and mailto only, as the sanitiser does', () => {
    expect(isLinkAddress('https://exemple.fr/')).toBe(true);
    expect(isLinkAddress('HTTP://exemple.fr/')).toBe(true);
    expect(isLinkAddress('mailto:a@exemple.fr')).toBe(true);
    for (const refused of [
      'javascript:alert(1)',
      'data:text/html,x',
      '/relatif',
      'exemple.fr',
      'https://a b',
      'ftp://x',
      '',
    ])
      expect(isLinkAddress(refused), refused).toBe(false);
  });
});

describe('bodyLength', () => {
  it('counts a line end as one character, however the browser sent it', () => {
    expect(bodyLength('a\r\nb')).toBe(3);
    expect(bodyLength('a\rb\nc')).toBe(5);
    expect(bodyLength('é😀')).toBe(3);
  });

  it('lets the share form take a text at the limit sent with CR LF line ends', () => {
    const line = 'x'.repeat(99);
    const text = Array.from({ length: 100 }, () => line).join('\r\n');
    expect(bodyLength(text)).toBe(MAX_BODY_LENGTH.souvenir - 1);
    const parsed = shareInput.shape.body.safeParse(text);
    expect(parsed.success).toBe(true);
    expect(shareInput.shape.body.safeParse(`${text}xx`).success).toBe(false);
  });
});

describe('previewBody', () => {
  it('gives the HTML a share stores, and nothing for a blank text', () => {
    expect(previewBody('souvenir', 'Le <b>premier</b> rang')).toEqual({
      html: '<p>Le <b>premier</b> rang</p>',
      removed: [],
    });
    expect(previewBody('comment', '  \n ')).toEqual({ html: '', removed: [] });
  });

  it('names what the wall will not show of the text as typed, while it can still be changed', () => {
    const preview = previewBody('souvenir', 'Un soir <img src=x onerror=alert(1)> <b>dans la salle</b>');
    expect(preview).toEqual({ html: '<p>Un soir  <b>dans la salle</b></p>', removed: ['<img>'] });
    // Markup alone: refused as showing nothing, and what was removed says why.
    expect(previewBody('souvenir', '<img src=x onerror=alert(1)>')).toEqual({ refusal: 'empty', removed: ['<img>'] });
  });

  it('says why the form would refuse the text', () => {
    expect(previewBody('comment', 'x'.repeat(MAX_BODY_LENGTH.comment + 1))).toEqual({ refusal: 'too_long' });
    expect(previewBody('souvenir', 'x'.repeat(MAX_BODY_LENGTH.comment + 1))).toHaveProperty('html');
    expect(previewBody('souvenir', '<b></b>\u200b')).toEqual({ refusal: 'empty' });
  });

  it('equals the sanitiser’s stored HTML on random texts', () => {
    const pieces = fc.constantFrom(
      '<b>',
      '</b>',
      '<q>',
      '<a href="https://a.fr">',
      '</a>',
      '\n',
      '\n\n',
      'é',
      ' ',
      'x',
      '<script>',
      '&amp;',
      'www.a.fr',
    );
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')),
        (raw) => {
          const preview = previewBody('souvenir', raw);
          if ('refusal' in preview || raw.trim() === '') return;
          expect(preview.html).toBe(sanitizeContributionBody(raw).html);
        },
      ),
      { numRuns: 200 },
    );
  });
});
