/**
 * Souvenirs' own pages from their language's shell (issue 19): cut from one souvenir's page at
 * the parts souvenirPageParts writes, filled with another's read from the database, kept in the
 * render cache like a render and dropped with that souvenir. The page here is those parts in
 * their order with fixed text between them; tests/e2e/souvenir-shell.test.ts holds the real page
 * byte-equal to Astro's render.
 */
import { it, expect } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase } from '../helpers/databases.ts';
import { RenderCache } from '../../src/lib/wall/render-cache.ts';
import { SouvenirShells, souvenirPageRequest } from '../../src/lib/wall/souvenir-shell.ts';
import { WallShells } from '../../src/lib/wall/wall-shell.ts';
import { fillFromShell } from '../../src/lib/wall/shell-fill.ts';
import { souvenirPageParts } from '../../src/lib/render/souvenir-page.ts';
import type { SouvenirHole } from '../../src/lib/render/souvenir-page.ts';
import { findSouvenirOwnPage } from '../../src/lib/souvenirs/own-page.ts';
import { localeView } from '../../src/lib/i18n/locals.ts';
import type { Locale } from '../../src/lib/i18n/index.ts';

const ORIGIN = 'https://mur.example';
const HOLES: SouvenirHole[] = ['head', 'languageSwitch', 'card', 'share', 'report', 'comments', 'commentTarget'];

function request(path: string) {
  const url = new URL(path, ORIGIN);
  const key = ORIGIN + url.pathname + url.search;
  return { url, key, own: souvenirPageRequest(url, key) };
}

describeEachDatabase("souvenirs' pages from a shell", (t) => {
  async function seed() {
    await sql`
      insert into souvenir (public_id, author_name, author_email, title, body_raw, body_html, status, token_hash,
        consent_at, approved_at)
      select 's' || g, 'Auteur ' || g, 'a' || g || '@example.invalid', case when g = 2 then 'La salle <en> fête & "rappel"' end,
        'Concert', '<p>Concert n°' || g || ' &amp; rappel</p>', case when g = 4 then 'pending' else 'approved' end,
        md5('t' || g), now(), now() - g * interval '1 minute'
      from generate_series(1, 4) g`.execute(t.db);
    await sql`
      insert into comment (public_id, souvenir_id, author_name, author_email, body_raw, body_html, status, locale,
        flag_reasons, approved_at)
      select 'c' || g, (select id from souvenir where public_id = 's2'), 'Commentatrice ' || g, 'c' || g || '@example.invalid',
        'Moi aussi', '<p>Moi aussi, ' || g || '</p>', 'approved', 'fr', '{}', now()
      from generate_series(1, 3) g`.execute(t.db);
  }

  /** A souvenir's page laid out as [id].astro lays it out: its parts in order, fixed text around them. */
  async function pageOf(publicId: string, locale: Locale = 'fr') {
    const { souvenir, threads, version } = (await findSouvenirOwnPage(t.db, publicId))!;
    const parts = souvenirPageParts(localeView(locale), souvenir, threads, ORIGIN);
    const html = `<!doctype html><html><head>${HOLES.map((hole) => `<i>${hole}</i>${parts[hole]}`).join('<b>entre</b>')}</body></html>`;
    return { souvenir, threads, version, html, seed: { souvenir, threads, origin: ORIGIN } };
  }

  it("tells a souvenir's bare address from the rest, and keys its shell by language and origin", () => {
    expect(request('/souvenirs/s1').own).toEqual({ publicId: 's1', locale: 'fr', shellKey: `${ORIGIN}/souvenirs/` });
    expect(request('/en/souvenirs/s1').own).toEqual({
      publicId: 's1',
      locale: 'en',
      shellKey: `${ORIGIN}/en/souvenirs/`,
    });
    expect(request('/souvenirs/s1?bougie=allumee').own).toBeNull();
    expect(request('/souvenirs/s1/').own).toBeNull();
    expect(request('/souvenirs/').own).toBeNull();
    expect(request('/?avant=abc.12').own).toBeNull();
  });

  it("fills another souvenir's page with its own parts, equal to that page written whole", async () => {
    await seed();
    const shells = new SouvenirShells();
    const first = await pageOf('s1');
    expect(shells.keep(request('/souvenirs/s1').own!, 1, new Headers({ 'x-page': 'un' }), first.html, first.seed)).toBe(
      true,
    );
    expect(shells.has(`${ORIGIN}/souvenirs/`, 1)).toBe(true);
    expect(shells.has(`${ORIGIN}/en/souvenirs/`, 1)).toBe(false);

    const second = await pageOf('s2');
    const filled = (await shells.fill(t.db, request('/souvenirs/s2').own!, 1))!;
    expect(filled.body.toString()).toBe(second.html);
    expect(filled.body.toString()).toContain('La salle &lt;en&gt; fête');
    expect(filled.body.toString()).toContain('Moi aussi, 3');
    expect(filled.body.toString()).not.toContain('@example.invalid');
    expect(filled.body.toString()).not.toContain('"s1"');
    expect(filled.headers).toEqual([['x-page', 'un']]);
    expect(filled.version).toBe(second.version);
    expect(filled.souvenirId).toBe(second.souvenir.id);
    expect(shells.counts.filled).toBeGreaterThanOrEqual(1);
    // Not published, unknown, or another generation: Astro renders it (a 404, or the new shell).
    expect(await shells.fill(t.db, request('/souvenirs/s4').own!, 1)).toBeNull();
    expect(await shells.fill(t.db, request('/souvenirs/inconnu').own!, 1)).toBeNull();
    expect(await shells.fill(t.db, request('/souvenirs/s3').own!, 2)).toBeNull();
  });

  it('cuts no shell where a part is written twice, or the id outside its parts', async () => {
    await seed();
    const shells = new SouvenirShells();
    const page = await pageOf('s1');
    const key = request('/souvenirs/s1').own!;
    const card = souvenirPageParts(localeView('fr'), page.souvenir, page.threads, ORIGIN).card;
    expect(shells.keep(key, 1, new Headers(), page.html.replace('</body>', `${card}</body>`), page.seed)).toBe(false);
    expect(
      shells.keep(key, 1, new Headers(), page.html.replace('</body>', '<a data-id="s1"></a></body>'), page.seed),
    ).toBe(false);
    expect(shells.keep(key, 1, new Headers(), page.html.replace('<title>', '<title>x'), page.seed)).toBe(false);
    expect(shells.has(key.shellKey, 1)).toBe(false);
    expect(shells.keep(key, 1, new Headers(), page.html, page.seed)).toBe(true);
  });

  it('keeps the filled page in the render cache, dropped when that souvenir changes', async () => {
    await seed();
    const cache = new RenderCache();
    cache.setAccepting(true);
    const generation = cache.generation;
    const souvenirs = new SouvenirShells();
    const context = { cache, souvenirs, shells: new WallShells(), reader: async () => t.db };
    const { url, key } = request('/souvenirs/s2');
    expect(fillFromShell(url, key, undefined, context)).toBeNull();
    const first = await pageOf('s1');
    souvenirs.keep(request('/souvenirs/s1').own!, generation, new Headers(), first.html, first.seed);
    const entry = (await fillFromShell(url, key, undefined, context))!;
    expect(Buffer.from(entry.body).toString()).toBe((await pageOf('s2')).html);
    expect(cache.lookup(key)).toBe(entry);
    cache.invalidateSouvenirs([(await pageOf('s3')).souvenir.id]);
    expect(cache.lookup(key)).toBe(entry);
    cache.invalidateSouvenirs([entry.souvenirId!]);
    expect(cache.lookup(key)).toBeUndefined();
  });
});
