import { describe, it, expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { withScript } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable } from './support/browser.ts';
import { shareByHttp, createAccount, signIn, wallPermalinks, sendComment } from './support/actors.ts';
import { axeViolations } from './support/axe.ts';

const hasChromium = chromiumAvailable();
const PASSWORD = 'une phrase de passe assez longue';

describe.skipIf(!hasChromium)('comments under a souvenir', () => {
  let permalink: string;

  const suite = serverAndBrowser(async (server) => {
    await createAccount(server, 'admin', 'admin', PASSWORD);
    await server.start();
    await shareByHttp(server, { title: 'La salle en fête', body: 'Un soir de concert.' });
    await withScript(server, 'souvenir.ts', ['approve', '1']);
    permalink = (await wallPermalinks(server))[0]!;
  });

  async function approveFirstComment() {
    const admin = await signIn(suite.browser, suite.server, 'admin', PASSWORD);
    await admin.goto(`${suite.server.origin}/moderation?type=commentaires`);
    const item = admin.locator('[data-queue-item][data-target="comment"]').first();
    expect(await item.locator('[data-souvenir-title]').textContent()).toContain('La salle en fête');
    await Promise.all([admin.waitForURL(/fait=approve/), item.locator('button[data-decision="approve"]').click()]);
    await admin.context().close();
  }

  it('takes a comment, says it awaits moderation, and shows it once approved', async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.server.origin}${permalink}`);
    expect(await axeViolations(page)).toEqual([]);
    await sendComment(page, { name: 'Karim', body: 'Moi aussi j’y étais, au balcon.' });
    await expect(page.locator('#commentaire-envoye').textContent()).resolves.toBeTruthy();
    expect(await page.locator('article.comment').count()).toBe(0);

    await approveFirstComment();
    await page.goto(`${suite.server.origin}${permalink}`);
    const published = page.locator('article.comment');
    expect(await published.count()).toBe(1);
    expect(await published.first().textContent()).toContain('au balcon');
    expect(await page.content()).not.toContain('karim@example.org');
    await page.close();
  });

  it('nests a reply under its comment and updates the most-commented list', async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.server.origin}${permalink}`);
    await page.locator('article.comment a.comment-reply').first().click();
    await page.waitForLoadState('load');
    expect(await page.locator('#comment-replying-to').textContent()).toContain('Karim');
    await sendComment(page, { name: 'Lea', body: 'Et moi dans la fosse !' });
    await expect(page.locator('#commentaire-envoye').count()).resolves.toBe(1);

    await approveFirstComment();
    await page.goto(`${suite.server.origin}${permalink}`);
    const reply = page.locator('article.comment ol.comment-replies article.comment');
    expect(await reply.count()).toBe(1);
    expect(await reply.textContent()).toContain('dans la fosse');

    await page.goto(`${suite.server.origin}/`);
    const entry = page.locator('aside.most-commented li', { hasText: 'La salle en fête' });
    expect(await entry.getAttribute('data-comment-count')).toBe('2');
    await page.close();
  });

  /**
   * The name in `byline` keeps its direction to itself (a `<bdi>`, isolated by the browser's own
   * style) and the date after it is drawn after it: to its right on a left-to-right page. Without the
   * isolate, a Hebrew name pulls the date's digits into its right-to-left run, left of the name.
   */
  async function expectNameContained(byline: Locator, name: string) {
    const isolate = byline.locator('bdi', { hasText: name });
    expect(await isolate.count()).toBe(1);
    expect(await isolate.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
    const time = byline.locator('time');
    if ((await time.count()) === 0) return;
    expect(await isolate.evaluate((el, date) => el.contains(date), await time.elementHandle())).toBe(false);
    const nameBox = (await isolate.boundingBox())!;
    const dateBox = (await time.boundingBox())!;
    const sameLine = Math.abs(dateBox.y - nameBox.y) < nameBox.height / 2;
    if (sameLine) expect(dateBox.x).toBeGreaterThanOrEqual(nameBox.x + nameBox.width - 1);
  }

  it('keeps right-to-left names to themselves on the wall, the souvenir, the comments and the queues, and refuses overrides', async () => {
    const hebrew = 'מרים כהן';
    const arabic = 'ليلى';
    const refused = await fetch(`${suite.server.origin}/partager?_action=share`, {
      method: 'POST',
      headers: { origin: suite.server.origin },
      body: new URLSearchParams({ consent: 'on', name: '\u202Erotaredom', email: 'x@example.org', body: 'Un texte.' }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('changent le sens de lecture');
    // Titled: an untitled card names its author in the heading and has no byline (issue 15).
    await shareByHttp(suite.server, {
      name: hebrew,
      email: 'miriam@example.org',
      title: 'Le bal',
      body: 'Le bal des anciens, 1982.',
    });

    const admin = await signIn(suite.browser, suite.server, 'admin', PASSWORD);
    await admin.goto(`${suite.server.origin}/moderation`);
    const queued = admin.locator('[data-queue-item][data-target="souvenir"]', { hasText: hebrew });
    await expectNameContained(queued.locator('.meta').first(), hebrew);
    await Promise.all([admin.waitForURL(/fait=approve/), queued.locator('button[data-decision="approve"]').click()]);

    const page = await suite.browser.newPage();
    await page.goto(`${suite.server.origin}/`);
    const card = page.locator('article.souvenir-card', { hasText: hebrew });
    await expectNameContained(card.locator('.meta'), hebrew);
    await Promise.all([page.waitForURL(/\/souvenirs\//), card.locator('h2 a').click()]);
    await expectNameContained(page.locator('article.souvenir-card .meta'), hebrew);

    const souvenirPage = page.url();
    const send = async (name: string) => {
      await page.fill('#comment-body', 'Quelle soirée !');
      await page.fill('#comment-name', name);
      await page.fill('#comment-email', 'layla@example.org');
      await page.click('form.comment-form button[type=submit]');
      await page.waitForLoadState('load');
    };
    await send(`\u202B${arabic}`);
    expect(await page.locator('#commentaire-erreurs').textContent()).toContain('changent le sens de lecture');
    expect(await page.inputValue('#comment-body')).toBe('Quelle soirée !');
    await send(arabic);
    await expect(page.locator('#commentaire-envoye').count()).resolves.toBe(1);

    await admin.goto(`${suite.server.origin}/moderation?type=commentaires`);
    const queuedComment = admin.locator('[data-queue-item][data-target="comment"]', { hasText: arabic });
    await expectNameContained(queuedComment.locator('.meta').first(), arabic);
    await Promise.all([
      admin.waitForURL(/fait=approve/),
      queuedComment.locator('button[data-decision="approve"]').click(),
    ]);
    await admin.context().close();

    await page.goto(souvenirPage);
    await expectNameContained(
      page.locator('article.comment', { hasText: 'Quelle soirée' }).locator('.comment-author'),
      arabic,
    );
    await page.close();
  });

  it('keeps the typed comment and explains the problem when a field is wrong', async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.server.origin}${permalink}`);
    await sendComment(page, { body: 'Un texte à garder', name: 'Zoé', email: 'pas-une-adresse' });
    expect(await page.inputValue('#comment-body')).toBe('Un texte à garder');
    expect(await page.locator('#commentaire-erreurs').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
  /**
   * Every text node holding `name` is contained (issue 13): an inline element between it and its
   * block isolates it (`<bdi>`, `dir="auto"`), or it is all its isolating block holds, so nothing
   * beside it (a date, a count) can be reordered by it.
   */
  async function expectEveryOccurrenceIsolated(page: Page, name: string, where: string, required = true) {
    const found = await page.evaluate((name) => {
      const isolating = (el: Element) =>
        ['isolate', 'isolate-override', 'plaintext'].includes(getComputedStyle(el).unicodeBidi);
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const seen: Array<{ contained: boolean; html: string }> = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.includes(name)) continue;
        let element = node.parentElement!;
        let contained = false;
        while (getComputedStyle(element).display.startsWith('inline') && element.parentElement) {
          if (isolating(element)) contained = true;
          element = element.parentElement;
        }
        contained ||= isolating(element) && element.textContent!.trim() === node.textContent.trim();
        seen.push({ contained, html: element.outerHTML.slice(0, 300) });
      }
      return seen;
    }, name);
    if (required) expect(found.length, `${name} on ${where}`).toBeGreaterThan(0);
    expect(
      found.filter((f) => !f.contained).map((f) => f.html),
      where,
    ).toEqual([]);
  }

  it('isolates a right-to-left name on the author’s private page, the journal, the live screen and the embed', async () => {
    const name = 'נועה לוי';
    const link = await shareByHttp(suite.server, {
      name,
      email: 'noa@example.org',
      title: 'Première fois au balcon',
      body: 'Le balcon, la scène tout en bas, la salle entière qui chantait.',
    });
    const page = await suite.browser.newPage();
    await page.goto(`${suite.server.origin}${link}`);
    // The private page shows the author's own texts; wherever it names them, the name is isolated.
    await expectEveryOccurrenceIsolated(page, name, 'the private page', false);

    const admin = await signIn(suite.browser, suite.server, 'admin', PASSWORD);
    await admin.goto(`${suite.server.origin}/moderation`);
    const queued = admin.locator('[data-queue-item][data-target="souvenir"]', { hasText: name });
    await Promise.all([admin.waitForURL(/fait=approve/), queued.locator('button[data-decision="approve"]').click()]);
    await admin.goto(`${suite.server.origin}/moderation/journal`);
    await expectEveryOccurrenceIsolated(admin, name, 'the journal', false);
    await admin.context().close();

    for (const path of ['/ecran', '/embed', '/en/ecran']) {
      await page.goto(`${suite.server.origin}${path}`);
      await expectEveryOccurrenceIsolated(page, name, path);
    }
    await page.close();
  });
});
