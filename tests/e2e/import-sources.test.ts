import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable } from './support/browser.ts';
import { documentScreenshot } from './support/layout.ts';
import { createAccount, signIn } from './support/actors.ts';
import { axeViolations } from './support/axe.ts';
import { fakeStatus, startFakeSocial } from '../helpers/fake-social.ts';
import type { FakeSocial } from '../helpers/fake-social.ts';
import { phoneJpeg } from '../helpers/photo-fixtures.ts';

const hasChromium = chromiumAvailable();
const PASSWORD = 'une phrase de passe assez longue';
const TOKEN = 'jeton-de-l-association-0123456789';

// The server reads sources at http://127.0.0.1 only with the test setting (launchServer passes the environment on).
process.env.IMPORT_ALLOW_LOCAL = '1';

/** Moves the focus to `target` with Tab alone, as a keyboard user does. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < 120 && !(await target.evaluate((e) => e === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  expect(await target.evaluate((e) => e === document.activeElement)).toBe(true);
}

describe.skipIf(!hasChromium)('an admin sets up the hashtag’s sources (issue 20)', () => {
  let social: FakeSocial;
  beforeAll(async () => {
    social = await startFakeSocial();
    social.media.set('scene.jpg', await phoneJpeg(900, 600));
    social.statuses.push({
      ...fakeStatus('501'),
      spoiler_text: 'émotion',
      media_attachments: [{ type: 'image', url: `${social.origin}/media/scene.jpg`, description: 'La scène en bleu' }],
    });
  });
  afterAll(() => social.close());

  const suite = serverAndBrowser(async (server) => {
    await createAccount(server, 'admin', 'camille', PASSWORD);
    await createAccount(server, 'moderator', 'sam', PASSWORD);
  });
  let admin: Page;

  it('adds a Mastodon server from a phone with the keyboard alone: a refusal beside its field, the token never shown back', async () => {
    admin = await signIn(suite.browser, suite.server, 'camille', PASSWORD);
    await admin.setViewportSize({ width: 375, height: 740 });
    await admin.goto(`${suite.server.origin}/moderation/importes`);
    await tabTo(admin, admin.getByRole('link', { name: 'Gérer les sources (admins)' }));
    await Promise.all([admin.waitForURL(/\/moderation\/sources$/), admin.keyboard.press('Enter')]);
    expect(await admin.locator('h1').textContent()).toContain('Sources du mot-dièse');
    expect(await axeViolations(admin)).toEqual([]);

    await tabTo(admin, admin.locator('#mastodon-url'));
    await admin.keyboard.type('http://mastodon.example');
    await tabTo(admin, admin.locator('#mastodon-secret'));
    await admin.keyboard.type(TOKEN);
    await Promise.all([admin.waitForLoadState('load'), admin.keyboard.press('Enter')]);
    await admin.waitForSelector('#mastodon-url-error');
    expect(await admin.textContent('#mastodon-url-error')).toContain('Seules les adresses https:// sont acceptées.');
    expect(await admin.inputValue('#mastodon-url')).toBe('http://mastodon.example');
    expect(await admin.inputValue('#mastodon-secret')).toBe('');
    expect(await admin.content()).not.toContain(TOKEN);
    expect(await axeViolations(admin)).toEqual([]);

    await admin.fill('#mastodon-url', social.origin);
    await tabTo(admin, admin.locator('#mastodon-secret'));
    await admin.keyboard.type(TOKEN);
    await Promise.all([admin.waitForURL(/fait=add/), admin.keyboard.press('Enter')]);
    expect(await admin.textContent('[role=status]')).toContain('Source ajoutée');
    const source = admin.locator('.import-source').first();
    expect(await source.textContent()).toContain('Secret enregistré (jamais réaffiché)');
    expect(await source.textContent()).toContain('#MonPlusBeauSouvenirDuBataclan');
    expect(await admin.content()).not.toContain(TOKEN);
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await axeViolations(admin)).toEqual([]);
    await documentScreenshot('import-sources-375', (path) => admin.screenshot({ path, fullPage: true }));
  });

  it('reads the source now by keyboard and gathers the post into the private queue with its image re-encoded and blurred, never hotlinked', async () => {
    await admin.goto(`${suite.server.origin}/moderation/sources`);
    await tabTo(admin, admin.getByRole('button', { name: 'Lire maintenant' }));
    await Promise.all([admin.waitForURL(/fait=read/), admin.keyboard.press('Enter')]);
    expect(await admin.textContent('[role=status]')).toMatch(/Source n° \d+ lue\s: 1 publication/);
    expect(await admin.locator('.import-source').textContent()).toContain('Active · fonctionne');
    expect(await axeViolations(admin)).toEqual([]);
    expect(suite.server.output()).toContain('1 image(s) re-encoded');
    expect(suite.server.output()).not.toContain(TOKEN);
    await admin.goto(`${suite.server.origin}/moderation/importes`);
    const image = admin.locator('.imported-photos img').first();
    expect(await image.getAttribute('src')).toMatch(/^\/photos\/[0-9a-f]{64}\.jpg$/);
    expect(await image.getAttribute('alt')).toBe('La scène en bleu');
    expect(await admin.content()).not.toContain('/media/scene.jpg');
    const photo = await fetch(`${suite.server.origin}${await image.getAttribute('src')}`);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(await image.evaluate((img) => getComputedStyle(img).filter)).toContain('blur');
    await tabTo(admin, admin.locator('.imported-photos summary').first());
    await admin.keyboard.press('Enter');
    expect(await image.evaluate((img) => getComputedStyle(img).filter)).toBe('none');
    expect(await axeViolations(admin)).toEqual([]);
  });

  it('pauses, resumes and removes the source by keyboard, each journaled; a moderator may not open the page', async () => {
    await admin.goto(`${suite.server.origin}/moderation/sources`);
    await tabTo(admin, admin.getByRole('button', { name: 'Mettre en pause' }));
    await Promise.all([admin.waitForURL(/fait=pause/), admin.keyboard.press('Enter')]);
    expect(await admin.locator('.import-source').textContent()).toContain('En pause');
    await tabTo(admin, admin.getByRole('button', { name: 'Reprendre' }));
    await Promise.all([admin.waitForURL(/fait=resume/), admin.keyboard.press('Enter')]);
    await tabTo(admin, admin.getByRole('button', { name: 'Retirer' }));
    await Promise.all([admin.waitForURL(/fait=remove/), admin.keyboard.press('Enter')]);
    expect(await admin.textContent('[role=status]')).toContain('Source retirée');
    expect(await admin.locator('.import-source').count()).toBe(0);
    await admin.goto(`${suite.server.origin}/moderation/importes`);
    expect(await admin.locator('.imported-post').count()).toBe(0);
    await admin.goto(`${suite.server.origin}/moderation/journal`);
    const journal = (await admin.locator('main').textContent()) ?? '';
    for (const line of [
      'Source ajoutée',
      'Source lue à la demande',
      'Source mise en pause',
      'Source reprise',
      'Source retirée',
    ])
      expect(journal).toContain(line);
    expect(journal).not.toContain(TOKEN);

    const english = await (await admin.context().request.get(`${suite.server.origin}/en/moderation/sources`)).text();
    expect(english).toContain('Hashtag sources');
    const moderator = await signIn(suite.browser, suite.server, 'sam', PASSWORD);
    const refused = await moderator.goto(`${suite.server.origin}/moderation/sources`);
    expect(refused?.status()).toBe(403);
    await moderator.goto(`${suite.server.origin}/moderation/importes`);
    expect(await moderator.getByRole('link', { name: 'Gérer les sources (admins)' }).count()).toBe(0);
  });
});
