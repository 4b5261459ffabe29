import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { wallPage, pinnedSouvenirs } from '../../src/lib/souvenirs/wall.ts';
import { decodeKeysetCursor as decodeCursor } from '../../src/lib/pagination/keyset-cursor.ts';
import type { WallPageOptions } from '../../src/lib/souvenirs/wall.ts';
import { script } from '../helpers/actors.ts';

describeEachDatabase('wall filters', (t) => {
  /** Approves souvenirs one minute apart, oldest first, so the wall's order is known. */
  async function seed(
    specs: Array<{ title: string; year?: number | null; body?: string; status?: 'approved' | 'pending' }>,
  ) {
    const start = Date.parse('2026-03-01T10:00:00Z');
    for (const [i, spec] of specs.entries()) {
      const s = await createSouvenir(
        t.db,
        {
          authorName: 'A',
          authorEmail: 'a@example.org',
          title: spec.title,
          body: spec.body ?? 'Texte.',
          memoryYear: spec.year ?? null,
          event: null,
          locale: 'fr',
        },
        { ipHash: null },
      );
      if (spec.status !== 'pending') {
        await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script, now: new Date(start + i * 60_000) });
      }
    }
  }

  /** Every title of a filtered wall, walked page by page through the cursors. */
  async function walk(options: WallPageOptions, limit = 2): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor = null;
    for (let guard = 0; guard < 20; guard++) {
      const page = await wallPage(t.db, { ...options, cursor, limit });
      pages.push(page.souvenirs.map((s) => s.title!));
      if (!page.next) return pages;
      cursor = decodeCursor(page.next);
      expect(cursor).not.toBeNull();
    }
    throw new Error('too many pages');
  }

  it('filters by memory year and pages through it by keyset', async () => {
    await seed([
      { title: 'a', year: 1999 },
      { title: 'b', year: 2005 },
      { title: 'c', year: 1999 },
      { title: 'd', year: 1999 },
      { title: 'e', year: 1999, status: 'pending' },
      { title: 'f', year: 1999 },
      { title: 'g', year: null },
    ]);
    expect(await walk({ year: 1999 })).toEqual([
      ['f', 'd'],
      ['c', 'a'],
    ]);
    expect(await walk({ year: 2005 })).toEqual([['b']]);
    expect(await walk({ year: 1900 })).toEqual([[]]);
  });

  it('filters by hashtag and pages through it by keyset', async () => {
    await seed([
      { title: 'a', body: 'Premier soir #jazz' },
      { title: 'b', body: 'Du rock #rock' },
      { title: 'c', body: 'Encore #Jazz et #rock' },
      { title: 'd', body: 'Sans' },
      { title: 'e', body: '#jazz toujours' },
      { title: 'f', body: 'En attente #jazz', status: 'pending' },
    ]);
    expect(await walk({ tag: 'jazz' })).toEqual([['e', 'c'], ['a']]);
    expect(await walk({ tag: 'rock' }, 1)).toEqual([['c'], ['b']]);
    expect(await walk({ tag: 'absent' })).toEqual([[]]);
  });

  it('combines a year and a hashtag', async () => {
    await seed([
      { title: 'a', year: 1999, body: '#jazz' },
      { title: 'b', year: 2000, body: '#jazz' },
      { title: 'c', year: 1999, body: '#rock' },
    ]);
    expect(await walk({ year: 1999, tag: 'jazz' })).toEqual([['a']]);
  });

  it('lists pinned souvenirs apart, newest first, and leaves them out of the unfiltered list', async () => {
    await seed([{ title: 'a' }, { title: 'b' }, { title: 'c' }, { title: 'd' }]);
    const rows = await t.db.selectFrom('souvenir').select(['id', 'title']).execute();
    const id = (title: string) => rows.find((r) => r.title === title)!.id;
    await decideSouvenir(t.db, { id: id('a'), decision: 'pin', actor: script });
    await decideSouvenir(t.db, { id: id('c'), decision: 'pin', actor: script });
    expect((await pinnedSouvenirs(t.db)).map((s) => s.title)).toEqual(['c', 'a']);
    expect(await walk({ excludePinned: true })).toEqual([['d', 'b']]);
    // A filtered view shows its pinned souvenirs in their place.
    expect(await walk({})).toEqual([
      ['d', 'c'],
      ['b', 'a'],
    ]);
  });

  it('walks the deep pages of the unfiltered wall, whose statement is compiled once, to every souvenir once', async () => {
    const titles = Array.from({ length: 45 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    await seed(titles.map((title) => ({ title })));
    const pinned = await t.db.selectFrom('souvenir').select('id').where('title', '=', 's10').executeTakeFirstOrThrow();
    await decideSouvenir(t.db, { id: pinned.id, decision: 'pin', actor: script });
    const newestFirst = titles.filter((title) => title !== 's10').reverse();
    // 20 a page, the wall's own size: every page after the first is the deep pages' statement.
    expect(await walk({ excludePinned: true }, 20)).toEqual([
      newestFirst.slice(0, 20),
      newestFirst.slice(20, 40),
      newestFirst.slice(40),
    ]);
  });

  it('runs one query per list whatever the filter, after a one-row count lookup for a hashtag', async () => {
    await seed([{ title: 'a', year: 1999, body: '#jazz' }]);
    t.queries.length = 0;
    await wallPage(t.db, { year: 1999 });
    await wallPage(t.db, { tag: 'jazz' });
    await wallPage(t.db, { year: 1999, tag: 'jazz', excludePinned: true });
    // Each page reads its souvenirs' photos and the content version in the same statement (issue 19).
    expect(t.queries).toHaveLength(5);
    expect(t.queries.filter((q) => q.includes('from photo p join photo_variant'))).toHaveLength(3);
    expect(t.queries.filter((q) => q.includes('"wall_tag"'))).toHaveLength(2);
    t.queries.length = 0;
    expect((await wallPage(t.db, { tag: 'personne' })).souvenirs).toEqual([]);
    expect(t.queries).toHaveLength(1);
  });
});
