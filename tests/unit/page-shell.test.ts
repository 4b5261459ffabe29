import { describe, expect, it } from 'vitest';
import { cutShell, fillShell } from '../../src/lib/render/page-shell.ts';

const page = (cursor: string, cards: string, next: string) =>
  `<link href="/?avant=${cursor}"><a href="/?avant=${cursor}">fr</a><main>${cards}</main><a href="/?avant=${next}" rel="next">`;

describe('a page shell (issue 19)', () => {
  const cuts = (cursor: string, cards: string, next: string) => [
    { hole: 'cursor' as const, text: cursor, count: 2 },
    { hole: 'cards' as const, text: cards, count: 1 },
    { hole: 'next' as const, text: next, count: 1 },
  ];

  it("gives another page of the kind from one page's shell and the other's parts, in UTF-8", () => {
    const shell = cutShell(page('a1.b', '<p>Été</p>', 'c2.d'), cuts('a1.b', '<p>Été</p>', 'c2.d'))!;
    expect(shell.holes).toEqual(['cursor', 'cursor', 'cards', 'next']);
    const values = { cursor: 'x9.y', cards: '<p>Hiver &amp; « neige »</p>', next: 'z8.w' };
    const expected = page('x9.y', '<p>Hiver &amp; « neige »</p>', 'z8.w');
    expect(fillShell(shell, values).toString()).toBe(expected);
    expect(fillShell(shell, values).equals(Buffer.from(expected))).toBe(true);
    // Four-byte characters and a string built piece by piece (as the cards are) fill exactly their bytes.
    let cards = '';
    for (const word of ['<p>🕯️', ' Bataclan ', '中文', '</p>']) cards += word;
    const filled = fillShell(shell, { ...values, cards });
    expect(filled.equals(Buffer.from(page('x9.y', cards, 'z8.w')))).toBe(true);
  });

  it('makes no shell when a hole is found more or fewer times than the page writes it', () => {
    // A card that happens to contain the cursor: three occurrences, not two.
    expect(cutShell(page('a1.b', '<p>a1.b</p>', 'c2.d'), cuts('a1.b', '<p>a1.b</p>', 'c2.d'))).toBeNull();
    expect(cutShell(page('a1.b', '<p>x</p>', 'c2.d'), cuts('a1.b', '<p>absent</p>', 'c2.d'))).toBeNull();
    expect(cutShell(page('a1.b', '<p>x</p>', 'c2.d'), cuts('', '<p>x</p>', 'c2.d'))).toBeNull();
  });

  it('makes no shell when two holes overlap', () => {
    const html = page('a1.b', '<p>x</p>', 'c2.d');
    expect(
      cutShell(html, [
        { hole: 'cards', text: '<main><p>x</p></main>', count: 1 },
        { hole: 'inner', text: '<p>x</p>', count: 1 },
      ]),
    ).toBeNull();
  });
});
