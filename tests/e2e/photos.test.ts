import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import type { Page } from 'playwright-core';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable } from './support/browser.ts';
import { createAccount, shareByHttp, signIn } from './support/actors.ts';
import { axeViolations } from './support/axe.ts';
import { saveScreenshot } from './support/layout.ts';
import { phoneJpeg, picture } from '../helpers/photo-fixtures.ts';

const hasChromium = chromiumAvailable();
const ADMIN_PASSWORD = 'une phrase de passe assez longue';

describe.skipIf(!hasChromium)('photos with a souvenir, from the form to the wall', () => {
  const suite = serverAndBrowser(async (server) => {
    await createAccount(server, 'admin', 'admin', ADMIN_PASSWORD);
  });
  let stage: string;
  let balcony: string;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mur-photos-e2e-'));
    stage = path.join(dir, 'scene.jpg');
    balcony = path.join(dir, 'balcon.png');
    fs.writeFileSync(stage, await phoneJpeg(1600, 1200));
    fs.writeFileSync(balcony, await picture('png', 900, 1200));
  });

  async function fillText(page: Page, title: string) {
    await page.fill('#name', 'Camille Photo');
    await page.fill('#email', 'camille.photo@example.org');
    await page.fill('#title', title);
    await page.fill('#body', `${title} : la scène depuis le balcon, et la file devant la salle.`);
    await page.check('#consent');
  }

  it('shares two photos with their texts; a moderator approves; the wall and the page show them without metadata or shift', async () => {
    const { server, browser } = suite;
    const page = await browser.newPage();
    await page.goto(`${server.origin}/partager`);
    await fillText(page, 'Deux photos du concert');
    await page.setInputFiles('#photo1', stage);
    await page.fill('#photoAlt1', 'La scène éclairée en bleu, vue du balcon');
    await page.click('.photo-more > summary');
    await page.setInputFiles('#photo2', balcony);
    await page.fill('#photoAlt2', 'La file devant la salle');
    await page.fill('#photoNote2', 'Foule dense');
    expect(await page.locator('[data-photo-preview]:not([hidden])').count()).toBe(2);
    // The slots' headings follow the page's h1 (axe's best-practice rule, outside the WCAG tags the tour runs).
    expect(await axeViolations(page, ['heading-order'])).toEqual([]);
    // Each preview shows its picture (the page's CSP once refused the blob: address it is read from).
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLImageElement>('[data-photo-preview]:not([hidden]) img')].every(
          (img) => img.complete && img.naturalWidth > 0,
        ),
      undefined,
      { timeout: 5_000 },
    );
    await Promise.all([page.waitForURL(/\/merci/), page.click('button[type=submit]')]);
    await page.close();

    const admin = await signIn(browser, server, 'admin', ADMIN_PASSWORD);
    await admin.goto(`${server.origin}/moderation`);
    const thumbs = admin.locator('.queue-photo img');
    expect(await thumbs.count()).toBe(2);
    expect(await thumbs.first().evaluate((img) => getComputedStyle(img).filter)).toContain('blur');
    await admin.click('.queue-photos label');
    expect(await thumbs.first().evaluate((img) => getComputedStyle(img).filter)).toBe('none');
    expect(await axeViolations(admin)).toEqual([]);
    // Correcting a photo's text answers with a redirect and says so once: a reload posts nothing.
    const describeSecond = admin.locator('.photo-describe').nth(1);
    await describeSecond.locator('input[name=altText]').fill('Les amis dans la file, avant les portes');
    await Promise.all([admin.waitForURL(/fait=photoDescribed/), describeSecond.locator('button[type=submit]').click()]);
    expect(await admin.locator('#message').textContent()).toContain('Le texte de la photo est enregistré');
    await admin.reload();
    expect(await admin.locator('.photo-describe input[name=altText]').nth(1).inputValue()).toBe(
      'Les amis dans la file, avant les portes',
    );
    await Promise.all([admin.waitForURL(/fait=approve/), admin.click('[data-queue-item] [data-decision=approve]')]);
    await admin.context().close();

    const visitor = await browser.newPage();
    await visitor.goto(`${server.origin}/`);
    const card = visitor.locator('.souvenir-card', { hasText: 'Deux photos du concert' });
    const image = card.locator('.souvenir-photo img');
    expect(await image.count()).toBe(1);
    expect(await image.getAttribute('width')).toBe('1600');
    expect(await image.getAttribute('height')).toBe('1200');
    expect(await image.getAttribute('alt')).toBe('La scène éclairée en bleu, vue du balcon');
    expect(await card.locator('picture source[type="image/webp"]').getAttribute('srcset')).toMatch(
      / 480w, .* 960w, .* 1600w$/,
    );
    await image.scrollIntoViewIfNeeded();
    await image.evaluate((img: HTMLImageElement) => img.decode());
    const shift = await visitor.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) total += (entry as unknown as { value: number }).value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(total), 300);
        }),
    );
    expect(shift).toBeLessThan(0.01);

    await card.locator('h2 a').click();
    await visitor.waitForLoadState('load');
    const photos = visitor.locator('.souvenir-photos img');
    expect(await photos.count()).toBe(2);
    // The second carries a content note: blurred until the visitor chooses, by keyboard too.
    const second = photos.nth(1);
    expect(await second.evaluate((img) => getComputedStyle(img).filter)).toContain('blur');
    await visitor.focus('.photo-reveal');
    await visitor.keyboard.press('Space');
    expect(await second.evaluate((img) => getComputedStyle(img).filter)).toBe('none');
    expect(await axeViolations(visitor)).toEqual([]);
    const og = await visitor.locator('meta[property="og:image"]').getAttribute('content');
    expect(og).toMatch(/\/photos\/[0-9a-f]{64}\.jpg$/);
    for (const src of await photos.evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).currentSrc))) {
      const answer = await fetch(src);
      expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const bytes = Buffer.from(await answer.arrayBuffer());
      expect(bytes.toString('latin1')).not.toContain('SN-998877');
      if (answer.headers.get('content-type') === 'image/jpeg') expect(await exifr.parse(bytes, true)).toBeUndefined();
    }
    await saveScreenshot(visitor, 'photos-souvenir-page');
    await visitor.close();
  });

  it('uploads by keyboard alone, and keeps the photo when the form comes back for its missing text', async () => {
    const { server, browser } = suite;
    const page = await browser.newPage();
    await page.goto(`${server.origin}/partager`);
    await fillText(page, 'Au clavier');
    // Focus and key press in one step: a script finishing its start-up cannot take the focus between them.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('#photo1').press('Space')]);
    await chooser.setFiles(stage);
    await page.focus('#consent');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.waitForSelector('#photoAlt1-error');
    expect(await page.locator('#photoAlt1-error').textContent()).toContain('photo 1');
    expect(await page.locator('.photo-kept img').count()).toBe(1);
    expect(await page.locator('#photo1').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'photos-share-form-kept');
    await page.focus('#photoAlt1');
    await page.keyboard.type('La scène, de loin');
    await page.check('#consent');
    await Promise.all([page.waitForURL(/\/merci/), page.keyboard.press('Enter')]);
    const link = await page.locator('a[href*="/mes-souvenirs/"]').first().getAttribute('href');
    await page.goto(new URL(link!, server.origin).href);
    expect(await page.locator('.author-photos .photo-thumbs img').getAttribute('alt')).toBe('La scène, de loin');
    // The photos come before the withdrawal, which ends the page.
    const photosFirst = await page.evaluate(
      () =>
        document.querySelector('.author-photos')!.compareDocumentPosition(document.querySelector('.danger-zone')!) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    );
    expect(photosFirst).toBeGreaterThan(0);
    await Promise.all([page.waitForURL(/\?fait=photoRemoved$/), page.click('[data-author-remove-photo]')]);
    // Still pending: the section stays, to add one again.
    expect(await page.locator('.author-photos .photo-thumbs img').count()).toBe(0);
    expect(await page.locator('#message').textContent()).toContain('La photo est retirée');
    await page.close();
  });

  it('adds a forgotten photo from the private page while pending, refuses a file that is no picture in the page’s language, and the moderators see it with the souvenir', async () => {
    const { server, browser } = suite;
    const link = await shareByHttp(server, {
      title: 'La photo oubliée',
      body: 'Le rappel, et la photo restée dans le téléphone.',
    });
    const page = await browser.newPage();
    await page.goto(`${server.origin}${link}`);
    expect(await page.locator('.author-photos .photo-thumbs img').count()).toBe(0);
    expect(await page.locator('.author-photos').textContent()).toContain('ajouter une photo oubliée');
    await page.setInputFiles('#photo1', balcony);
    await page.fill('#photoAlt1', 'La salle au rappel');
    await Promise.all([page.waitForURL(/\?fait=photoAdded$/), page.click('[data-author-add-photo]')]);
    expect(await page.locator('#message').textContent()).toContain('La photo est ajoutée');
    expect(await page.locator('.author-photos .photo-thumbs img').getAttribute('alt')).toBe('La salle au rappel');
    // The next one would be the second.
    expect(await page.locator('#photo2').count()).toBe(1);

    // Sent without its text, the photo is kept while the form asks for it, as on the share form.
    await page.goto(`${server.origin}/en${link}`);
    await page.setInputFiles('#photo2', stage);
    await Promise.all([page.waitForLoadState('load'), page.click('[data-author-add-photo]')]);
    await page.waitForSelector('#photoAlt2-error');
    expect(await page.locator('#photoAlt2-error').textContent()).toContain('what photo 2 shows');
    // Said at the top of the form, focused, a link to the field: the field sits screens below.
    await page.waitForFunction(() => document.activeElement?.id === 'photo-erreurs');
    expect(await page.locator('#photo-erreurs').textContent()).toContain('The photo was not added');
    expect(await page.locator('#photo-erreurs a[href="#photoAlt2"]').count()).toBe(1);
    expect(await page.locator('.author-photo-add .photo-kept img').count()).toBe(1);
    await page.fill('#photoAlt2', 'The stage in blue');
    await Promise.all([page.waitForURL(/\?fait=photoAdded$/), page.click('[data-author-add-photo]')]);
    expect(await page.locator('.author-photos .photo-thumbs img').count()).toBe(2);

    await page.setInputFiles('#photo3', {
      name: 'notes.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('Not a picture: words about the encore.'),
    });
    await page.fill('#photoAlt3', 'Words');
    await Promise.all([page.waitForLoadState('load'), page.click('[data-author-add-photo]')]);
    await page.waitForSelector('#photo3-error');
    expect(await page.locator('#photo3-error').textContent()).toContain('This file is not a photo we can read');
    // The rest of the page is intact: the photos added, the correction form, the withdrawal.
    expect(await page.locator('.author-photos .photo-thumbs img').count()).toBe(2);
    expect(await page.locator('textarea[name=body]').count()).toBe(1);
    expect(await page.locator('.danger-zone').count()).toBe(1);
    expect(await page.locator('#photoAlt3').inputValue()).toBe('Words');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();

    const admin = await signIn(browser, server, 'admin', ADMIN_PASSWORD);
    await admin.goto(`${server.origin}/moderation`);
    const item = admin.locator('[data-queue-item]', { hasText: 'La photo oubliée' });
    expect(await item.locator('.queue-photo img').count()).toBe(2);
    await admin.context().close();
  });
});
