import { describe, it, expect } from 'vitest';
import { withScript } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable, trapPage } from './support/browser.ts';
import { shareByHttp } from './support/actors.ts';
import { generatedAttackVectors } from './support/generated-vectors.ts';

const hasChromium = chromiumAvailable();
const PER_SOUVENIR = 12;

describe.skipIf(!hasChromium)('a few hundred attack vectors through the real form', () => {
  const vectors = generatedAttackVectors();
  const links: string[] = [];

  const suite = serverAndBrowser(async (server) => {
    await server.start();
    let count = 0;
    for (let i = 0; i < vectors.length; i += PER_SOUVENIR) {
      const chunk = vectors.slice(i, i + PER_SOUVENIR);
      await shareByHttp(server, {
        name: `Attaque ${i} <img src=x onerror=alert('name')>`,
        email: `attaque${i}@example.org`,
        title: `Vecteurs ${i} <script>alert('title')</script>`,
        event: `concert <svg onload=alert('event')>`,
        // A visible line: a chunk that sanitises to nothing (all scripts and styles) would be
        // refused as empty, which is right, and would leave its vectors untested in the page.
        body: [`Vecteurs ${i} à ${i + chunk.length - 1}.`, ...chunk].join('\n\n'),
      });
      count++;
    }
    const approved = await withScript(server, 'souvenir.ts', [
      'approve',
      ...Array.from({ length: count }, (_, k) => String(k + 1)),
    ]);
    expect(approved.status, approved.stderr).toBe(0);
  }, 180_000);

  it('has at least three hundred vectors', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(300);
    expect(new Set(vectors).size).toBe(vectors.length);
  });

  it('runs none of them on the wall or on any souvenir page', async () => {
    const page = await suite.browser.newPage();
    const traps = await trapPage(page, suite.server.origin);
    let next: string | null = '/';
    while (next) {
      await page.goto(`${suite.server.origin}${next}`);
      await page.waitForLoadState('load');
      for (const href of await page.locator('article h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!)))
        links.push(href);
      next = await page
        .locator('a[rel=next]')
        .getAttribute('href')
        .catch(() => null);
    }
    expect(links.length).toBe(Math.ceil(vectors.length / PER_SOUVENIR));
    for (const link of links) {
      await page.goto(`${suite.server.origin}${link}`);
      await page.waitForLoadState('load');
      // Give autofocus, animations and lazy handlers a moment to fire if anything slipped through.
      await page.mouse.move(200, 300);
      await page.waitForTimeout(50);
      const offenders = await page
        .locator('.souvenir-body')
        .evaluateAll((bodies) =>
          bodies.flatMap((b) =>
            [...b.querySelectorAll('*')]
              .filter(
                (el) =>
                  ![
                    'P',
                    'BR',
                    'A',
                    'ABBR',
                    'ACRONYM',
                    'B',
                    'BLOCKQUOTE',
                    'CITE',
                    'CODE',
                    'DEL',
                    'EM',
                    'I',
                    'Q',
                    'STRIKE',
                    'STRONG',
                  ].includes(el.tagName) ||
                  [...el.attributes].some((a) => a.name.startsWith('on') || a.name === 'style'),
              )
              .map((el) => el.outerHTML.slice(0, 80)),
          ),
        );
      expect(offenders, link).toEqual([]);
    }
    expect(traps.dialogs).toEqual([]);
    expect(traps.foreignRequests).toEqual([]);
    expect(traps.cspViolations).toEqual([]);
    expect(traps.consoleErrors).toEqual([]);
    await page.close();
  });
});
