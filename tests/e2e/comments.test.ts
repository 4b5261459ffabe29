import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchServer, withScript } from './support/server.ts';
import type { E2eServer } from './support/server.ts';
import { chromiumAvailable, launchBrowser } from './support/browser.ts';
import { shareByHttp, createAccount, signIn } from './support/actors.ts';
import { axeViolations } from './support/axe.ts';

const hasChromium = chromiumAvailable();
const PASSWORD = 'une phrase de passe assez longue';

describe.skipIf(!hasChromium)('comments under a souvenir', () => {
  let server: E2eServer;
  let browser: Browser;
  let permalink: string;

  beforeAll(async () => {
    server = await launchServer({ LIFT_RATE_LIMITS: '1' }, { start: false });
    await createAccount(server, 'admin', 'admin', PASSWORD);
    await server.start();
    await shareByHttp(server, { name: 'Autrice', email: 'autrice@example.org', title: 'La salle en fête', body: 'Un soir de concert.' });
    await withScript(server, 'souvenir.ts', ['approve', '1']);
    const wall = await (await fetch(`${server.origin}/`)).text();
    permalink = /href="(\/souvenirs\/[A-Za-z0-9_-]+)"/.exec(wall)![1]!;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  async function comment(page: Page, name: string, body: string) {
    await page.fill('#comment-body', body);
    await page.fill('#comment-name', name);
    await page.fill('#comment-email', `${name.toLowerCase()}@example.org`);
    await page.click('form.comment-form button[type=submit]');
    await page.waitForLoadState('load');
  }

  async function approveFirstComment() {
    const admin = await signIn(browser, server, 'admin', PASSWORD);
    await admin.goto(`${server.origin}/moderation?type=commentaires`);
    const item = admin.locator('[data-queue-item][data-target="comment"]').first();
    expect(await item.locator('[data-souvenir-title]').textContent()).toContain('La salle en fête');
    await Promise.all([admin.waitForURL(/fait=approve/), item.locator('button[data-decision="approve"]').click()]);
    await admin.context().close();
  }

  it('takes a comment, says it awaits moderation, and shows it once approved', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}${permalink}`);
    expect(await axeViolations(page)).toEqual([]);
    await comment(page, 'Karim', 'Moi aussi j’y étais, au balcon.');
    await expect(page.locator('#commentaire-envoye').textContent()).resolves.toBeTruthy();
    expect(await page.locator('article.comment').count()).toBe(0);

    await approveFirstComment();
    await page.goto(`${server.origin}${permalink}`);
    const published = page.locator('article.comment');
    expect(await published.count()).toBe(1);
    expect(await published.first().textContent()).toContain('au balcon');
    expect(await page.content()).not.toContain('karim@example.org');
    await page.close();
  });

  it('nests a reply under its comment and updates the most-commented list', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}${permalink}`);
    await page.locator('article.comment a.comment-reply').first().click();
    await page.waitForLoadState('load');
    expect(await page.locator('#comment-replying-to').textContent()).toContain('Karim');
    await comment(page, 'Lea', 'Et moi dans la fosse !');
    await expect(page.locator('#commentaire-envoye').count()).resolves.toBe(1);

    await approveFirstComment();
    await page.goto(`${server.origin}${permalink}`);
    const reply = page.locator('article.comment ol.comment-replies article.comment');
    expect(await reply.count()).toBe(1);
    expect(await reply.textContent()).toContain('dans la fosse');

    await page.goto(`${server.origin}/`);
    const entry = page.locator('aside.most-commented li', { hasText: 'La salle en fête' });
    expect(await entry.getAttribute('data-comment-count')).toBe('2');
    await page.close();
  });

  it('keeps the typed comment and explains the problem when a field is wrong', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}${permalink}`);
    await page.fill('#comment-body', 'Un texte à garder');
    await page.fill('#comment-name', 'Zoé');
    await page.fill('#comment-email', 'pas-une-adresse');
    await page.click('form.comment-form button[type=submit]');
    await page.waitForLoadState('load');
    expect(await page.inputValue('#comment-body')).toBe('Un texte à garder');
    expect(await page.locator('#commentaire-erreurs').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
