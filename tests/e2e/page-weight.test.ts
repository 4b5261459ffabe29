import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { withScript } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable } from './support/browser.ts';
import { wallPermalinks } from './support/actors.ts';
import { kilobytes, measurePageWeight } from './support/weight.ts';
import type { PageWeight } from './support/weight.ts';

const hasChromium = chromiumAvailable();
const REPORT = path.resolve(import.meta.dirname, '../../test-results/page-weights.md');

// What each public page may load as script: its islands' loaders and enhancements, nothing else.
// (A budget, so that a framework runtime or a library slipping in fails here: one is tens of kB.
// 16 000 until the preview said what the wall removes of a text, which took the souvenir page's
// comment form to 16 055.)
const JS_BUDGET = 16_500;
// A first visit to the wall on a phone network, everything included (fonts too): issue 15, item 7.
const WALL_FIRST_VISIT_BUDGET = 150_000;

// Page weights do not depend on the database engine: measured in the PGlite pass only.
describe.skipIf(!hasChromium || Boolean(process.env.DATABASE_URL))('the weight of the public pages', () => {
  const pages: Array<{ name: string; path: string }> = [];

  const suite = serverAndBrowser(async (server) => {
    await withScript(server, 'seed-demo.ts', []);
    await server.start();
    const permalink = (await wallPermalinks(server))[0]!;
    pages.push(
      { name: 'Wall', path: '/' },
      { name: 'Wall, boxed', path: '/?mise-en-page=encadre' },
      { name: 'Search results', path: '/recherche?q=concert' },
      { name: 'Souvenir page', path: permalink },
      { name: 'Sharing form', path: '/partager' },
      { name: 'Live screen', path: '/ecran' },
      { name: 'Privacy', path: '/confidentialite' },
    );
  });

  it('sends no script beyond islands and enhancements, and reports what each page weighs', async () => {
    const rows: Array<{ name: string; weight: PageWeight }> = [];
    for (const page of pages) {
      // A first visit warms the server's page cache: the measure is what visitors usually get.
      await measurePageWeight(suite.browser, `${suite.server.origin}${page.path}`);
      rows.push({
        name: page.name,
        weight: await measurePageWeight(suite.browser, `${suite.server.origin}${page.path}`),
      });
    }
    const table = [
      '| Page | HTML | CSS | JS | Islands | Fonts | Total transferred | (decoded) | Script files | Inline script (in the HTML) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
      ...rows.map(({ name, weight: { transferred: t, decoded: d, scripts, inlineScript } }) => {
        const total = t.html + t.css + t.js + t.island + t.font;
        const decoded = d.html + d.css + d.js + d.island + d.font;
        const names = scripts.map((s) => s.replace(/^\/_astro\//, '').replace(/\.[\w-]+\.js$/, '')).join(', ') || '—';
        return `| ${name} | ${kilobytes(t.html)} | ${kilobytes(t.css)} | ${kilobytes(t.js)} | ${kilobytes(t.island)} | ${kilobytes(t.font)} | ${kilobytes(total)} | ${kilobytes(decoded)} | ${names} | ${kilobytes(inlineScript)} |`;
      }),
    ].join('\n');
    fs.mkdirSync(path.dirname(REPORT), { recursive: true });
    fs.writeFileSync(
      REPORT,
      `Measured in Chromium, empty browser cache, server cache warm (${new Date().toISOString()}).\n\n${table}\n`,
    );
    console.log(`\n${table}\n`);

    for (const { name, weight } of rows) {
      expect(weight.decoded.js + weight.inlineScript, `${name}: ${weight.scripts.join(', ')}`).toBeLessThanOrEqual(
        JS_BUDGET,
      );
      expect(weight.decoded.html, name).toBeGreaterThan(0);
    }
    const wall = rows.find((r) => r.name === 'Wall')!.weight.transferred;
    expect(wall.font, 'the wall loads its self-hosted fonts').toBeGreaterThan(0);
    const wallTotal = Object.values(wall).reduce((a, b) => a + b, 0);
    expect(wallTotal, `the wall's first visit: ${kilobytes(wallTotal)}`).toBeLessThanOrEqual(WALL_FIRST_VISIT_BUDGET);
    // Pages without a form to enhance send no script file at all (the sharing form has the
    // formatting bar and preview now, issue 15 items 1-3, within the script budget above).
    for (const name of ['Search results', 'Privacy'])
      expect(rows.find((r) => r.name === name)!.weight.scripts, name).toEqual([]);
  }, 180_000);
});
