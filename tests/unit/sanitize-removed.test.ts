import { describe, it, expect } from 'vitest';
import { removedMarkup, sanitizeBody, sanitizeContributionBody } from '../../src/lib/sanitize/sanitize.ts';
import { ATTACK_VECTORS } from '../e2e/support/attack-vectors.ts';

describe('removedMarkup', () => {
  it('names nothing for plain text and for the allowed tags with their attributes', () => {
    expect(removedMarkup('Un concert, une salle, https://exemple.fr\n\nUn autre paragraphe.')).toEqual([]);
    const allowed =
      '<b>gras</b> <em>e</em> <a href="https://exemple.fr" title="t">lien</a> <q cite="https://x.fr">q</q>';
    expect(removedMarkup(allowed)).toEqual([]);
  });

  it('names each removed tag and attribute once, as the sanitiser removed them', () => {
    const raw =
      '<img src=x onerror=alert(1)> texte <script>alert(1)</script> <img src=y> ' +
      '<a href="javascript:alert(1)" onclick="x()">lien</a> <span style="color:red">rouge</span><!-- note -->';
    expect(removedMarkup(raw)).toEqual(['<img>', '<script>', 'onclick', 'href', '<span>', '<!-- -->']);
    expect(sanitizeContributionBody(raw).removed).toEqual(removedMarkup(raw));
    // What it names is really gone from what is stored, and the words around it are not.
    const stored = sanitizeBody(raw);
    for (const gone of ['<img', '<script', 'onclick', 'javascript:', '<span', 'note'])
      expect(stored).not.toContain(gone);
    expect(stored).toContain('rouge');
  });

  it('does not count what the author loses nothing by: the document frame, or a typed rel', () => {
    expect(removedMarkup('<html><head></head><body><b>x</b></body></html>')).toEqual([]);
    expect(removedMarkup('<a href="https://exemple.fr" rel="nofollow">lien</a>')).toEqual([]);
    expect(removedMarkup('<b title="gras">x</b>')).toEqual(['title']);
  });

  it('names a dozen at most, then says there was more, and nothing for text the forms refuse on their own', () => {
    const many = Array.from({ length: 20 }, (_, i) => `<x-tag${i}>mot</x-tag${i}>`).join(' ');
    expect(removedMarkup(many)).toHaveLength(13);
    expect(removedMarkup(many).at(-1)).toBe('…');
    expect(removedMarkup(`<b>${'a'.repeat(30_000)}</b>`)).toEqual([]);
    expect(removedMarkup('<frameset><frame></frameset>')).toEqual([]);
  });

  it('names what the parser puts before the text’s body, where the sanitiser drops it unlisted', () => {
    expect(removedMarkup('<title>Mon titre</title> Bonjour')).toEqual(['<title>']);
    expect(removedMarkup('<script>alert(1)</script> Bonjour')).toEqual(['<script>']);
    expect(removedMarkup('<style>p{}</style><meta charset=x><link rel=x href=y><b>x</b>')).toEqual([
      '<style>',
      '<meta>',
      '<link>',
    ]);
    expect(removedMarkup('<!-- note --> Bonjour')).toEqual(['<!-- -->']);
    expect(sanitizeBody('<title>Mon titre</title> Bonjour')).toBe('<p>Bonjour</p>');
  });

  it('names only tags the author typed, not those the parser adds', () => {
    expect(removedMarkup('<table><tr><td>case</td></tr></table>')).toEqual(['<table>', '<tr>', '<td>']);
    // A longer name that starts like the parser's addition is not it.
    expect(removedMarkup('ok<table><td>x</td></table> <track>')).toEqual(['<table>', '<td>', '<track>']);
  });

  it('names something for every attack vector whose markup the sanitiser changes', () => {
    for (const vector of ATTACK_VECTORS) {
      const raw = `Une ligne.\n\n${vector}`;
      const html = sanitizeBody(raw);
      // Markup typed but not kept: the text's tags are not all in what is stored.
      const typedTags = [...raw.matchAll(/<([a-z][a-z0-9-]*)/gi)].map((m) => m[1]!.toLowerCase());
      const lost = typedTags.filter((tag) => !html.includes(`<${tag}`));
      if (lost.length) expect(removedMarkup(raw).length, vector).toBeGreaterThan(0);
    }
  });
});
