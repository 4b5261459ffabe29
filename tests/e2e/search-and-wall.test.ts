import { describe, it, expect } from 'vitest';
import { withScript } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable } from './support/browser.ts';
import { documentScreenshot } from './support/layout.ts';

const hasChromium = chromiumAvailable();

describe.skipIf(!hasChromium)('search and the wall as a wall', () => {
  const suite = serverAndBrowser(async (server) => {
    await withScript(server, 'seed-demo.ts', []);
  });

  it('finds a souvenir by a word typed without its accents, from the wall’s search box', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 375, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${suite.server.origin}/`);
    await documentScreenshot('wall-375', (path) => page.screenshot({ path }));
    await page.fill('#recherche-q', 'facade coloree');
    await Promise.all([page.waitForURL(/\/recherche\?q=facade\+coloree$/), page.press('#recherche-q', 'Enter')]);
    const first = page.locator('.search-result').first();
    await expect(first.locator('h3').textContent()).resolves.toContain('Mon premier concert');
    await expect(first.locator('mark').allTextContents()).resolves.toEqual(['façade', 'colorée']);
    await documentScreenshot('search-375', (path) => page.screenshot({ path }));
    await page.setViewportSize({ width: 1440, height: 900 });
    await documentScreenshot('search-1440', (path) => page.screenshot({ path }));
    await context.close();
  });

  it('shows several columns at 1440 px, read and tabbed through row by row', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${suite.server.origin}/`);
    await documentScreenshot('wall-1440', (path) => page.screenshot({ path }));
    await page.evaluate(() => document.getElementById('souvenirs')!.scrollIntoView({ block: 'start' }));
    await documentScreenshot('wall-1440-cards', (path) => page.screenshot({ path }));
    await page.evaluate(() => window.scrollTo(0, 0));
    const boxes = await page.$$eval('#souvenirs > .souvenir-card', (cards) =>
      cards.map((card) => {
        const { left, top } = card.getBoundingClientRect();
        return { id: (card as HTMLElement).dataset.id!, left: Math.round(left), top: Math.round(top) };
      }),
    );
    const firstRow = boxes.filter((b) => b.top === boxes[0]!.top);
    expect(firstRow.length).toBeGreaterThanOrEqual(3);
    // Visual order row by row (top, then left) is the order of the document.
    const visual = [...boxes].sort((a, b) => a.top - b.top || a.left - b.left).map((b) => b.id);
    expect(visual).toEqual(boxes.map((b) => b.id));
    // And the keyboard follows it: tabbing from the first card visits the cards in that order.
    await page.focus('#souvenirs > .souvenir-card:first-child h2 a');
    const visited: string[] = [];
    for (let i = 0; i < 60 && visited.length < firstRow.length + 2; i += 1) {
      const id = await page.evaluate(
        () => document.activeElement?.closest<HTMLElement>('#souvenirs > .souvenir-card')?.dataset.id ?? null,
      );
      if (id && visited.at(-1) !== id) visited.push(id);
      await page.keyboard.press('Tab');
    }
    expect(visited).toEqual(boxes.slice(0, visited.length).map((b) => b.id));
    // Most commented (when anything is commented) sits beside the cards, not below them.
    if ((await page.locator('.most-commented').count()) > 0) {
      const aside = (await page.locator('.most-commented').boundingBox())!;
      expect(aside.x).toBeGreaterThan(Math.max(...boxes.map((b) => b.left)));
    }
    // "Encadré" stays the calm single column.
    await page.goto(`${suite.server.origin}/?mise-en-page=encadre`);
    const lefts = await page.$$eval('#souvenirs > .souvenir-card', (cards) =>
      cards.map((card) => Math.round(card.getBoundingClientRect().left)),
    );
    expect(new Set(lefts).size).toBe(1);
    await context.close();
  });

  it('polishes what a newcomer noticed: year labels, the year and event inputs, the lit candle', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 375, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${suite.server.origin}/`);
    const labelHeights = await page.$$eval('.year-chart text', (texts) =>
      texts.map((t) => t.getBoundingClientRect().height).filter((h) => h > 0),
    );
    expect(labelHeights.length).toBeGreaterThan(0);
    expect(Math.min(...labelHeights)).toBeGreaterThanOrEqual(12);
    const button = page.locator('.souvenir-card .candle-button').first();
    await button.click();
    await page.waitForSelector('.souvenir-card .candle-button[data-lit]');
    await expect(button.locator('.candle-button-text').textContent()).resolves.toBe('Votre bougie brûle');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${suite.server.origin}/partager`);
    const [year, event] = await Promise.all(['#year', '#event'].map((id) => page.locator(id).boundingBox()));
    expect(year!.y).toBe(event!.y);
    expect(year!.height).toBe(event!.height);
    await context.close();
  });
});
