import { describe, it, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { withScript } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable } from './support/browser.ts';
import { documentScreenshot } from './support/layout.ts';
import { shareByHttp, createAccount, signIn } from './support/actors.ts';
import { axeViolations } from './support/axe.ts';

const hasChromium = chromiumAvailable();
const PASSWORD = 'une phrase de passe assez longue';
const TITLES = ['Le premier rappel', 'La fosse', 'Le balcon', 'Arrivé pendant le gel'];

/** A venue screen in a browser context of its own, recording when what it shows changes (by this machine's clock). */
async function openScreen(browser: Browser, origin: string, path = '/ecran/salle'): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.addInitScript(() => {
    const log: Array<[string, string, number]> = [];
    (window as unknown as { venueLog: typeof log }).venueLog = log;
    new MutationObserver((records) => {
      for (const r of records) {
        const main = r.target as HTMLElement;
        if (r.attributeName === 'data-current') log.push(['current', main.dataset.current ?? '', Date.now()]);
        if (r.attributeName === 'data-silence') log.push(['silence', main.dataset.silence ?? '', Date.now()]);
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-current', 'data-silence'] });
  });
  await page.goto(`${origin}${path}`);
  return page;
}
const logOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { venueLog: Array<[string, string, number]> }).venueLog);

/** Presses a console button with the keyboard alone: focus moves to it by Tab, then Enter. */
async function press(page: Page, name: RegExp, within = 'main'): Promise<void> {
  const target = page.locator(within).getByRole('button', { name }).first();
  await target.waitFor();
  for (let i = 0; i < 80 && !(await target.evaluate((b) => b === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  expect(await target.evaluate((b) => b === document.activeElement)).toBe(true);
  // A navigation, not the address: after an earlier press the address already holds `fait=1`, and
  // waiting for it returned at once, before the new page (a CI run read the old console).
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  expect(page.url()).toMatch(/fait=1/);
}

describe.skipIf(!hasChromium)(
  'commemoration: the venue screen, its console and the moment of silence (issue 21)',
  () => {
    const ids: Record<string, string> = {};
    const suite = serverAndBrowser(async (server) => {
      await createAccount(server, 'admin', 'regie', PASSWORD);
      await server.start();
      for (const [i, title] of TITLES.entries())
        await shareByHttp(server, { name: 'Alex', email: `salle${i}@example.org`, title, body: `Texte ${title}.` });
      await withScript(server, 'souvenir.ts', ['approve', '1', '2', '3', '4']);
    });
    let desk: Page;

    it('runs from a phone at 375 px with the keyboard alone, and axe finds nothing', async () => {
      desk = await signIn(suite.browser, suite.server, 'regie', PASSWORD);
      await desk.setViewportSize({ width: 375, height: 740 });
      await desk.goto(`${suite.server.origin}/moderation/ecran`);
      expect(await axeViolations(desk)).toEqual([]);
      // A reference that names no souvenir: a sentence beside the form, what was typed kept.
      await desk.getByLabel('Numéro ou adresse du souvenir').fill('pas-un-souvenir');
      await Promise.all([
        desk.waitForLoadState('load'),
        desk.getByLabel('Numéro ou adresse du souvenir').press('Enter'),
      ]);
      await desk.waitForSelector('[role=alert]');
      expect(await desk.textContent('[role=alert]')).toContain('n’est pas publié sur le mur');
      expect(await desk.getByLabel('Numéro ou adresse du souvenir').inputValue()).toBe('pas-un-souvenir');
      await desk.goto(`${suite.server.origin}/moderation/ecran`);
      for (const title of TITLES.slice(0, 3)) await press(desk, new RegExp(`Mettre à l’écran\\s: ${title}`));
      // Each item gets one second: typed in its field, sent with Enter (the form's first button saves the time).
      for (const title of TITLES.slice(0, 3)) {
        const item = desk.locator('.venue-rundown li', { hasText: title });
        await item.getByLabel('Secondes à l’écran').fill('1');
        await Promise.all([desk.waitForURL(/fait=1/), item.getByLabel('Secondes à l’écran').press('Enter')]);
      }
      const rundown = await desk.locator('.venue-rundown li > p bdi').allTextContents();
      expect(rundown).toEqual(TITLES.slice(0, 3));
      for (const li of await desk.locator('.venue-rundown li').all())
        ids[(await li.locator('p bdi').textContent())!] = (await li.getAttribute('data-id'))!;
      expect(await desk.locator('.venue-now').textContent()).toContain('En lecture');
      expect(await desk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await documentScreenshot('commemoration-console-375', (path) => desk.screenshot({ path, fullPage: true }));
      expect(await axeViolations(desk)).toEqual([]);
      // The anniversary, scheduled for today (Paris) by the admin: the wall shows its banner.
      const [day, month] = new Intl.DateTimeFormat('fr-FR', {
        timeZone: 'Europe/Paris',
        day: 'numeric',
        month: 'numeric',
      })
        .format(new Date())
        .split('/');
      await desk.getByLabel('Jour', { exact: true }).fill(day!);
      await desk.getByLabel('Mois', { exact: true }).fill(month!);
      await desk.getByLabel('De', { exact: true }).fill('00:00');
      await desk.getByLabel('À', { exact: true }).fill('23:59');
      await Promise.all([
        desk.waitForURL(/fait=1/),
        desk.getByRole('button', { name: 'Enregistrer le jour anniversaire' }).press('Enter'),
      ]);
      const wall = await (await suite.browser.newContext()).newPage();
      await wall.goto(`${suite.server.origin}/`);
      expect(await wall.locator('.anniversary-banner').textContent({ timeout: 5_000 })).toContain(
        'nous nous souvenons ensemble',
      );
      expect(await axeViolations(wall)).toEqual([]);
      await documentScreenshot('commemoration-wall-anniversary', (path) => wall.screenshot({ path }));
      await wall.context().close();
    });

    it('plays the rundown in order with its durations, and a frozen screen shows nothing new', async () => {
      const screen = await openScreen(suite.browser, suite.server.origin);
      await press(desk, /^Figer$/);
      await press(desk, /Mettre à l’écran\s: Arrivé pendant le gel/);
      await screen.waitForTimeout(4_000);
      const changes = (await logOf(screen)).filter(([kind, id]) => kind === 'current' && id !== '');
      const order = TITLES.slice(0, 3).map((t) => ids[t]);
      const played = changes.map(([, id]) => id);
      expect(played.length).toBeGreaterThanOrEqual(4);
      const start = order.indexOf(played[0]!);
      expect(played).toEqual(played.map((_, i) => order[(start + i) % 3]));
      // One second each, as set: the steps after the first (which may start mid-item) keep time.
      for (let i = 2; i < changes.length; i++)
        expect(Math.abs(changes[i]![2] - changes[i - 1]![2] - 1_000)).toBeLessThan(250);
      expect(await desk.locator('.venue-rundown').textContent()).toContain('attend que l’écran soit libéré');
      expect(await screen.locator('.venue-anniversary').isVisible()).toBe(true);
      await press(desk, /^Libérer$/);
      await screen.close();
    });

    it('shows the silence on two venue screens and the public one within half a second, and all resume together', async () => {
      const screens = [
        await openScreen(suite.browser, suite.server.origin),
        await openScreen(suite.browser, suite.server.origin),
        await openScreen(suite.browser, suite.server.origin, '/ecran'),
      ];
      await Promise.all(
        screens.slice(0, 2).map((s) => s.waitForFunction(() => document.querySelector('main')?.dataset.current)),
      );
      await desk.getByLabel('Durée (secondes)').fill('5');
      await press(desk, /Lancer le silence/);
      // The silence starts a little after the button, on the server's clock; 'off' counts once it was 'on'.
      const silenceOf = async (s: Page) => {
        const log = (await logOf(s)).filter(([kind]) => kind === 'silence').map(([, v, time]) => [v, time] as const);
        const on = log.find(([v]) => v === 'on')?.[1];
        const off = log.find(([v, time]) => v === 'off' && on !== undefined && time > on)?.[1];
        return { on, off };
      };
      await screens[0]!.waitForFunction(() => document.querySelector('main')?.dataset.silence === 'on', null, {
        timeout: 5_000,
      });
      // Once the fade (1.5 s) is over.
      await screens[0]!.waitForTimeout(1_600);
      await documentScreenshot('commemoration-silence', (path) => screens[0]!.screenshot({ path }));
      await expect
        .poll(async () => (await Promise.all(screens.map(silenceOf))).every((x) => x.off !== undefined), {
          timeout: 12_000,
          interval: 250,
        })
        .toBe(true);
      const [a, b, c] = await Promise.all(screens.map(silenceOf));
      const at = (x: typeof a, key: 'on' | 'off') => x![key]!;
      for (const other of [b, c]) {
        expect(Math.abs(at(a, 'on') - at(other, 'on'))).toBeLessThan(500);
        expect(Math.abs(at(a, 'off') - at(other, 'off'))).toBeLessThan(500);
      }
      expect(Math.abs(at(a, 'off') - at(a, 'on') - 5_000)).toBeLessThan(300);
      expect(await screens[0]!.textContent('#salle-annonces')).toBe('Le mur reprend.');
      expect(await screens[2]!.textContent('#ecran-annonces')).toBe('Le mur reprend.');
      await Promise.all(screens.map((s) => s.close()));
    });

    it('puts a souvenir on the venue screen from the queue, beside its approval, and takes it off there', async () => {
      await shareByHttp(suite.server, { title: 'Depuis la file', body: 'Texte depuis la file.' });
      await desk.setViewportSize({ width: 375, height: 740 });
      await desk.goto(`${suite.server.origin}/moderation`);
      const pending = desk.locator('article.queue-item', { hasText: 'Depuis la file' });
      await pending.getByLabel('Aussi sur l’écran de la salle').check();
      await Promise.all([
        desk.waitForURL(/fait=approve/),
        pending.getByRole('button', { name: 'Approuver', exact: true }).press('Enter'),
      ]);
      await desk.goto(`${suite.server.origin}/moderation/ecran`);
      expect(await desk.locator('.venue-rundown').textContent()).toContain('Depuis la file');
      await desk.goto(`${suite.server.origin}/moderation?statut=approved`);
      const approved = desk.locator('article.queue-item', { hasText: 'Depuis la file' });
      expect(await approved.locator('[data-on-screen-badge]').textContent()).toContain('Sur l’écran de la salle');
      expect(await axeViolations(desk)).toEqual([]);
      await Promise.all([
        desk.waitForURL(/fait=screenOff/),
        approved.getByRole('button', { name: /Retirer de l’écran de la salle/ }).press('Enter'),
      ]);
      expect(await desk.locator('.flash').textContent()).toContain('ne passe plus sur l’écran de la salle');
      const again = desk.locator('article.queue-item', { hasText: 'Depuis la file' });
      expect(await again.getByRole('button', { name: /Mettre sur l’écran de la salle/ }).count()).toBe(1);
      await desk.goto(`${suite.server.origin}/moderation/ecran`);
      expect(await desk.locator('.venue-rundown').textContent()).not.toContain('Depuis la file');
    });

    it('starts a silence scheduled at a set time on two screens within half a second, and lists it in the console', async () => {
      const screens = [
        await openScreen(suite.browser, suite.server.origin),
        await openScreen(suite.browser, suite.server.origin),
      ];
      await Promise.all(screens.map((s) => s.waitForFunction(() => document.querySelector('main')?.dataset.current)));
      await desk.goto(`${suite.server.origin}/moderation/ecran`);
      // Every day at a Paris time 8 s from now (seconds are allowed), for 5 s.
      const at = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', timeStyle: 'medium' }).format(
        Date.now() + 8_000,
      );
      await desk.getByLabel('Chaque jour', { exact: true }).check();
      await desk.getByLabel('Heure du silence').fill(at);
      await desk.getByLabel('Durée du silence programmé (secondes)').fill('5');
      await press(desk, /Programmer ce silence/);
      expect(await desk.locator('.venue-schedules').textContent()).toContain(`Chaque jour à ${at}`);
      expect(await desk.locator('.venue-silences li[data-scheduled="true"]').count()).toBe(1);
      expect(await axeViolations(desk)).toEqual([]);
      expect(await desk.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      const onAt = async (s: Page) =>
        (await logOf(s)).filter(([kind, v]) => kind === 'silence' && v === 'on').at(-1)?.[2];
      await expect
        .poll(async () => (await Promise.all(screens.map(onAt))).every((x) => x !== undefined), {
          timeout: 15_000,
          interval: 250,
        })
        .toBe(true);
      const [a, b] = await Promise.all(screens.map(onAt));
      expect(Math.abs(a! - b!)).toBeLessThan(500);
      await Promise.all(screens.map((s) => s.close()));
      // Removed by the admin: gone from the console.
      await desk.reload();
      await press(desk, /Supprimer/);
      expect(await desk.locator('.venue-schedules').count()).toBe(0);
    });
  },
);
