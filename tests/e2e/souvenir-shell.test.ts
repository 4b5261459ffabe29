/**
 * Souvenirs' own pages from the shell of another (src/lib/wall/souvenir-shell.ts, issue 19): the
 * page the front cache fills without Astro is the page Astro renders, byte for byte, for every
 * kind of souvenir: with photos (one behind a content note), comments and replies, a hostile
 * title and body, no title, in English, a demo souvenir; and only at a bare address.
 */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { withScript } from './support/server.ts';
import type { E2eServer } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable } from './support/browser.ts';
import { createAccount, shareByHttp, signIn, wallPermalinks } from './support/actors.ts';
import { postAndFollow } from './support/post-and-follow.ts';
import { fetchPage, renderedByAstro, sameRender, shellPages } from './support/page-fetch.ts';
import { picture } from '../helpers/photo-fixtures.ts';

const PASSWORD = 'une phrase de passe assez longue';
let server: E2eServer;
let permalinks: string[] = [];
/** The souvenir with a hostile title and comments. */
let hostile = '';

const get = (path: string, headers: Record<string, string> = {}) => fetchPage(server.origin, path, headers);

const rendered = (path: string) => renderedByAstro(server.origin, path);
const souvenirPages = () => shellPages(server.origin, 'mur_souvenir_pages');

/** Shares with photos as the form sends them (multipart), as Autrice. */
async function shareWithPhotos(fields: Record<string, string>, photos: Array<{ alt: string; note?: string }>) {
  const form = new FormData();
  for (const [name, value] of Object.entries({
    consent: 'on',
    name: 'Autrice',
    email: 'autrice@example.org',
    ...fields,
  }))
    form.set(name, value);
  for (const [i, photo] of photos.entries()) {
    form.set(
      `photo${i + 1}`,
      new Blob([new Uint8Array(await picture('jpeg'))], { type: 'image/jpeg' }),
      `photo${i + 1}.jpg`,
    );
    form.set(`photoAlt${i + 1}`, photo.alt);
    if (photo.note) form.set(`photoNote${i + 1}`, photo.note);
  }
  const res = await fetch(`${server.origin}/partager?_action=share`, {
    method: 'POST',
    headers: { origin: server.origin },
    body: form,
    redirect: 'manual',
  });
  expect(res.status, await res.text()).toBe(303);
}

/** A comment, held for moderation; returns its public id. */
async function comment(permalink: string, body: string, parent = '') {
  const id = permalink.split('/').pop()!;
  const res = await postAndFollow(server.origin, `${permalink}?_action=comment`, {
    souvenir: id,
    parent,
    body,
    name: 'Autrice',
    email: 'autrice@example.org',
  });
  const refusals = [...res.text.matchAll(/class="(?:field-error|form-error)[^"]*"[^>]*>([^<]*)/g)].map((m) => m[1]);
  expect(res.location, `${res.status} ${refusals.join(' | ')}`).toContain('commentaire=attente');
  return new URLSearchParams(res.location!.split('?')[1]!.split('#')[0]).get('c')!;
}

/** Approves every comment waiting, as a moderator does in the queue. */
async function approveComments(browser: Browser, count: number) {
  const admin = await signIn(browser, server, 'admin', PASSWORD);
  for (let i = 0; i < count; i++) {
    await admin.goto(`${server.origin}/moderation?type=commentaires`);
    const item = admin.locator('[data-queue-item][data-target="comment"]').first();
    await Promise.all([admin.waitForURL(/fait=approve/), item.locator('button[data-decision="approve"]').click()]);
  }
  await admin.context().close();
}

async function prepare(launched: E2eServer) {
  server = launched;
  await createAccount(server, 'admin', 'admin', PASSWORD);
  await server.start();
  await shareByHttp(server, { title: 'Concert numéro 1', body: 'Le concert #jazz du soir, la salle chantait.' });
  await shareByHttp(server, {
    title: 'La salle <en> fête & "rappel"',
    body: 'Un <script>alert(1)</script> soir de #rock, <b>fort</b> & doux. <a href="javascript:alert(1)">x</a>',
  });
  await shareByHttp(server, { name: '"><b>Léa', body: 'Sans titre, un soir au balcon.' });
  await shareWithPhotos({ title: 'Deux photos', body: 'La scène et la file.' }, [
    { alt: 'La file devant la salle, « la nuit »', note: 'Foule dense' },
    { alt: 'La scène éclairée en bleu' },
  ]);
  await shareWithPhotos({ title: 'Une photo voilée', body: 'Une seule photo.' }, [{ alt: 'Foule', note: 'Foule' }]);
  const english = await postAndFollow(server.origin, '/en/partager?_action=share', {
    consent: 'on',
    name: 'Sam',
    email: 'sam@example.org',
    title: 'A night in the hall',
    body: 'We sang all night.',
  });
  expect(english.status).toBe(200);
  expect((await withScript(server, 'souvenir.ts', ['approve', '1', '2', '3', '4', '5', '6'])).status).toBe(0);
  expect((await withScript(server, 'seed-demo.ts', [])).status).toBe(0);
  permalinks = await wallPermalinks(server);
}

describe.skipIf(!chromiumAvailable())("souvenirs' pages from their language's shell", () => {
  const suite = serverAndBrowser(prepare, 240_000);

  it('has comments and replies to show', async () => {
    // Found through pages the caches never keep, so that the tests below meet pages not seen yet.
    for (const path of permalinks) if ((await rendered(path)).html.includes('La salle &lt;en&gt;')) hostile = path;
    const first = await comment(hostile, 'Moi aussi, <i>ce soir-là</i> & le rappel.');
    await comment(hostile, 'Un autre soir.');
    await approveComments(suite.browser, 2);
    // A reply waits for what it answers to be published.
    await comment(hostile, 'Une réponse "citée" <script>alert(2)</script>.', first);
    await approveComments(suite.browser, 1);
    expect((await rendered(hostile)).html).toContain('Une réponse');
    // The approvals' invalidations reach the render cache a moment after their answers.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }, 120_000);

  it('fills every other souvenir’s page from the first one Astro rendered, equal to what Astro renders', async () => {
    expect(permalinks.length).toBeGreaterThanOrEqual(8);
    for (const language of ['', '/en']) {
      const before = await souvenirPages();
      const pages = permalinks.map((p) => `${language}${p.replace(/^\/en/, '')}`);
      // The shell is another souvenir's page: the one with comments comes from it.
      expect(pages[0]!.endsWith(hostile.split('/').pop()!)).toBe(false);
      const shellPage = await get(pages[0]!);
      expect(shellPage.status).toBe(200);
      for (const path of pages.slice(1)) {
        const filled = await get(path);
        expect(filled.status).toBe(200);
        const astro = await rendered(path);
        expect(sameRender(filled.html), path).toBe(sameRender(astro.html));
        expect(filled.html).not.toContain('@example.org');
        expect((await get(path, { 'if-none-match': filled.etag! })).status).toBe(304);
      }
      const after = await souvenirPages();
      expect(after.cut - before.cut, `${language}: one page became the shell`).toBe(1);
      expect(after.filled - before.filled, `${language}: the others came from it`).toBe(pages.length - 1);
    }
  });

  it('keeps escaping intact, and never shows one souvenir’s words on another’s page', async () => {
    const all = await Promise.all(permalinks.map((p) => get(p)));
    const hostile = all.find((p) => p.html.includes('La salle &lt;en&gt; fête &amp; &quot;rappel&quot;'));
    expect(hostile).toBeDefined();
    expect(hostile!.html).toContain('Une réponse');
    for (const page of all) {
      expect(page.html).not.toContain('<script>alert');
      expect(page.html).not.toContain('javascript:alert');
      expect(page.html.match(/<h1 /g)).toHaveLength(1);
    }
    expect(all.filter((p) => p.html.includes('Une réponse'))).toHaveLength(1);
    expect(all.filter((p) => p.html.includes('og:image'))).toHaveLength(1);
  });

  it('leaves pages asked with a question to Astro', async () => {
    const before = await souvenirPages();
    const path = permalinks[1]!;
    const page = await get(`${path}?bougie=allumee`);
    expect(page.status).toBe(200);
    expect((await souvenirPages()).filled).toBe(before.filled);
  });
});
