import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../../test-results/screenshots');
// Set to refresh the screenshots the project documents (docs/screenshots, committed); tests never write there otherwise.
const DOC_SCREENSHOTS =
  process.env.SAVE_DOC_SCREENSHOTS === '1' ? path.resolve(import.meta.dirname, '../../../docs/screenshots') : null;

/** How far the page's content reaches beyond the viewport's width (0 when nothing scrolls sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Saves a full-page screenshot as a test artifact (never committed). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Takes one of the screenshots docs/ shows (`take` writes it to the path given), only when SAVE_DOC_SCREENSHOTS=1. */
export async function documentScreenshot(name: string, take: (path: string) => Promise<unknown>): Promise<void> {
  if (!DOC_SCREENSHOTS) return;
  fs.mkdirSync(DOC_SCREENSHOTS, { recursive: true });
  await take(path.join(DOC_SCREENSHOTS, `${name}.png`));
}
