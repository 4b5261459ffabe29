import { describe, it, expect } from 'vitest';
import { JSDOM } from 'jsdom';
import { withScript } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable, trapPage } from './support/browser.ts';
import { shareByHttp, createAccount, signIn } from './support/actors.ts';
import { hashIp } from '../../src/lib/privacy/ip-hash.ts';

const hasChromium = chromiumAvailable();
const PASSWORD = 'une phrase de passe assez longue';
const AUTHOR_EMAILS = ['mur1@example.org', 'mur2@example.org', 'ecran@example.org', 'redemarrage@example.org'];

describe.skipIf(!hasChromium)('the aggregated wall', () => {
  const suite = serverAndBrowser(async (server) => {
    await createAccount(server, 'admin', 'admin', PASSWORD);
    await server.start();
    for (const souvenir of [
      {
        name: 'Premier',
        email: AUTHOR_EMAILS[0]!,
        title: 'Souvenir de 1998',
        body: 'Le concert #rock de mes seize ans.',
        year: '1998',
      },
      { name: 'Second', email: AUTHOR_EMAILS[1]!, title: 'Souvenir de 2004', body: 'Une soirée #jazz.', year: '2004' },
    ])
      await shareByHttp(server, souvenir);
    await withScript(server, 'souvenir.ts', ['approve', '1', '2']);
  });

  it('remembers the chosen layout without JavaScript', async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${suite.server.origin}/`);
    await page.click('a[data-layout="encadre"]');
    await page.waitForLoadState('load');
    expect(page.url()).toContain('mise-en-page=encadre');
    await page.goto(`${suite.server.origin}/`);
    expect(page.url()).toContain('mise-en-page=encadre');
    await page.click('a[data-layout="pleine"]');
    await page.waitForLoadState('load');
    await page.goto(`${suite.server.origin}/`);
    expect(page.url()).not.toContain('mise-en-page=encadre');
    await context.close();
  });

  it('filters by year and by hashtag', async () => {
    const byYear = await (await fetch(`${suite.server.origin}/?annee=1998`)).text();
    expect(byYear).toContain('Souvenir de 1998');
    expect(byYear).not.toContain('Souvenir de 2004');
    const byTag = await (await fetch(`${suite.server.origin}/?tag=jazz`)).text();
    expect(byTag).toContain('Souvenir de 2004');
    expect(byTag).not.toContain('Souvenir de 1998');
  });

  it('answers a repeated request with 304 when the ETag matches', async () => {
    const first = await fetch(`${suite.server.origin}/`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toContain('public');
    const again = await fetch(`${suite.server.origin}/`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('serves an RSS feed that parses and a JSON Feed 1.1 with its fields', async () => {
    const rss = await (await fetch(`${suite.server.origin}/rss.xml`)).text();
    const xml = new JSDOM(rss, { contentType: 'text/xml' }).window.document;
    expect(xml.querySelector('parsererror')).toBeNull();
    expect(xml.documentElement.nodeName).toBe('rss');
    const titles = [...xml.querySelectorAll('item > title')].map((n) => n.textContent);
    expect(titles).toEqual(['Souvenir de 2004, par Second', 'Souvenir de 1998, par Premier']);
    const feed = (await (await fetch(`${suite.server.origin}/feed.json`)).json()) as {
      version: string;
      title: string;
      items: Array<Record<string, unknown>>;
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBeTruthy();
    for (const item of feed.items) {
      expect(item.id).toBeTruthy();
      expect(String(item.url)).toMatch(/^http/);
      expect(item.content_html ?? item.content_text).toBeTruthy();
    }
  });

  it('shows a souvenir on the live screen within 2 s of its approval, also after a server restart', async () => {
    const screen = await suite.browser.newPage();
    const traps = await trapPage(screen, suite.server.origin);
    await screen.goto(`${suite.server.origin}/ecran`);
    await screen.waitForLoadState('load');
    const onScreen = (title: string) =>
      screen.waitForFunction((t) => document.querySelector('#ecran-actuel')?.textContent?.includes(t), title, {
        timeout: 2_000,
      });

    await shareByHttp(suite.server, {
      name: 'Direct',
      email: AUTHOR_EMAILS[2]!,
      title: 'Arrivé en direct',
      body: 'La salle, ce soir-là.',
    });
    const admin = await signIn(suite.browser, suite.server, 'admin', PASSWORD);
    await admin.goto(`${suite.server.origin}/moderation`);
    const item = admin.locator('[data-queue-item]', { hasText: 'Arrivé en direct' });
    await Promise.all([admin.waitForURL(/fait=approve/), item.locator('button[data-decision="approve"]').click()]);
    await onScreen('Arrivé en direct');
    await admin.context().close();

    await shareByHttp(suite.server, {
      name: 'Après',
      email: AUTHOR_EMAILS[3]!,
      title: 'Après le redémarrage',
      body: 'Toujours là.',
    });
    await withScript(suite.server, 'souvenir.ts', ['approve', '4']);
    // The server restarted while the screen stayed open: the browser reconnects and catches up.
    await screen.waitForFunction(
      () => document.querySelector('#ecran-actuel')?.textContent?.includes('Après le redémarrage'),
      null,
      { timeout: 10_000 },
    );
    expect(traps.cspViolations).toEqual([]);
    expect(traps.dialogs).toEqual([]);
    await screen.close();
  });

  it('lights one candle per visitor per day and shows the count', async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.server.origin}/`);
    await page.locator('.souvenir-card h2 a', { hasText: 'Souvenir de 1998' }).click();
    await page.waitForLoadState('load');
    const count = page.locator('.candle-count').first();
    const before = Number((await count.textContent())!.replace(/\D/g, '') || '0');
    await page.locator('form.candle button').first().click();
    await page.waitForFunction(
      (n) => Number(document.querySelector('.candle-count')!.textContent!.replace(/\D/g, '') || '0') === n + 1,
      before,
    );
    await page.reload();
    await page.locator('form.candle button').first().click();
    await page.waitForTimeout(500);
    expect(Number((await count.textContent())!.replace(/\D/g, '') || '0')).toBe(before + 1);
    await page.close();
  });

  it('keeps every author email and IP hash out of public pages, feeds, the embed and the export', async () => {
    const ipHash = hashIp(suite.server.env.IP_HASH_SECRET!, '127.0.0.1')!;
    const wall = await (await fetch(`${suite.server.origin}/`)).text();
    const permalinks = [...wall.matchAll(/href="(\/souvenirs\/[A-Za-z0-9_-]+)"/g)].map((m) => m[1]!);
    const paths = [
      '/',
      '/en/',
      '/?mise-en-page=encadre',
      '/recherche?q=concert',
      '/?annee=1998',
      '/?tag=jazz',
      '/ecran',
      '/en/ecran',
      '/embed',
      '/rss.xml',
      '/feed.json',
      '/partager',
      '/confidentialite',
      ...permalinks,
    ];
    const bodies: Array<[string, string]> = [];
    for (const path of paths) bodies.push([path, await (await fetch(`${suite.server.origin}${path}`)).text()]);
    const admin = await signIn(suite.browser, suite.server, 'admin', PASSWORD);
    for (const format of ['json', 'csv']) {
      const res = await admin.context().request.get(`${suite.server.origin}/moderation/export.${format}`);
      expect(res.status()).toBe(200);
      bodies.push([`export.${format}`, await res.text()]);
    }
    await admin.context().close();
    const cli = await withScript(suite.server, 'export.ts', ['--format', 'json']);
    bodies.push(['npm run export', cli.stdout]);
    for (const [path, body] of bodies) {
      for (const email of AUTHOR_EMAILS) expect(body, path).not.toContain(email);
      expect(body, path).not.toContain(ipHash);
      expect(body, path).not.toMatch(/token_hash|ip_hash|author_email/);
    }
    expect(bodies.find(([p]) => p === 'export.json')![1]).toContain('Souvenir de 1998');
  });
});
