import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable, trapPage } from './support/browser.ts';
import { withScript } from './support/server.ts';
import type { E2eServer } from './support/server.ts';
import { saveScreenshot } from './support/layout.ts';
import { ATTACK_VECTORS, ALLOWED_SAMPLE } from './support/attack-vectors.ts';

const hasChromium = chromiumAvailable();
const PRIVATE_LINK = /\/mes-souvenirs\/[A-Za-z0-9_-]{32}$/;

/** What the formatting bar writes for the keys pressed in the first test. */
const FORMATTED =
  'Un soir au <strong>premier rang</strong>, <em>la salle chantait</em>. ' +
  '<a href="https://exemple.org/concert">https://exemple.org/concert</a>';

describe.skipIf(!hasChromium)(
  'writing a souvenir: formatting bar, preview, counter, and the page after sending',
  () => {
    const suite = serverAndBrowser(async () => {});
    let visitor: BrowserContext;
    let cookieOfThanks = '';
    const previews: Record<string, string> = {};

    async function shareForm(page: Page, title: string): Promise<void> {
      await page.goto(`${suite.server.origin}/partager`);
      await page.fill('#name', 'Camille');
      await page.fill('#email', 'camille@example.org');
      await page.fill('#title', title);
    }

    /** Opens the preview and waits for the server's answer to show. */
    async function preview(page: Page): Promise<string> {
      await page.click('[data-preview-toggle]');
      await page.waitForFunction(() => document.querySelector('[data-preview-body]')!.innerHTML !== '');
      return page.locator('[data-preview-body]').innerHTML();
    }

    async function send(page: Page): Promise<number> {
      await page.check('#consent');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.click('form.share-form button[type=submit]'),
      ]);
      await page.waitForLoadState('load');
      return response.status();
    }

    it('formats with the keyboard only, previews, and answers 303 to a thank-you page that a reload and Back leave alone', async () => {
      visitor = await suite.browser.newContext({ viewport: { width: 1440, height: 900 } });
      await visitor.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.server.origin });
      const page = await visitor.newPage();
      // The prompts below are answered here, so trapPage (which dismisses dialogs) is not used;
      // a CSP refusal or a script error shows as a console error.
      const consoleErrors: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
      await shareForm(page, 'Le premier rang');
      const body = page.locator('#body');
      await body.focus();
      await page.keyboard.type('Un soir au ');
      await page.keyboard.press('Control+b');
      await page.keyboard.type('premier rang');
      await page.keyboard.press('End');
      await page.keyboard.type(', ');
      await page.keyboard.press('Control+i');
      await page.keyboard.type('la salle chantait');
      await page.keyboard.press('End');
      await page.keyboard.type('. ');
      // A link the sanitiser would drop is refused at once, the text left as it was.
      page.once('dialog', (d) => void d.accept('javascript:alert(1)'));
      await page.keyboard.press('Control+k');
      await expect(page.locator('[data-format-status]').textContent()).resolves.toContain('Adresse refusée');
      // The toolbar is one tab stop before the text; the arrows reach "Lien".
      await page.keyboard.press('Shift+Tab');
      await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Gras');
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Lien');
      page.once('dialog', (d) => void d.accept('https://exemple.org/concert'));
      await page.keyboard.press('Enter');
      await expect(body.inputValue()).resolves.toBe(FORMATTED);
      await expect(page.locator('#body-count').textContent()).resolves.toMatch(
        /Encore 9\s?8\d\d caractères possibles\./,
      );

      previews.formatted = await preview(page);
      expect(previews.formatted).toContain('<strong>premier rang</strong>');
      await saveScreenshot(page, 'writing-form-preview-1440');
      await page.setViewportSize({ width: 375, height: 900 });
      await saveScreenshot(page, 'writing-form-preview-375');
      await page.setViewportSize({ width: 1440, height: 900 });

      expect(await send(page)).toBe(303);
      expect(new URL(page.url()).pathname).toBe('/merci');
      const link = await page.locator('[data-private-link] a').getAttribute('href');
      expect(link).toMatch(PRIVATE_LINK);
      expect(page.url()).not.toContain(link!.split('/').pop()!);
      await expect(page.locator('#confirmation').textContent()).resolves.toContain('envoyé par courriel');
      await page.click('button.copy-link');
      await page.waitForFunction(() => document.querySelector('.copy-status')?.textContent === 'Copié');
      await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);

      // A reload shows the same page and link and posts nothing; Back finds the form again.
      const posts: string[] = [];
      page.on('request', (r) => void (r.method() === 'POST' && posts.push(r.url())));
      const reloaded = await page.reload();
      expect(reloaded?.status()).toBe(200);
      await expect(page.locator('[data-private-link] a').getAttribute('href')).resolves.toBe(link);
      // Null when the page comes back from the back-forward cache, which is fine too.
      const back = await page.goBack();
      if (back) expect(back.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/partager');
      expect(posts).toEqual([]);
      cookieOfThanks = (await visitor.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      expect(consoleErrors).toEqual([]);
    });

    it('previews hostile markup exactly as the published card shows it, and runs none of it', async () => {
      const page = await visitor.newPage();
      const traps = await trapPage(page, suite.server.origin);
      await shareForm(page, 'Des vecteurs');
      const text = ['Une ligne visible.', ALLOWED_SAMPLE, ...ATTACK_VECTORS].join('\n\n');
      await page.fill('#body', text);
      previews.vectors = await preview(page);
      // Said while the text can still be changed: what the wall will not show of it.
      await expect(page.locator('[data-preview-note]').textContent()).resolves.toMatch(
        /^Le mur n’affichera pas ceci, retiré de l’aperçu\s: .*<script>/,
      );
      expect(await send(page)).toBe(303);
      // And on the private page, beside the text as the wall shows it.
      await page.goto((await page.locator('[data-private-link] a').getAttribute('href'))!);
      await expect(page.locator('[data-removed-markup]').textContent()).resolves.toMatch(
        /Ceci a été retiré de votre texte\s: .*<script>.*exactement celui que le mur affiche/s,
      );
      expect(traps.dialogs).toEqual([]);
      expect(traps.foreignRequests).toEqual([]);
      await page.close();
    });

    it('works as before without JavaScript: no bar, the tags folded, the link on the page after sending', async () => {
      const context = await suite.browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await shareForm(page, 'Sans script');
      expect(await page.locator('[role=toolbar]').isVisible()).toBe(false);
      expect(await page.locator('[data-preview-toggle]').isVisible()).toBe(false);
      await expect(page.locator('#body-count').textContent()).resolves.toMatch(/10\s000 caractères au plus\./);
      await page.click('details.advanced-format summary');
      await expect(page.locator('#allowed-tags').textContent()).resolves.toContain('<blockquote cite="">');
      await page.fill('#body', 'Le <em>balcon</em>, sans script.');
      expect(await send(page)).toBe(303);
      await expect(page.locator('[data-private-link] a').getAttribute('href')).resolves.toMatch(PRIVATE_LINK);
      await context.close();
    });

    it('keeps one row per share, and the wall shows what the preview showed', async () => {
      // Souvenirs 1 to 3 exist; the reload of the thank-you page made no fourth.
      const approved = await withScript(suite.server, 'souvenir.ts', ['approve', '1', '2', '4']);
      expect(approved.stdout).toMatch(/Souvenir 1 .*approve/);
      expect(approved.stdout).toMatch(/Souvenir 2 .*approve/);
      expect(approved.stderr).toContain('No souvenir 4.');
      const page = await visitor.newPage();
      await page.goto(`${suite.server.origin}/`);
      const card = (title: string) =>
        page.locator('article.souvenir-card', { hasText: title }).locator('.souvenir-body').innerHTML();
      await expect(card('Le premier rang')).resolves.toBe(previews.formatted);
      await expect(card('Des vecteurs')).resolves.toBe(previews.vectors);
      await page.close();
    });

    it('shows the private link again to this browser only, from any app process, and counts characters as the server does', async () => {
      const stranger = await suite.browser.newContext();
      const other = await stranger.newPage();
      await other.goto(`${suite.server.origin}/merci`);
      await expect(other.locator('#confirmation').textContent()).resolves.toContain('n’est plus affiché');
      expect(await other.locator('[data-private-link]').count()).toBe(0);
      await stranger.close();

      if (suite.server.engine === 'postgres') {
        const second = await startSecondProcess(suite.server);
        try {
          const html = await (await fetch(`${second.origin}/merci`, { headers: { cookie: cookieOfThanks } })).text();
          expect(html).toMatch(/\/mes-souvenirs\/[A-Za-z0-9_-]{32}/);
        } finally {
          second.stop();
        }
      }

      const page = await visitor.newPage();
      await page.goto(`${suite.server.origin}/`);
      await page.click('article.souvenir-card h2 a');
      const field = page.locator('#comment-body');
      await expect(field.getAttribute('maxlength')).resolves.toBe('5000');
      await field.fill(`${'a'.repeat(4_990)}\nbcd`);
      await field.press('End');
      await page.keyboard.type('e');
      await expect(page.locator('#comment-body-count').textContent()).resolves.toBe('Encore 5 caractères possibles.');
      await page.waitForFunction(() => document.querySelector('[data-counter-live]')?.textContent !== '');
      await page.keyboard.type('fghijklmnop');
      await expect(field.inputValue()).resolves.toHaveLength(5_000);
      await expect(page.locator('#comment-body-count').textContent()).resolves.toBe('Limite atteinte.');
      // A text put back over the limit (maxlength shortens nothing it is given): how much to cut.
      await field.evaluate((el) => {
        (el as HTMLTextAreaElement).value = 'x'.repeat(5_400);
        el.dispatchEvent(new Event('input'));
      });
      await expect(page.locator('#comment-body-count').textContent()).resolves.toBe(
        '400 caractères de trop : raccourcissez le texte.',
      );
      await page.close();
      await visitor.close();
    });
  },
);

/** The same build on the same PostgreSQL database, on another port: a second app process. */
async function startSecondProcess(server: E2eServer): Promise<{ origin: string; stop: () => void }> {
  const port = Number(new URL(server.origin).port) + 1;
  const child = spawn(process.execPath, ['scripts/start.ts', '--no-build'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...server.env, PORT: String(port) },
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${origin}/healthz`)).status < 500) break;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  return { origin, stop: () => void child.kill('SIGTERM') };
}
