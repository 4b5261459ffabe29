/**
 * Deep wall pages from their view's shell (issue 19): cut from one page, filled with another's
 * cards and cursors read from the database, kept in the render cache like a render. The shell here
 * is a page written the way index.astro writes its cursor (six times) and its next cursor (once);
 * tests/e2e/wall-shell.test.ts holds the real page to the same counts, byte for byte.
 */
import { it, expect } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase } from '../helpers/databases.ts';
import { RenderCache } from '../../src/lib/wall/render-cache.ts';
import { WallShells, deepWallRequest, wallShellSeed } from '../../src/lib/wall/wall-shell.ts';
import { fillFromShell } from '../../src/lib/wall/shell-fill.ts';
import { storeFreshPage } from '../../src/lib/wall/store-render.ts';
import { contentVersion, setBuildIdentity, versionEtag } from '../../src/lib/wall/content-version.ts';
import { strongEtag } from '../../src/lib/wall/http-cache.ts';
import { parseWallQuery } from '../../src/lib/wall/wall-query.ts';
import { wallPage } from '../../src/lib/souvenirs/wall.ts';
import { souvenirCardsHtml } from '../../src/lib/render/souvenir-card.ts';
import { localeView } from '../../src/lib/i18n/locals.ts';
import { decodeKeysetCursor } from '../../src/lib/pagination/keyset-cursor.ts';

const ORIGIN = 'https://mur.example';
const fr = localeView('fr');

/** A page as index.astro lays out its cursors: alternates (3), language switch, two layout links; then the cards and the next link. */
function pageOf(cursor: string, cards: string, next: string): string {
  const links = ['fr', 'en', 'x-default', 'switch', 'pleine', 'encadre'].map(
    (n) => `<a data-n="${n}" href="/?avant=${cursor}">`,
  );
  return `<html><head><title>Mur</title></head><body>${links.join('')}<div id="souvenirs">${cards}</div><a href="/?avant=${next}" rel="next"></a></body></html>`;
}

describeEachDatabase('deep wall pages from a shell', (t) => {
  async function seed(count: number) {
    await sql`
      insert into souvenir (public_id, author_name, author_email, body_raw, body_html, hashtags, status, pinned,
        token_hash, consent_at, approved_at)
      select 's' || g, 'Auteur ' || g, 'a' || g || '@example.invalid', 'Concert #jazz', '<p>Concert n°' || g || ' &amp; rappel</p>',
        array['jazz'], 'approved', g in (1, 50), md5('t' || g), now(), now() - g * interval '1 minute'
      from generate_series(1, ${count}) g`.execute(t.db);
  }

  /** The page at `cursor` as index.astro would write it, from the database. */
  async function realPage(cursor: string) {
    const page = await wallPage(t.db, { cursor: decodeKeysetCursor(cursor), excludePinned: true });
    const cards = souvenirCardsHtml(fr, page.souvenirs);
    return { page, cards, html: pageOf(cursor, cards, page.next ?? 'fin') };
  }

  const request = (path: string) => {
    const url = new URL(path, ORIGIN);
    return {
      url,
      key: ORIGIN + url.pathname + url.search,
      deep: deepWallRequest(url, ORIGIN + url.pathname + url.search),
    };
  };

  it('tells a deep wall page from the rest, and keys its shell by its view without the cursor', () => {
    const deep = request('/en/?tag=jazz&avant=abc.12&mise-en-page=encadre').deep!;
    expect(deep.shellKey).toBe(`${ORIGIN}/en/?tag=jazz&mise-en-page=encadre`);
    expect(deep.locale).toBe('en');
    expect(deep.query.rawCursor).toBe('abc.12');
    expect(request('/?avant=abc.12').deep!.shellKey).toBe(`${ORIGIN}/`);
    expect(request('/').deep).toBeNull();
    expect(request('/?avant=pas-un-curseur').deep).toBeNull();
    expect(request('/?annee=12&avant=abc.12').deep).toBeNull();
    expect(request('/recherche?avant=abc.12').deep).toBeNull();
  });

  it('seeds a shell only from a deep page with cards and a next page', () => {
    const { query, problems } = parseWallQuery(new URLSearchParams('avant=abc.12'));
    const page = { souvenirs: [], next: 'def.34', version: '1.0' };
    expect(wallShellSeed(query, problems, page, '<article>')).toEqual({
      cursor: 'abc.12',
      cards: '<article>',
      next: 'def.34',
    });
    expect(wallShellSeed(query, problems, { ...page, next: null }, '<article>')).toBeUndefined();
    expect(wallShellSeed(query, problems, page, '')).toBeUndefined();
    expect(wallShellSeed(parseWallQuery(new URLSearchParams('')).query, [], page, '<article>')).toBeUndefined();
    expect(wallShellSeed(query, ['tag'], page, '<article>')).toBeUndefined();
  });

  it('fills another deep page of the view with its own cards and cursors, equal to that page written whole', async () => {
    await seed(70);
    const first = await wallPage(t.db, { excludePinned: true });
    const second = await realPage(first.next!);
    const third = await realPage(second.page.next!);
    const shells = new WallShells();
    const shellPage = request(`/?avant=${first.next}`).deep!;
    const seed2 = { cursor: first.next!, cards: second.cards, next: second.page.next! };
    expect(shells.keep(shellPage, 1, new Headers({ 'content-type': 'text/html' }), second.html, seed2)).toBe(true);
    expect(shells.has(shellPage.shellKey, 1)).toBe(true);
    expect(shells.has(shellPage.shellKey, 2)).toBe(false);

    const filled = await shells.fill(t.db, request(`/?avant=${second.page.next}`).deep!, 1);
    expect(filled!.body.toString()).toBe(third.html);
    expect(filled!.headers).toEqual([['content-type', 'text/html']]);
    expect(filled!.version).toBe(third.page.version);
    expect(filled!.body.toString()).not.toContain('@example.invalid');
    // The unfiltered wall shows pinned souvenirs above its first page only: s50, pinned, is not on its third.
    expect(filled!.body.toString()).toContain('data-id="s49"');
    expect(filled!.body.toString()).not.toContain('data-id="s50"');
    // Another generation: the wall changed since the shell was cut.
    expect(await shells.fill(t.db, request(`/?avant=${second.page.next}`).deep!, 2)).toBeNull();
    expect(shells.counts.filled).toBeGreaterThanOrEqual(1);
  });

  it('fills a filtered view with its pinned souvenirs in their place', async () => {
    await seed(70);
    const view = (cursor: string) => request(`/?tag=jazz&avant=${cursor}`).deep!;
    const first = await wallPage(t.db, { tag: 'jazz' });
    const second = await wallPage(t.db, { tag: 'jazz', cursor: decodeKeysetCursor(first.next!) });
    const cards = souvenirCardsHtml(fr, second.souvenirs);
    const shells = new WallShells();
    const html = pageOf(first.next!, cards, second.next!);
    expect(
      shells.keep(view(first.next!), 1, new Headers(), html, { cursor: first.next!, cards, next: second.next! }),
    ).toBe(true);
    const filled = (await shells.fill(t.db, view(second.next!), 1))!.body.toString();
    expect(filled).toContain('data-id="s50"');
    expect(filled).toContain('data-id="s41"');
    expect(filled).not.toContain('data-id="s40"');
  });

  it('keeps no shell from a render begun before a change once the new shells are cut', () => {
    const shells = new WallShells();
    const html = pageOf('a1.b', '<article>x</article>', 'c2.d');
    const seed = { cursor: 'a1.b', cards: '<article>x</article>', next: 'c2.d' };
    expect(shells.keep(request('/?avant=a1.b').deep!, 2, new Headers(), html, seed)).toBe(true);
    expect(shells.keep(request('/en/?avant=a1.b').deep!, 1, new Headers(), html, seed)).toBe(false);
    expect(shells.has(`${ORIGIN}/`, 2)).toBe(true);
    expect(shells.has(`${ORIGIN}/en/`, 1)).toBe(false);
    expect(shells.keep(request('/en/?avant=a1.b').deep!, 3, new Headers(), html, seed)).toBe(true);
    expect(shells.has(`${ORIGIN}/`, 2)).toBe(false);
  });

  it('cuts no shell from a page whose cards repeat its cursor, and fills no last page', async () => {
    await seed(45);
    const first = await wallPage(t.db, { excludePinned: true });
    const second = await realPage(first.next!);
    const shells = new WallShells();
    const deep = request(`/?avant=${first.next}`).deep!;
    const sneaky = second.cards.replace('Concert', first.next!);
    const html = pageOf(first.next!, sneaky, second.page.next!);
    expect(
      shells.keep(deep, 1, new Headers(), html, { cursor: first.next!, cards: sneaky, next: second.page.next! }),
    ).toBe(false);
    expect(
      shells.keep(deep, 1, new Headers(), second.html, {
        cursor: first.next!,
        cards: second.cards,
        next: second.page.next!,
      }),
    ).toBe(true);
    // 45 souvenirs, one pinned: the third page is the last, and its pager differs from the shell's.
    expect(await shells.fill(t.db, request(`/?avant=${second.page.next}`).deep!, 1)).toBeNull();
    expect(
      new WallShells(0).keep(deep, 1, new Headers(), second.html, {
        cursor: first.next!,
        cards: second.cards,
        next: second.page.next!,
      }),
    ).toBe(false);
  });

  it('makes a deep page in the front cache from its shell, keeps it, and leaves to Astro what it cannot make', async () => {
    await seed(70);
    const cache = new RenderCache();
    const shells = new WallShells();
    const reader = async () => t.db;
    const first = await wallPage(t.db, { excludePinned: true });
    const second = await realPage(first.next!);
    const third = await realPage(second.page.next!);
    const { url, key } = request(`/?avant=${second.page.next}`);
    // Not listening for changes: nothing is made or kept.
    expect(fillFromShell(url, key, undefined, { cache, shells, reader })).toBeNull();
    cache.setAccepting(true);
    // No shell for the view yet: Astro renders the page.
    expect(fillFromShell(url, key, undefined, { cache, shells, reader })).toBeNull();
    const seed2 = { cursor: first.next!, cards: second.cards, next: second.page.next! };
    shells.keep(
      request(`/?avant=${first.next}`).deep!,
      cache.generation,
      new Headers({ 'x-kept': '1' }),
      second.html,
      seed2,
    );

    const made = await fillFromShell(url, key, undefined, { cache, shells, reader });
    expect(Buffer.from(made!.body).toString()).toBe(third.html);
    expect(cache.lookup(key)).toBe(made);
    expect(made!.headers).toContainEqual(['x-kept', '1']);
    // Without a build identity (tests, astro dev) the tag is the bytes' (which may start with "v"
    // as a version tag does: one run in 64 did).
    expect(made!.etag).toBe(strongEtag(made!.body));
    // A change empties the cache and outdates the shell.
    cache.invalidateAll();
    expect(fillFromShell(url, key, undefined, { cache, shells, reader })).toBeNull();
  });

  it('tags a page made from a shell with its content version when the build is known and the version the one kept', async () => {
    await seed(70);
    const cache = new RenderCache();
    cache.setAccepting(true);
    const shells = new WallShells();
    const first = await wallPage(t.db, { excludePinned: true });
    const second = await realPage(first.next!);
    shells.keep(request(`/?avant=${first.next}`).deep!, cache.generation, new Headers(), second.html, {
      cursor: first.next!,
      cards: second.cards,
      next: second.page.next!,
    });
    const { url, key } = request(`/?avant=${second.page.next}`);
    setBuildIdentity('build-test');
    try {
      const made = await fillFromShell(url, key, undefined, { cache, shells, reader: async () => t.db });
      expect(made!.etag).toBe(versionEtag(key, 'build-test', await contentVersion(t.db)));
    } finally {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('mur-des-souvenirs.build-identity')];
    }
  });

  it('stores a fresh page, and answers it even when a change came during its render', async () => {
    const cache = new RenderCache();
    cache.setAccepting(true);
    const page = {
      key: `${ORIGIN}/`,
      headers: [['content-type', 'text/html']] as const,
      body: Buffer.from('<p>mur</p>'),
      cacheControl: 'public, max-age=0',
      ttlMs: null,
      db: t.db,
      versionBefore: null,
    };
    const kept = await storeFreshPage({ ...page, generation: cache.generation }, cache);
    expect(cache.lookup(page.key)).toBe(kept);
    const late = await storeFreshPage({ ...page, key: `${ORIGIN}/en/`, generation: cache.generation - 1 }, cache);
    expect(Buffer.from(late.body).toString()).toBe('<p>mur</p>');
    expect(cache.lookup(`${ORIGIN}/en/`)).toBeUndefined();
  });
});
