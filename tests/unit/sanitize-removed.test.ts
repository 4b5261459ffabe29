import { describe, it, expect } from 'vitest';
import { removedMarkup, sanitizeBody } from '../../src/lib/sanitize/sanitize.ts';

describe('removedMarkup', () => {
  it('names nothing for plain text and for the allowed tags with their attributes', () => {
    expect(removedMarkup('Un concert, une salle, https://exemple.fr\n\nUn autre paragraphe.')).toEqual([]);
    const allowed =
      '<b>gras</b> <em>e</em> <a href="https://exemple.fr" title="t">lien</a> <q cite="https://x.fr">q</q>';
    expect(removedMarkup(allowed)).toEqual([]);
  });

  it('names each removed tag and attribute once, in the order met, as the sanitiser removed them', () => {
    const raw =
      '<img src=x onerror=alert(1)> texte <script>alert(1)</script> <img src=y> ' +
      '<a href="javascript:alert(1)" onclick="x()">lien</a> <span style="color:red">rouge</span><!-- note -->';
    expect(removedMarkup(raw)).toEqual(['<img>', '<script>', 'onclick', 'href', '<span>', '<!-- -->']);
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

  it('names a dozen at most, and nothing for text the forms refuse on their own', () => {
    const many = Array.from({ length: 20 }, (_, i) => `<x-tag${i}>mot</x-tag${i}>`).join(' ');
    expect(removedMarkup(many)).toHaveLength(12);
    expect(removedMarkup(`<b>${'a'.repeat(30_000)}</b>`)).toEqual([]);
    expect(removedMarkup('<frameset><frame></frameset>')).toEqual([]);
  });
});
