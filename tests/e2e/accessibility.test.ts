import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchServer, withScript } from './support/server.ts';
import type { E2eServer } from './support/server.ts';
import { chromiumAvailable, launchBrowser } from './support/browser.ts';
import { createAccount } from './support/actors.ts';
import { horizontalOverflow, saveScreenshot } from './support/layout.ts';
import { WIDTHS, checkPage, noFindings } from './support/page-checks.ts';
import { prepareTour } from './support/tour.ts';
import type { Tour, TourStop } from './support/tour.ts';

const hasChromium = chromiumAvailable();

/** Runs `each` over `items`, `size` at a time. */
async function inBatches<T>(items: readonly T[], size: number, each: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(each));
}
const ADMIN = { username: 'admin', password: 'une phrase de passe assez longue' };

// What the browser sees does not depend on the database engine: this long tour runs in the
// PGlite pass only, so the PostgreSQL pass of CI stays short.
describe.skipIf(!hasChromium || Boolean(process.env.DATABASE_URL))(
  'every page, in French and English, light and dark, from 320 to 1920 px',
  () => {
    let server: E2eServer;
    let browser: Browser;
    let tour: Tour;
    const findings = noFindings();

    beforeAll(async () => {
      server = await launchServer({ LIFT_RATE_LIMITS: '1' }, { start: false });
      await withScript(server, 'seed-demo.ts', []);
      await createAccount(server, 'admin', ADMIN.username, ADMIN.password);
      await server.start();
      browser = await launchBrowser();
      tour = await prepareTour(server.origin, browser, ADMIN);
      // One visit per page for all the per-page checks below (support/page-checks.ts).
      const browsers = await contexts({ colorScheme: 'light', viewport: { width: WIDTHS[0]!, height: 900 } });
      for (const stop of tour.stops) {
        const page = await open(browsers.for(stop), stop);
        await checkPage(page, stop, server.origin, findings);
        await page.close();
      }
      await browsers.close();
    }, 900_000);

    afterAll(async () => {
      await browser?.close();
      await server?.dispose();
    });

    /** A visitor's and a signed-in admin's browser, with the same settings. */
    async function contexts(options: Parameters<Browser['newContext']>[0] = {}) {
      const visitor = await browser.newContext(options);
      const admin = await browser.newContext({ ...options, storageState: tour.adminState });
      return {
        for: (stop: TourStop): BrowserContext => (stop.signedIn ? admin : visitor),
        close: async () => {
          await visitor.close();
          await admin.close();
        },
      };
    }

    /** Opens a stop in its state, once fades have ended (axe measures contrast mid-fade otherwise). */
    async function open(context: BrowserContext, stop: TourStop): Promise<Page> {
      const page = await context.newPage();
      await page.goto(`${server.origin}${stop.path}`);
      if (stop.act) await stop.act(page);
      // Fades only: an animation that loops for ever (a candle's flame) never finishes.
      await page.evaluate(() =>
        Promise.all(
          document
            .getAnimations()
            .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
            .map((a) => a.finished.catch(() => null)),
        ),
      );
      return page;
    }

    it('lists every page of the site', () => {
      expect(tour.stops.length).toBeGreaterThanOrEqual(74);
    });

    it('has no accessibility violation axe-core can find, in the light and the dark colour scheme', () => {
      expect(findings.axe).toEqual([]);
    });

    it('never scrolls sideways, from a 320 px phone to a 1920 px screen', () => {
      expect(findings.overflow).toEqual([]);
    });

    it('shows text, never a catalogue key, and declares the page’s language', () => {
      expect(findings.text).toEqual([]);
    });

    it('links each page to itself in the other language, and the switch keeps the visitor on it', () => {
      expect(findings.languages).toEqual([]);
    });

    it('saves screenshots of the wall, a souvenir, the sharing form and the queue at 375, 768 and 1440 px', async () => {
      const shown = /^(wall|souvenir|share|queue|search)-fr$/;
      for (const colorScheme of ['light', 'dark'] as const) {
        for (const width of [375, 768, 1440]) {
          const browsers = await contexts({ colorScheme, viewport: { width, height: 900 } });
          for (const stop of tour.stops.filter((s) => shown.test(s.name))) {
            const page = await open(browsers.for(stop), stop);
            const file = await saveScreenshot(page, `${stop.name}-${width}${colorScheme === 'dark' ? '-dark' : ''}`);
            expect(file).toMatch(/\.png$/);
            await page.close();
          }
          await browsers.close();
        }
      }
    }, 300_000);

    it('offers the feeds in both languages, linked from the wall in each', async () => {
      for (const [prefix, title, by] of [
        ['', 'Mur des Souvenirs', ', par '],
        ['/en', 'Wall of Memories', ', by '],
      ] as const) {
        const wall = await (await fetch(`${server.origin}${prefix}/`)).text();
        expect(wall).toContain(`href="${prefix}/rss.xml"`);
        expect(wall).toContain(`href="${prefix}/feed.json"`);
        const rss = await (await fetch(`${server.origin}${prefix}/rss.xml`)).text();
        expect(rss).toContain(`<title>${title}`);
        expect(rss).toContain(by);
        expect(rss).toContain(`<link>${server.origin}${prefix}/souvenirs/`);
        const json = (await (await fetch(`${server.origin}${prefix}/feed.json`)).json()) as {
          title: string;
          feed_url: string;
        };
        expect(json.title).toContain(title);
        expect(json.feed_url).toBe(`${server.origin}${prefix}/feed.json`);
      }
    });

    it('gives focus to the message after a form is sent, and ties every error to its field', async () => {
      const focused: Record<string, string> = {
        'share-errors': 'erreurs',
        'share-sent': 'confirmation',
        'souvenir-comment-sent': 'commentaire-envoye',
        'souvenir-comment-errors': 'commentaire-erreurs',
        'login-error': 'login-error',
        'author-errors': 'erreurs',
        'edit-souvenir-errors': 'erreurs',
        'team-errors': 'create-errors',
        'settings-errors': 'erreurs',
        'password-errors': 'erreurs',
      };
      const found: string[] = [];
      const browsers = await contexts();
      for (const stop of tour.stops.filter((s) => s.act && !s.keepsFocus)) {
        const page = await open(browsers.for(stop), stop);
        const state = await page.evaluate(() => {
          const active = document.activeElement as HTMLElement | null;
          const untied = [...document.querySelectorAll('[aria-invalid="true"]')]
            .filter((field) => {
              const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
              return !ids.some((id) =>
                document.getElementById(id)?.matches('.field-error, .form-error, [role="alert"]'),
              );
            })
            .map((field) => field.id);
          return {
            focus: active?.id ?? '',
            focusRole: active?.getAttribute('role') ?? '',
            summaryLinks: [...document.querySelectorAll('.error-summary a')].map((a) => a.getAttribute('href')),
            untied,
          };
        });
        const base = stop.name.replace(/-(fr|en)$/, '');
        const wanted = focused[base];
        if (wanted && state.focus !== wanted) found.push(`${stop.name}: focus on #${state.focus}, not #${wanted}`);
        if (!wanted && !/alert|status/.test(state.focusRole))
          found.push(`${stop.name}: focus on #${state.focus} (${state.focusRole || 'no role'})`);
        if (!['alert', 'status'].includes(state.focusRole))
          found.push(`${stop.name}: the focused message is not announced`);
        if (state.untied.length) found.push(`${stop.name}: fields without their error: ${state.untied.join(', ')}`);
        for (const href of state.summaryLinks) {
          if (!href || !(await page.$(href))) found.push(`${stop.name}: summary link ${href} leads nowhere`);
        }
        await page.close();
      }
      // Sent: the answer takes the focus, also after a redirect to a #fragment.
      const visitor = await browser.newContext();
      const page = await visitor.newPage();
      const souvenir = tour.stops.find((s) => s.name === 'souvenir-fr')!.path;
      await page.goto(`${server.origin}${souvenir}`);
      await page.fill('#comment-body', 'Un mot envoyé pour voir où va le focus.');
      await page.fill('#comment-name', 'Focus');
      await page.fill('#comment-email', 'focus@example.org');
      await Promise.all([page.waitForNavigation(), page.click('form.comment-form button[type=submit]')]);
      expect(await page.evaluate(() => document.activeElement?.id), 'comment sent').toBe('commentaire-envoye');
      await page.click('details.report summary');
      await page.check('details.report[open] input[name=reason]');
      await Promise.all([page.waitForNavigation(), page.click('details.report[open] form button[type=submit]')]);
      expect(await page.evaluate(() => document.activeElement?.id), 'report sent').toBe('signalement');
      await visitor.close();
      await browsers.close();
      expect(found).toEqual([]);
    }, 300_000);

    it('shares a souvenir and lights a candle by keyboard alone, the focus always visible', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.origin}/partager`);
      const visible = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
        });
      const steps: string[] = [];
      const typeInto = async (id: string, text: string) => {
        for (let i = 0; i < 30 && (await page.evaluate(() => document.activeElement?.id)) !== id; i++) {
          await page.keyboard.press('Tab');
          if (!(await visible()))
            steps.push(
              `no visible focus on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 60))}`,
            );
        }
        expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
        await page.keyboard.type(text);
      };
      await typeInto('name', 'Clavier');
      await typeInto('email', 'clavier@example.org');
      await typeInto('body', 'Tout au clavier, un soir de concert.');
      await typeInto('consent', '');
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('submit');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirmation');
      expect(steps).toEqual([]);

      await page.goto(`${server.origin}/`);
      for (
        let i = 0;
        i < 80 && !(await page.evaluate(() => document.activeElement?.classList.contains('candle-button')));
        i++
      ) {
        await page.keyboard.press('Tab');
        const shown = await page.evaluate(() => {
          const el = document.activeElement as Element;
          // The year chart's bars are SVG links: their focus is the outline of the bar's hit area.
          const target = el.matches('.year-chart .bar') ? el.querySelector('rect.hit')! : el;
          const style = getComputedStyle(target);
          return (
            (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
            (style.stroke !== 'none' && parseFloat(style.strokeWidth) >= 2)
          );
        });
        if (!shown)
          steps.push(
            `no visible focus on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))}`,
          );
      }
      const souvenir = await page.evaluate(() => document.activeElement?.closest('[data-id]')?.getAttribute('data-id'));
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (id) => document.querySelector(`[data-id="${id}"] .candle-message`)?.textContent,
        souvenir,
      );
      expect(await page.evaluate(() => document.activeElement?.classList.contains('candle-button'))).toBe(true);
      expect(steps).toEqual([]);
      await context.close();
    });

    it('announces new souvenirs on the live screen politely, and keeps it still for reduced motion', async () => {
      const context = await browser.newContext({ reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${server.origin}/ecran`);
      expect(await page.getAttribute('#ecran-annonces', 'aria-live')).toBe('polite');
      expect(await page.getAttribute('[data-screen="pause"]', 'aria-pressed')).toBe('true');
      expect(await page.$eval('.screen-souvenir.is-current', (el) => getComputedStyle(el).animationName)).toBe('none');
      await context.close();
    });

    it('moves nothing when islands, enhancements or late fonts arrive, and fits a phone in the fallback font', async () => {
      const found: string[] = [];
      // A phone on a slow network: the faces arrive after the first paint (they moved the wall's text
      // by 0.047 under CI's load when they swapped in). A wide screen: everything on time.
      for (const [width, fontsLate] of [
        [320, true],
        [1440, false],
      ] as const) {
        const browsers = await contexts({ viewport: { width, height: 900 } });
        // The pages that receive islands or scripts after load; the others are static HTML and CSS.
        const stops = tour.stops.filter(
          (s) => !s.act && !s.signedIn && /^(wall|souvenir|screen|embed|share)/.test(s.name),
        );
        // Four at a time: each mostly waits for its network to go quiet, which a shift does not depend on.
        await inBatches(stops, 4, async (stop) => {
          const page = await browsers.for(stop).newPage();
          if (fontsLate)
            await page.route('**/*.woff2', async (route) => {
              await new Promise((resolve) => setTimeout(resolve, 800));
              await route.continue();
            });
          await page.addInitScript(() => {
            const w = window as unknown as { __shift: number };
            w.__shift = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
                if (!entry.hadRecentInput) w.__shift += entry.value;
              }
            }).observe({ type: 'layout-shift', buffered: true });
          });
          await page.goto(`${server.origin}${stop.path}`);
          await page.waitForLoadState('networkidle').catch(() => {});
          const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
          if (shift > 0.01) found.push(`${stop.name} at ${width} px: layout shift ${shift.toFixed(3)}`);
          // The fallback font is wider: a file input's caption once pushed the share form sideways.
          const overflow = await horizontalOverflow(page);
          if (overflow > 0) found.push(`${stop.name} at ${width} px: ${overflow} px too wide`);
          await page.close();
        });
        await browsers.close();
      }
      expect(found).toEqual([]);
    }, 300_000);
  },
);
