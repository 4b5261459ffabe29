import { describe, it, expect } from 'vitest';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable } from './support/browser.ts';
import { shareByHttp, createAccount, signIn } from './support/actors.ts';
import { axeViolations } from './support/axe.ts';

const hasChromium = chromiumAvailable();
const ADMIN_PASSWORD = 'une phrase de passe assez longue';
const MODERATOR_PASSWORD = 'une autre phrase bien longue';

describe.skipIf(!hasChromium)('moderators at work', () => {
  const suite = serverAndBrowser(async (server) => {
    await createAccount(server, 'admin', 'admin', ADMIN_PASSWORD);
    await server.start();
    for (const souvenir of [
      { name: 'Approuvable', email: 'a@example.org', title: 'Souvenir à approuver', body: 'La fosse chantait.' },
      { name: 'Refusable', email: 'r@example.org', title: 'Souvenir à refuser', body: 'Hors sujet.' },
    ])
      await shareByHttp(server, souvenir);
  });

  it('sends a visitor to the login page and refuses Actions without a session', async () => {
    const res = await fetch(`${suite.server.origin}/moderation`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/connexion');
    const form = await fetch(`${suite.server.origin}/moderation?_action=moderation.decide`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: suite.server.origin },
      body: new URLSearchParams({ ids: '1', decision: 'approve' }),
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toContain('/connexion');
    const api = await fetch(`${suite.server.origin}/_actions/moderation.decide`, {
      method: 'POST',
      headers: { origin: suite.server.origin },
      body: new URLSearchParams({ ids: '1', decision: 'approve' }),
    });
    expect(api.status).toBe(401);
    expect(await api.text()).not.toContain('a@example.org');
    const queue = await fetch(`${suite.server.origin}/souvenirs/nothing`);
    expect(queue.status).toBe(404);
  });

  it('refuses a cross-site decision: foreign Origin, JSON without Origin, no Origin', async () => {
    const url = `${suite.server.origin}/_actions/moderation.decide`;
    const foreign = await fetch(`${suite.server.origin}/moderation?_action=moderation.decide`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: new URLSearchParams({ ids: '1', decision: 'approve' }),
    });
    expect(foreign.status).toBe(403);
    const json = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ids":["1"],"decision":"approve"}',
    });
    expect(json.status).toBe(403);
    const none = await fetch(url, { method: 'POST', body: new URLSearchParams({ ids: '1', decision: 'approve' }) });
    expect(none.status).toBe(403);
  });

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
    // Two links: the rules flagged it, and only it is left with the box ticked.
    await page.check('#queue-flagged');
    await Promise.all([page.waitForURL(/signales=1/), page.click('.queue-filter button')]);
    const items = page.locator('[data-queue-item]');
    expect(await items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('Recherche arnaque');
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

  it('creates a moderator who signs in, is disabled, and is signed out on the next request', async () => {
    const admin = await signIn(suite.browser, suite.server, 'admin', ADMIN_PASSWORD);
    await admin.goto(`${suite.server.origin}/moderation/equipe`);
    await admin.fill('#username', 'camille');
    await admin.fill('#displayName', 'Camille');
    await admin.selectOption('#role', 'moderator');
    await admin.fill('#password', MODERATOR_PASSWORD);
    await admin.click('form.account-form button[type=submit]');
    await admin.waitForLoadState('load');
    expect(await admin.locator('.team-member', { hasText: '@camille' }).count()).toBe(1);

    const moderator = await signIn(suite.browser, suite.server, 'camille', MODERATOR_PASSWORD);
    await moderator.goto(`${suite.server.origin}/moderation`);
    expect(moderator.url()).toContain('/moderation');
    expect(moderator.url()).not.toContain('/connexion');
    const team = await moderator.goto(`${suite.server.origin}/moderation/equipe`);
    expect(team!.status()).toBe(403);

    await admin.goto(`${suite.server.origin}/moderation/equipe`);
    const member = admin.locator('.team-member', { hasText: '@camille' });
    await member.locator('.team-actions form').first().locator('button').click();
    await admin.waitForLoadState('load');
    expect(await admin.locator('.team-member.disabled', { hasText: '@camille' }).count()).toBe(1);

    await moderator.goto(`${suite.server.origin}/moderation`);
    expect(moderator.url()).toContain('/connexion');
    await admin.context().close();
    await moderator.context().close();
  });

  it('signs an admin out everywhere else from their account page, keeping this browser signed in', async () => {
    const laptop = await signIn(suite.browser, suite.server, 'admin', ADMIN_PASSWORD);
    const phone = await signIn(suite.browser, suite.server, 'admin', ADMIN_PASSWORD);
    await laptop.goto(`${suite.server.origin}/moderation/mot-de-passe`);
    expect(await laptop.textContent('#sessions-count')).toMatch(/^\d+ sessions ouvertes, celle-ci comprise\.$/);
    await Promise.all([laptop.waitForNavigation(), laptop.click('form.end-sessions-form button')]);
    expect(await laptop.textContent('#message')).toBe('Vos autres sessions sont fermées.');
    expect(await laptop.textContent('#sessions-count')).toBe('1 session ouverte : celle-ci.');
    await laptop.goto(`${suite.server.origin}/moderation`);
    expect(laptop.url()).not.toContain('/connexion');
    await phone.goto(`${suite.server.origin}/moderation`);
    expect(phone.url()).toContain('/connexion');
    await laptop.context().close();
    await phone.context().close();
  });

  it('gives a correction sent after the session ended back to the form once signed in again', async () => {
    const admin = await signIn(suite.browser, suite.server, 'admin', ADMIN_PASSWORD);
    const edit = `${suite.server.origin}/moderation/modifier/1`;
    await admin.goto(edit);
    const typed = 'Une correction longuement tapée, envoyée après la fin de la session.';
    await admin.fill('#body', typed);
    // The name shown and the year are corrected too (a phone number typed as a name is public).
    await admin.fill('#name', 'Approuvable, nom corrigé');
    await admin.fill('#year', '2001');
    await admin.context().clearCookies();
    await Promise.all([admin.waitForURL(/\/connexion/), admin.click('#edit-souvenir button[type=submit]')]);
    await admin.fill('#username', 'admin');
    await admin.fill('#password', ADMIN_PASSWORD);
    await Promise.all([admin.waitForURL(/\/moderation\/modifier\/1/), admin.click('form button[type=submit]')]);
    expect(await admin.inputValue('#body')).toBe(typed);
    expect([await admin.inputValue('#name'), await admin.inputValue('#year')]).toEqual([
      'Approuvable, nom corrigé',
      '2001',
    ]);
    expect(await admin.textContent('[data-draft-notice]')).toContain('n’avait pas été enregistrée');
    // Saved, the text has a new version: the copy kept in the browser is gone with it.
    await Promise.all([admin.waitForNavigation(), admin.click('#edit-souvenir button[type=submit]')]);
    await admin.goto(edit);
    expect(await admin.inputValue('#body')).toBe(typed);
    expect(await admin.isHidden('[data-draft-notice]')).toBe(true);
    const wall = await (await fetch(`${suite.server.origin}/`)).text();
    expect(wall).toContain('Approuvable, nom corrigé');
    expect(wall).toContain('Souvenir de 2001');
    // Emptied, the text is refused in a moderator's words, not the author's "write your memory".
    await admin.fill('#body', '');
    await Promise.all([admin.waitForNavigation(), admin.click('#edit-souvenir button[type=submit]')]);
    expect(await admin.textContent('#body-error')).toContain('Le texte ne peut pas être vide');
    await admin.context().close();
  });
});
