import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchServer, withScript } from './support/server.ts';
import type { E2eServer } from './support/server.ts';
import { chromiumAvailable, launchBrowser, trapPage } from './support/browser.ts';
import { postAndFollow } from './support/post-and-follow.ts';
import { wallPermalinks } from './support/actors.ts';

const hasChromium = chromiumAvailable();

// Accessibility, layout and text of these pages are the accessibility tour's (accessibility.test.ts).
describe.skipIf(!hasChromium)('every public page, in French and English', () => {
  let server: E2eServer;
  let browser: Browser;
  const pages: Array<{ name: string; path: string }> = [];

  beforeAll(async () => {
    // Several shares from one address in a few seconds: the flood rule has its own test.
    // From an empty data directory, as a first `npm start` (the other files copy a migrated one).
    server = await launchServer({ LIFT_RATE_LIMITS: '1' }, { start: false, emptyDatabase: true });
    const seeded = await withScript(server, 'seed-demo.ts', []);
    expect(seeded.stdout).toContain('demo souvenirs');
    await server.start();
    const permalink = (await wallPermalinks(server))[0]!;
    const shared = await postAndFollow(server.origin, '/partager?_action=share', {
      name: 'Visiteuse',
      email: 'visiteuse@example.org',
      body: 'Un souvenir en attente.',
      consent: 'on',
    });
    const authorPath = /\/mes-souvenirs\/[A-Za-z0-9_-]{32}/.exec(shared.text)![0];
    for (const [prefix, lang] of [
      ['', 'fr'],
      ['/en', 'en'],
    ] as const) {
      pages.push(
        { name: `wall-${lang}`, path: `${prefix}/` },
        { name: `share-${lang}`, path: `${prefix}/partager` },
        { name: `souvenir-${lang}`, path: `${prefix}${permalink}` },
        { name: `privacy-${lang}`, path: `${prefix}/confidentialite` },
        { name: `report-thanks-${lang}`, path: `${prefix}/signalement` },
        { name: `author-${lang}`, path: `${prefix}${authorPath}` },
        { name: `not-found-${lang}`, path: `${prefix}/nulle-part` },
      );
    }
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  async function open(
    path: string,
  ): Promise<{ page: Page; traps: Awaited<ReturnType<typeof trapPage>>; headers: Record<string, string> }> {
    const page = await browser.newPage();
    const traps = await trapPage(page, server.origin);
    const response = await page.goto(`${server.origin}${path}`);
    await page.waitForLoadState('load');
    return { page, traps, headers: response!.headers() };
  }

  it('sends the security headers and a CSP with hashes, never unsafe-inline scripts', async () => {
    for (const { path } of pages) {
      const { page, traps, headers } = await open(path);
      const csp = headers['content-security-policy'] ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(
        csp.split(';').find((d) => d.trim().startsWith('script-src')),
        path,
      ).not.toContain('unsafe-inline');
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toMatch(/strict-origin-when-cross-origin|same-origin|no-referrer/);
      expect(headers['permissions-policy'], path).toContain('camera=()');
      expect(headers['x-frame-options'], path).toBe('DENY');
      expect(headers['content-type'], path).toContain('charset=utf-8');
      expect(traps.cspViolations, path).toEqual([]);
      expect(
        traps.consoleErrors.filter((e) => !e.includes('404')),
        path,
      ).toEqual([]);
      await page.close();
    }
  });

  it('keeps every email address and IP hash out of public pages', async () => {
    for (const { path } of pages.filter((p) => !p.name.startsWith('author'))) {
      const html = await (await fetch(`${server.origin}${path}`)).text();
      expect(html, path).not.toMatch(/[A-Za-z0-9._%+-]+@(example\.org|example\.invalid)/);
    }
  });
});
