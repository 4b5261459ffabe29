import { describe, it, expect } from 'vitest';
import { canonicalWallSearch, parseWallQuery, wallHref, wallSearch } from '../../src/lib/wall/wall-query.ts';
import { layoutChoiceTarget, layoutCookie, layoutFromCookie, layoutRedirect } from '../../src/lib/wall/layout.ts';
import { csvCell, csvRow } from '../../src/lib/export/csv.ts';
import { DEFAULT_EMBED_FRAME_ANCESTORS, embedFrameAncestors } from '../../src/lib/wall/embed-policy.ts';
import { encodeKeysetCursor as encodeCursor } from '../../src/lib/pagination/keyset-cursor.ts';
import { screenPosition } from '../../src/lib/wall/screen-feed.ts';

const cursor = encodeCursor({ at: new Date('2026-01-01T00:00:00Z'), id: 42 });

describe('wall addresses', () => {
  it('parses a year, a hashtag, a cursor and the layout, and reports what does not parse', () => {
    const ok = parseWallQuery(
      new URLSearchParams({ annee: '1999', tag: '#Jazz', avant: cursor, 'mise-en-page': 'encadre' }),
    );
    expect(ok.problems).toEqual([]);
    expect(ok.query).toMatchObject({ year: 1999, tag: 'jazz', rawCursor: cursor, layout: 'encadre' });
    expect(ok.query.cursor).toEqual({ at: new Date('2026-01-01T00:00:00Z'), id: 42 });
    const bad = parseWallQuery(new URLSearchParams({ annee: '99', tag: 'a b', avant: 'x' }));
    expect(bad.problems).toEqual(['annee', 'tag', 'avant']);
    expect(bad.query).toMatchObject({ year: null, tag: null, cursor: null, rawCursor: null, layout: 'pleine' });
  });

  it('writes every link in one canonical order, the wide layout being the plain address', () => {
    expect(wallSearch({})).toBe('');
    expect(wallSearch({ layout: 'pleine' })).toBe('');
    expect(wallSearch({ layout: 'encadre', cursor, tag: 'jazz', year: 1999 })).toBe(
      `?annee=1999&tag=jazz&avant=${cursor}&mise-en-page=encadre`,
    );
    expect(wallHref('en', { tag: 'été' })).toBe('/en/?tag=%C3%A9t%C3%A9');
    expect(canonicalWallSearch(new URLSearchParams('mise-en-page=encadre&tag=Jazz&annee=1999'))).toBe(
      '?annee=1999&tag=jazz&mise-en-page=encadre',
    );
  });
});

describe('the layout toggle', () => {
  it('reads the remembered layout from the Cookie header', () => {
    expect(layoutFromCookie('a=1; mur_layout=encadre; b=2')).toBe('encadre');
    expect(layoutFromCookie('mur_layout=pleine')).toBe('pleine');
    expect(layoutFromCookie('mur_layout=autre')).toBeNull();
    expect(layoutFromCookie('xmur_layout=encadre')).toBeNull();
    expect(layoutFromCookie(null)).toBeNull();
  });

  it('redirects only the plain wall address, and only for the boxed layout', () => {
    const url = (path: string) => new URL(path, 'http://x');
    expect(layoutRedirect(url('/?annee=2001'), 'mur_layout=encadre')).toBe('/?annee=2001&mise-en-page=encadre');
    expect(layoutRedirect(url('/?mise-en-page=encadre'), 'mur_layout=encadre')).toBeNull();
    expect(layoutRedirect(url('/'), 'mur_layout=pleine')).toBeNull();
    expect(layoutRedirect(url('/partager'), 'mur_layout=encadre')).toBeNull();
  });

  it('comes back to the wall view it was on, and nowhere else', () => {
    expect(layoutChoiceTarget('encadre', '/en/?tag=jazz')).toBe('/en/?tag=jazz&mise-en-page=encadre');
    expect(layoutChoiceTarget('pleine', '/?tag=jazz&mise-en-page=encadre')).toBe('/?tag=jazz');
    expect(layoutChoiceTarget('encadre', '//evil.example/')).toBe('/?mise-en-page=encadre');
    expect(layoutChoiceTarget('encadre', 'https://evil.example/')).toBe('/?mise-en-page=encadre');
    expect(layoutChoiceTarget('encadre', '/moderation')).toBe('/?mise-en-page=encadre');
    expect(layoutChoiceTarget('pleine', null)).toBe('/');
  });

  it('remembers the choice for a year, never readable by scripts', () => {
    expect(layoutCookie('pleine', true)).toBe(
      'mur_layout=pleine; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly; Secure',
    );
    expect(layoutCookie('encadre', false)).not.toContain('Secure');
  });
});

describe('CSV cells', () => {
  it('quotes every text and doubles its quotes, keeping commas and line breaks inside the cell', () => {
    expect(csvCell('a "b", c\nd')).toBe('"a ""b"", c\nd"');
    expect(csvRow(['x', 1, null, true, ''])).toBe('"x",1,,true,""\r\n');
  });

  it('defuses formulas a spreadsheet would run', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvCell(`${start}HYPERLINK("http://evil")`)).toBe(`"'${start}HYPERLINK(""http://evil"")"`);
    }
    expect(csvCell('1+1')).toBe('"1+1"');
  });
});

describe('who may frame the embed', () => {
  it('defaults to any https site and ourselves', () => {
    expect(embedFrameAncestors(undefined)).toBe(DEFAULT_EMBED_FRAME_ANCESTORS);
    expect(embedFrameAncestors('  ')).toBe("'self' https:");
  });

  it('takes a list of sources, and nothing that could break the header', () => {
    expect(embedFrameAncestors('https://ville.example  https://*.musee.example:8443')).toBe(
      'https://ville.example https://*.musee.example:8443',
    );
    expect(embedFrameAncestors("'none'")).toBe("'none'");
    expect(embedFrameAncestors("https://a.example; script-src 'unsafe-inline'")).toBe(DEFAULT_EMBED_FRAME_ANCESTORS);
    expect(embedFrameAncestors("'none' https://a.example")).toBe(DEFAULT_EMBED_FRAME_ANCESTORS);
  });
});

describe('the live screen stream', () => {
  it('takes the position from Last-Event-ID, else from the page, and ignores anything else', () => {
    expect(screenPosition('42', '7')).toBe(42);
    expect(screenPosition(null, '7')).toBe(7);
    expect(screenPosition('abc', '0')).toBe(0);
    // An approval time from before the change sequence is not a position.
    expect(screenPosition('1795599588441', null)).toBeNull();
    expect(screenPosition(null, null)).toBeNull();
  });
});
