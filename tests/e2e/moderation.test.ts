import { describe, it, expect } from 'vitest';
import { serverAndBrowser } from './support/suite.ts';
import { ADMIN_PASSWORD, queueOfTwo } from './support/moderation-queue.ts';
import { chromiumAvailable } from './support/browser.ts';
import { shareByHttp, signIn } from './support/actors.ts';
import { axeViolations } from './support/axe.ts';
import type { Page } from 'playwright-core';

const hasChromium = chromiumAvailable();
/** Intl and French typography put no-break spaces in numbers and before a colon. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe.skipIf(!hasChromium)('moderators at work in the queue', () => {
  const suite = serverAndBrowser(queueOfTwo);

  it('lets an admin work the queue by keyboard: approve one, reject another', async () => {
    const page = await signIn(suite.browser, suite.server, 'admin', ADMIN_PASSWORD);
    await page.goto(`${suite.server.origin}/moderation`);
    expect(await page.locator('[data-queue-item]').count()).toBe(2);
    expect(await page.content()).toContain('a@example.org');
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('j');
    const first = page.locator('[data-queue-item]').first();
    await expect(
      first.evaluate((el) => el.contains(document.activeElement) || el === document.activeElement),
    ).resolves.toBe(true);
    expect(await first.textContent()).toContain('Souvenir à approuver');
    await Promise.all([page.waitForURL(/fait=approve/), page.keyboard.press('a')]);
    await expect(page.locator('#message').textContent()).resolves.toBeTruthy();
    // Said where the item was, above the next one, with the focus (a phone stays where it was).
    expect(
      await page.evaluate(() => {
        const message = document.activeElement!;
        const items = [...document.querySelectorAll('[data-queue-item]')];
        const after = items.filter((item) => message.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING);
        return [message.id, message.parentElement?.hasAttribute('data-queue'), items.length, after.length];
      }),
    ).toEqual(['message', true, 1, 1]);

    await page.keyboard.press('j');
    expect(await page.locator('[data-queue-item]').first().textContent()).toContain('Souvenir à refuser');
    await Promise.all([page.waitForURL(/fait=reject/), page.keyboard.press('r')]);
    expect(await page.locator('[data-queue-item]').count()).toBe(0);

    const wall = await (await fetch(`${suite.server.origin}/`)).text();
    expect(wall).toContain('Souvenir à approuver');
    expect(wall).not.toContain('Souvenir à refuser');

    await page.goto(`${suite.server.origin}/moderation/journal`);
    const actions = await page
      .locator('tr[data-action]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['approve', 'reject']));
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('applies a bulk decision to the texts as read: one its author rewrote since is left for a second reading', async () => {
    const origin = suite.server.origin;
    await shareByHttp(suite.server, {
      email: 'lot1@example.org',
      title: 'Lot un',
      body: 'Le balcon, un soir de rock.',
    });
    const rewritten = await shareByHttp(suite.server, {
      email: 'lot2@example.org',
      title: 'Lot deux',
      body: 'Les lumières de la scène.',
    });
    const page = await signIn(suite.browser, suite.server, 'admin', ADMIN_PASSWORD);
    await page.goto(`${origin}/moderation`);
    // The page holds these two: "select all" ticks both, and then offers to untick them.
    expect(await page.locator('[data-queue-item]').count()).toBe(2);
    await page.click('[data-select-all]');
    expect(await page.locator('[data-select]:checked').count()).toBe(2);
    expect(await page.textContent('[data-select-all]')).toBe('Tout désélectionner');
    expect(await page.locator('[data-queue-item].selected').count()).toBe(2);

    // While the list is on the moderator's screen, the author rewrites one through their private link.
    const author = await suite.browser.newContext();
    const own = await author.newPage();
    await own.goto(`${origin}${rewritten}`);
    await own.fill('textarea[name="body"]', 'Un numéro de téléphone ajouté après coup.');
    await Promise.all([own.waitForNavigation(), own.click('form:has(textarea[name="body"]) button[type="submit"]')]);
    await author.close();

    await page.selectOption('#moderation-bulk-decision', 'approve');
    await Promise.all([page.waitForURL(/fait=approve/), page.click('[data-bulk-apply]')]);
    const flash = await page.textContent('#message');
    expect(flash).toContain('Un souvenir a été laissé tel quel');
    expect(flash).toContain('il a été modifié depuis que la liste a été affichée ; relisez-le');
    const wall = await (await fetch(`${origin}/`)).text();
    expect(wall).toContain('Lot un');
    expect(wall).not.toContain('Lot deux');
    expect(wall).not.toContain('téléphone');
    expect(await page.locator('[data-queue-item]', { hasText: 'téléphone' }).count()).toBe(1);
    await page.context().close();
  });

  it('leaves a moderator on a phone where they were: the decision is said above the next item', async () => {
    const origin = suite.server.origin;
    for (const n of [1, 2, 3, 4])
      await shareByHttp(suite.server, {
        email: `tel${n}@example.org`,
        title: `Téléphone ${n}`,
        body: `Un concert, le soir numéro ${n}.`,
      });
    const page = await signIn(suite.browser, suite.server, 'admin', ADMIN_PASSWORD);
    await page.setViewportSize({ width: 375, height: 700 });
    await page.goto(`${origin}/moderation`);
    const third = page.locator('[data-queue-item]', { hasText: 'Téléphone 3' });
    await third.scrollIntoViewIfNeeded();
    await Promise.all([page.waitForURL(/fait=approve/), third.locator('button[data-decision="approve"]').click()]);
    const seen = await page.evaluate(() => {
      const message = document.getElementById('message')!;
      const next = [...document.querySelectorAll('[data-queue-item]')].find(
        (item) => message.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING,
      )!;
      const box = message.getBoundingClientRect();
      return {
        focused: document.activeElement === message,
        inView: box.top >= 0 && box.bottom <= innerHeight,
        scrolled: scrollY > 0,
        next: next.querySelector('h3')?.textContent,
      };
    });
    expect(seen).toEqual({ focused: true, inView: true, scrolled: true, next: expect.stringContaining('Téléphone 4') });
    const nextAfterMessage = () =>
      page.evaluate(() => {
        const message = document.getElementById('message')!;
        const next = [...document.querySelectorAll('[data-queue-item]')].find(
          (item) => message.compareDocumentPosition(item) & Node.DOCUMENT_POSITION_FOLLOWING,
        );
        return {
          focused: document.activeElement === message,
          scrolled: scrollY > 0,
          next: next?.querySelector('h3')?.textContent,
        };
      });
    // "Annuler": the item comes back where it was, and the message stays there too.
    await Promise.all([page.waitForURL(/fait=revert/), page.click('.undo-form button')]);
    expect(await nextAfterMessage()).toEqual({
      focused: true,
      scrolled: true,
      next: expect.stringContaining('Téléphone 3'),
    });
    // An edit is said above the item edited.
    await page.goto(`${origin}/moderation`);
    await Promise.all([
      page.waitForURL(/modifier/),
      page.locator('[data-queue-item]', { hasText: 'Téléphone 4' }).locator('a[data-edit]').click(),
    ]);
    await page.fill('#body', 'Un concert, le soir numéro 4, corrigé.');
    await Promise.all([page.waitForURL(/fait=edit/), page.click('#edit-souvenir button[type=submit]')]);
    expect(await nextAfterMessage()).toEqual({
      focused: true,
      scrolled: true,
      next: expect.stringContaining('Téléphone 4'),
    });
    await page.context().close();
  });

  it('searches the queue, and keeps the search through a decision', async () => {
    const origin = suite.server.origin;
    await shareByHttp(suite.server, { email: 'r1@example.org', title: 'Recherche balcon', body: 'Le balcon vibrait.' });
    await shareByHttp(suite.server, {
      email: 'r2@example.org',
      title: 'Recherche arnaque',
      body: 'Voir https://a.example et https://b.example pour gagner.',
    });
    const page = await signIn(suite.browser, suite.server, 'admin', ADMIN_PASSWORD);
    await page.goto(`${origin}/moderation`);
    await page.fill('#queue-q', 'recherche');
    await Promise.all([page.waitForURL(/q=recherche/), page.click('.queue-filter button')]);
    expect(await page.locator('[data-queue-item]').count()).toBe(2);
    // The heading keeps the tab's total; the search says how many of them it keeps.
    const total = Number((await page.textContent('#queue-heading'))!.replace(/\D/g, ''));
    expect(total).toBeGreaterThan(2);
    expect(plain(await page.textContent('#queue-matches'))).toBe(`2 sur ${total} correspondent à « recherche ».`);
    // Two links: the rules flagged it, and only it is left with the box ticked.
    await page.check('#queue-flagged');
    await Promise.all([page.waitForURL(/signales=1/), page.click('.queue-filter button')]);
    const items = page.locator('[data-queue-item]');
    expect(await items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('Recherche arnaque');
    expect(plain(await page.textContent('#queue-matches'))).toBe(
      `1 sur ${total} correspond à « recherche » parmi ceux que les règles ou des signalements ont marqués.`,
    );
    await Promise.all([page.waitForURL(/fait=spam/), items.first().locator('button[data-decision="spam"]').click()]);
    expect(page.url()).toMatch(/q=recherche/);
    expect(await page.textContent('.empty')).toContain('Rien ne correspond à cette recherche');
    await Promise.all([page.waitForNavigation(), page.click('.queue-filter a')]);
    expect(await page.locator('[data-queue-item]', { hasText: 'Recherche balcon' }).count()).toBe(1);

    // Edited from a search, the item is found again in that search, the message above it.
    await page.fill('#queue-q', 'balcon');
    await Promise.all([page.waitForURL(/q=balcon/), page.click('.queue-filter button')]);
    await Promise.all([page.waitForURL(/modifier.*q=balcon/), page.click('[data-queue-item] a[data-edit]')]);
    await page.fill('#body', 'Le balcon vibrait, et la fosse aussi.');
    await Promise.all([page.waitForURL(/fait=edit/), page.click('#edit-souvenir button[type=submit]')]);
    expect(page.url()).toMatch(/q=balcon/);
    expect(
      await page.evaluate(
        () => document.activeElement?.id === 'message' && !!document.activeElement.closest('[data-queue]'),
      ),
    ).toBe(true);
    await page.context().close();
  });

  /**
   * A pending souvenir in the queue with a reason and a note typed in its form, and what its author
   * does meanwhile from their private page (`meanwhile`), before the moderator's Reject.
   */
  async function rejectAfterAuthor(
    souvenir: { email: string; title: string; body: string },
    typed: { reason: string; note: string },
    meanwhile: (own: Page) => Promise<unknown>,
  ) {
    const origin = suite.server.origin;
    const link = await shareByHttp(suite.server, souvenir);
    const page = await signIn(suite.browser, suite.server, 'admin', ADMIN_PASSWORD);
    await page.goto(`${origin}/moderation`);
    const item = page.locator('[data-queue-item]', { hasText: souvenir.title });
    await item.locator('input[name="reason"]').fill(typed.reason);
    await item.locator('input[name="note"]').fill(typed.note);
    const author = await suite.browser.newContext();
    const own = await author.newPage();
    await own.goto(`${origin}${link}`);
    await meanwhile(own);
    await author.close();
    await Promise.all([page.waitForURL(/fait=refusal/), item.locator('button[data-decision="reject"]').click()]);
    return { page, item };
  }

  it('answers a refused decision at the queue’s own address, above the item, what was typed given back', async () => {
    const origin = suite.server.origin;
    // Meanwhile its author rewrites it: the decision on the version read is refused.
    const { page, item } = await rejectAfterAuthor(
      { email: 'tard@example.org', title: 'Relu trop tard', body: 'Une première version.' },
      { reason: 'Hors sujet, à mon avis', note: 'Merci de votre envoi.' },
      async (own) => {
        await own.fill('textarea[name="body"]', 'Une seconde version, que personne n’a lue.');
        await Promise.all([
          own.waitForNavigation(),
          own.click('form:has(textarea[name="body"]) button[type="submit"]'),
        ]);
      },
    );
    const url = new URL(page.url());
    expect([url.pathname, url.searchParams.has('_action')]).toEqual(['/moderation', false]);
    expect(plain(await page.textContent('#message'))).toContain('Ce souvenir a été modifié depuis que vous l’avez lu');
    expect(
      await page.evaluate(() => {
        const message = document.activeElement!;
        const next = [...document.querySelectorAll('[data-queue-item]')].find(
          (card) => message.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING,
        );
        return [message.id, next?.querySelector('h3')?.textContent];
      }),
    ).toEqual(['message', expect.stringContaining('Relu trop tard')]);
    expect(await item.locator('input[name="reason"]').inputValue()).toBe('Hors sujet, à mon avis');
    expect(await item.locator('input[name="note"]').inputValue()).toBe('Merci de votre envoi.');
    // The typed text is not in the address; a reload posts nothing, and says the refusal again.
    expect(page.url()).not.toContain('avis');
    const reload = await page.reload();
    expect(reload!.request().method()).toBe('GET');
    expect(plain(await page.textContent('#message'))).toContain('Ce souvenir a été modifié');
    expect(await item.locator('input[name="reason"]').inputValue()).toBe('');
    expect((await fetch(`${origin}/`).then((r) => r.text())).includes('Relu trop tard')).toBe(false);
    await page.context().close();
  });

  it('gives what was typed back to copy when the refused decision’s item has left the list', async () => {
    // Meanwhile its author withdraws it: it is no longer in the list the refusal redirects to.
    const { page } = await rejectAfterAuthor(
      { email: 'parti@example.org', title: 'Retiré entre-temps', body: 'Un soir.' },
      { reason: 'Motif <b>tapé</b> avec soin', note: 'Une note pour l’auteur.' },
      async (own) => {
        await own.check('#confirm');
        await Promise.all([own.waitForNavigation(), own.click('form[action*="authorWithdraw"] button[type="submit"]')]);
      },
    );
    expect(await page.locator('[data-queue-item]', { hasText: 'Retiré entre-temps' }).count()).toBe(0);
    const kept = page.locator('[data-kept-draft]');
    expect(plain(await kept.textContent())).toContain('Votre texte n’est pas perdu');
    // Beside the refusal the page scrolled to, not screens above it: it begins on the screen.
    const box = (await kept.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(page.viewportSize()!.height - 100);
    expect(await kept.locator('#kept-draft-reason').inputValue()).toBe('Motif <b>tapé</b> avec soin');
    expect(await kept.locator('#kept-draft-note').inputValue()).toBe('Une note pour l’auteur.');
    expect(page.url()).not.toContain('soin');
    // Once: a reload no longer shows it.
    await page.reload();
    expect(await page.locator('[data-kept-draft]').count()).toBe(0);
    await page.context().close();
  });
});
