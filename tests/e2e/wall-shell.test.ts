/**
 * Deep wall pages from their view's shell (src/lib/wall/wall-shell.ts, issue 19): the page the
 * front cache fills without Astro is the page Astro renders, byte for byte, in every view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchServer, withScript } from './support/server.ts';
import { chromiumAvailable, launchBrowser } from './support/browser.ts';
import type { E2eServer } from './support/server.ts';
import { shareByHttp } from './support/actors.ts';
import { fetchPage, renderSlots, renderedByAstro, sameRender, shellPages } from './support/page-fetch.ts';

const SOUVENIRS = 64;
/** On the wall's third page (newest first, 20 a page), which comes from the shell. */
const HOSTILE = 10;
const PINNED = 15;
let server: E2eServer;

const get = (path: string, headers: Record<string, string> = {}) => fetchPage(server.origin, path, headers);

const rendered = (path: string) => renderedByAstro(server.origin, path);
const deepPages = () => shellPages(server.origin, 'mur_wall_deep_pages');

/** The "voir plus" link of a page. */
function nextOf(html: string): string {
  const href = /<a class="button" href="([^"]+)" rel="next"/.exec(html)?.[1];
  if (!href) throw new Error('no next page');
  // It leads to the next page's cards (#souvenirs): the address asked is the page's.
  expect(href).toMatch(/#souvenirs$/);
  return href.replaceAll('&amp;', '&').replace(/#souvenirs$/, '');
}

beforeAll(async () => {
  server = await launchServer({ LIFT_RATE_LIMITS: '1' });
  for (let i = 1; i <= SOUVENIRS; i++) {
    await shareByHttp(server, {
      title: i === HOSTILE ? 'La salle <en> fête & "rappel"' : `Concert numéro ${i}`,
      body:
        i === HOSTILE
          ? 'Un <script>alert(1)</script> soir de #jazz, <b>fort</b> & doux.'
          : `Le concert #jazz du soir numéro ${i}, la salle chantait.`,
      email: `auteur${i}@example.org`,
    });
  }
  const ids = Array.from({ length: SOUVENIRS }, (_, i) => String(i + 1));
  const approved = await withScript(server, 'souvenir.ts', ['approve', ...ids]);
  expect(approved.status).toBe(0);
  // On the third page of a filtered view; above the first page only, out of the lists, unfiltered.
  expect((await withScript(server, 'souvenir.ts', ['pin', String(PINNED)])).status).toBe(0);
}, 180_000);

afterAll(async () => {
  await server?.dispose();
});

describe('deep wall pages from their shell', () => {
  it('fills the next deep pages of each view from the first one Astro rendered, equal to what Astro renders', async () => {
    for (const first of ['/', '/en/', '/?mise-en-page=encadre', '/?tag=jazz', '/en/?tag=jazz&mise-en-page=encadre']) {
      const before = await deepPages();
      const start = await get(first);
      expect(start.status).toBe(200);
      const second = nextOf(start.html);
      const shellPage = await get(second);
      const third = nextOf(shellPage.html);
      const filled = await get(third);
      const after = await deepPages();
      expect(after.cut - before.cut, `${first}: the second page became the shell`).toBe(1);
      expect(after.filled - before.filled, `${first}: the third page came from it`).toBe(1);

      const astro = await rendered(third);
      expect(filled.status).toBe(200);
      expect(sameRender(filled.html)).toBe(sameRender(astro.html));
      // The page's own scripts are those its CSP allows: the shell's page's, the same ones.
      expect(filled.csp).toBe(shellPage.csp);
      expect(filled.html).not.toContain('@example.org');
      expect(filled.html).not.toBe(shellPage.html);
      expect((await get(third, { 'if-none-match': filled.etag! })).status).toBe(304);
    }
    // Every page above took its turn among the render slots and gave it back.
    expect(await renderSlots(server.origin)).toEqual({ size: 6, busy: 0, waiting: 0 });
  });

  it('keeps escaping intact and never shows one page’s cards or cursor on another', async () => {
    const second = nextOf((await get('/')).html);
    const third = nextOf((await get(second)).html);
    const pages = await Promise.all([get(second), get(third), get(nextOf((await get(third)).html))]);
    const all = pages.map((p) => p.html).join('');
    expect(all).toContain('La salle &lt;en&gt; fête &amp; &quot;rappel&quot;');
    expect(all).not.toContain('<script>alert(1)</script>');
    const cursor = (path: string) => new URLSearchParams(path.split('?')[1]).get('avant')!;
    expect(pages[1]!.html).toContain(`avant=${cursor(third)}`);
    expect(pages[1]!.html).not.toContain(`avant=${cursor(second)}"`);
    // A deep page starts with its cards: the figures and the year chart stay on the first page.
    for (const page of pages) {
      expect(page.html).not.toContain('id="annees"');
      expect(page.html).not.toContain('id="figures"');
      expect(page.html).toContain('href="/#figures"');
      // A tab or a history entry tells it from the first page.
      expect(page.html).toContain('<title>Le mur des souvenirs (suite) · Mur des Souvenirs</title>');
    }
    expect((await get('/')).html).toContain('id="annees"');
  });

  it('renders with Astro again after a change, and fills from the new shell', async () => {
    const view = '/?tag=jazz&mise-en-page=encadre';
    const second = nextOf((await get(view)).html);
    const third = nextOf((await get(second)).html);
    await get(third);
    await shareByHttp(server, {
      title: 'Après',
      body: 'Un dernier concert #jazz, la salle pleine.',
      email: 'apres@example.org',
    });
    await withScript(server, 'souvenir.ts', ['approve', String(SOUVENIRS + 1)]);
    // Another process approved it: its NOTIFY reaches this server a moment later.
    for (let tries = 0; !(await get(view)).html.includes('Après'); tries++) {
      if (tries > 50) throw new Error('the change never reached the wall');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const before = await deepPages();
    // The pages moved by one card: the same addresses show other cards, from a new shell.
    await get(second);
    const newThird = await get(third);
    const after = await deepPages();
    expect(after.cut - before.cut).toBe(1);
    expect(after.filled - before.filled).toBe(1);
    expect(sameRender(newThird.html)).toBe(sameRender((await rendered(third)).html));
  });

  it.skipIf(!chromiumAvailable())(
    'loads the next cards in place with JavaScript, and lands on them without',
    async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
        await page.goto(`${server.origin}/`);
        const cards = page.locator('#souvenirs > .souvenir-card');
        const before = await cards.count();
        await page.click('a[data-load-more]');
        await page.waitForFunction((n) => document.querySelectorAll('#souvenirs > .souvenir-card').length > n, before);
        expect(page.url()).toBe(`${server.origin}/`);
        expect(await page.evaluate(() => document.activeElement?.classList.contains('souvenir-card'))).toBe(true);

        const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
        const plain = await noScript.newPage();
        await plain.goto(`${server.origin}/`);
        await plain.click('a[rel=next]');
        await plain.waitForLoadState('load');
        expect(plain.url()).toMatch(/\?avant=.+#souvenirs$/);
        // The page opens on its cards, not on the heading and search above them.
        const top = await plain.evaluate(
          () => document.querySelector('#souvenirs .souvenir-card')!.getBoundingClientRect().top,
        );
        expect(Math.abs(top)).toBeLessThan(50);
        await noScript.close();
      } finally {
        await browser.close();
      }
    },
  );
});
