import type { Browser } from 'playwright-core';

export type ResourceKind = 'html' | 'css' | 'js' | 'island' | 'font' | 'other';

export interface PageWeight {
  /** Bytes on the wire (compressed bodies, as the Resource Timing API reports them), by kind. */
  transferred: Record<ResourceKind, number>;
  /** The same bodies once decoded. */
  decoded: Record<ResourceKind, number>;
  /** Every script the page loaded, by path. */
  scripts: string[];
  /** Characters of script written inside the HTML (small enhancements Astro inlines). */
  inlineScript: number;
}

function kindOf(url: URL, initiator: string): ResourceKind {
  if (url.pathname.startsWith('/_server-islands/')) return 'island';
  if (url.pathname.endsWith('.css')) return 'css';
  if (url.pathname.endsWith('.woff2')) return 'font';
  if (url.pathname.endsWith('.js') || url.pathname.endsWith('.mjs') || initiator === 'script') return 'js';
  return 'other';
}

/**
 * What a first visit to `url` costs, measured in Chromium with an empty cache: the document and
 * every resource it loaded (islands included) once the page has settled. The live screen's event
 * stream never ends, so it is left out.
 */
export async function measurePageWeight(browser: Browser, url: string): Promise<PageWeight> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  // Server islands are fetched after load: give them time to arrive.
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(300);
  const entries = await page.evaluate(() =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => {
      const r = e as PerformanceResourceTiming;
      return {
        name: r.name,
        type: r.entryType,
        initiator: r.initiatorType,
        encoded: r.encodedBodySize,
        decoded: r.decodedBodySize,
      };
    }),
  );
  const inlineScript = await page.evaluate(() =>
    [...document.scripts].filter((s) => !s.src).reduce((n, s) => n + (s.textContent?.length ?? 0), 0),
  );
  await context.close();
  const zero = (): Record<ResourceKind, number> => ({ html: 0, css: 0, js: 0, island: 0, font: 0, other: 0 });
  const weight: PageWeight = { transferred: zero(), decoded: zero(), scripts: [], inlineScript };
  for (const entry of entries) {
    const resource = new URL(entry.name);
    if (resource.pathname === '/ecran/flux') continue;
    const kind = entry.type === 'navigation' ? 'html' : kindOf(resource, entry.initiator);
    weight.transferred[kind] += entry.encoded;
    weight.decoded[kind] += entry.decoded;
    if (kind === 'js') weight.scripts.push(resource.pathname);
  }
  return weight;
}

/** "12.3 kB" (1 kB = 1 000 bytes, as transfer sizes are usually told). */
export function kilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
