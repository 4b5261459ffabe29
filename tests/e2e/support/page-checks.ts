/**
 * The checks the accessibility tour makes on every page, run in one visit per page (opening a
 * page, and sending its form for the error states, is most of the tour's time).
 */
import type { Page } from 'playwright-core';
import { COLOUR_RULES, axeViolations } from './axe.ts';
import { horizontalOverflow } from './layout.ts';
import type { TourStop } from './tour.ts';
import { catalogue } from '../../../src/lib/i18n/catalogue.ts';
import { samePageIn } from '../../../src/lib/i18n/same-page.ts';

export const WIDTHS = [320, 375, 768, 1440, 1920];

/** What was wrong, per kind of check; every list empty when the site is right. */
export interface PageFindings {
  axe: string[];
  overflow: string[];
  text: string[];
  languages: string[];
}

export function noFindings(): PageFindings {
  return { axe: [], overflow: [], text: [], languages: [] };
}

const KEYS = Object.keys(catalogue);

/** No catalogue key shown as text, and `<html lang>` that of the page's locale. */
async function checkText(page: Page, stop: TourStop, found: string[]): Promise<void> {
  const text = await page.evaluate(
    () =>
      document.body.innerText +
      ' ' +
      [...document.querySelectorAll('[aria-label],[title],[alt],[placeholder]')]
        .map((e) => ['aria-label', 'title', 'alt', 'placeholder'].map((a) => e.getAttribute(a) ?? '').join(' '))
        .join(' ') +
      ' ' +
      document.title,
  );
  const shown = KEYS.filter((key) => new RegExp(`(^|[^\\w./-])${key.replaceAll('.', '\\.')}($|[^\\w.-])`).test(text));
  if (shown.length) found.push(`${stop.name}: ${shown.join(', ')}`);
  const lang = await page.getAttribute('html', 'lang');
  if (lang !== (stop.name.endsWith('-en') ? 'en' : 'fr')) found.push(`${stop.name}: <html lang="${lang}">`);
}

/** hreflang alternates and the language switch point at the same page in each language. */
async function checkLanguageLinks(page: Page, stop: TourStop, origin: string, found: string[]): Promise<string | null> {
  const here = new URL(page.url());
  const other = stop.name.endsWith('-en') ? 'fr' : 'en';
  const alternates = await page.$$eval('link[rel=alternate][hreflang]', (links) =>
    Object.fromEntries(links.map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')])),
  );
  for (const [hreflang, target] of [
    ['fr', 'fr'],
    ['en', 'en'],
    ['x-default', 'fr'],
  ] as const) {
    const expected = new URL(samePageIn(target, here.pathname, here.search), origin).href;
    if (alternates[hreflang] !== expected)
      found.push(`${stop.name}: hreflang ${hreflang} is ${alternates[hreflang]}, not ${expected}`);
  }
  const expected = samePageIn(other, here.pathname, here.search);
  const switchHref = await page.getAttribute('a.language-switch', 'href');
  if (switchHref !== expected) found.push(`${stop.name}: the language switch goes to ${switchHref}, not ${expected}`);
  return switchHref === expected ? expected : null;
}

/** Follows the language switch: the visitor lands on the same page, in the other language. */
async function followSwitch(page: Page, stop: TourStop, expected: string, found: string[]): Promise<void> {
  const other = stop.name.endsWith('-en') ? 'fr' : 'en';
  await Promise.all([page.waitForNavigation(), page.click('a.language-switch')]);
  const landed = new URL(page.url());
  if (landed.pathname + landed.search !== expected)
    found.push(`${stop.name}: switched to ${landed.pathname}${landed.search}`);
  if ((await page.getAttribute('html', 'lang')) !== other) found.push(`${stop.name}: switched page is not in ${other}`);
}

/**
 * Every check on one page in its state: text and languages, no sideways scroll at each width,
 * axe in the light scheme and its colour rules in the dark one (at 1280 px), then the language switch (it leaves the page).
 */
export async function checkPage(page: Page, stop: TourStop, origin: string, findings: PageFindings): Promise<void> {
  await checkText(page, stop, findings.text);
  const switchTarget = await checkLanguageLinks(page, stop, origin, findings.languages);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await horizontalOverflow(page);
    if (overflow > 0) findings.overflow.push(`${stop.name} at ${width} px: ${overflow} px too wide`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const v of await axeViolations(page, colorScheme === 'dark' ? COLOUR_RULES : undefined))
      findings.axe.push(`${stop.name} (${colorScheme}): ${v.id} — ${v.help} — ${v.targets.join(', ')}`);
  }
  // A page reached by sending a form would be left for its GET version: only plain pages switch.
  if (switchTarget !== null && !stop.act) await followSwitch(page, stop, switchTarget, findings.languages);
}
