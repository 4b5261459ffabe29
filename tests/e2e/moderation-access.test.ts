import { describe, it, expect } from 'vitest';
import { serverAndBrowser } from './support/suite.ts';
import { ADMIN_PASSWORD, queueOfTwo } from './support/moderation-queue.ts';
import { chromiumAvailable } from './support/browser.ts';
import { signIn } from './support/actors.ts';

const hasChromium = chromiumAvailable();
const MODERATOR_PASSWORD = 'une autre phrase bien longue';

describe.skipIf(!hasChromium)('moderators’ access: sessions, Origin checks and accounts', () => {
  const suite = serverAndBrowser(queueOfTwo);

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
    // Published first, so that the wall shows the correction.
    await admin.goto(`${suite.server.origin}/moderation`);
    await Promise.all([
      admin.waitForURL(/fait=approve/),
      admin
        .locator('[data-queue-item]', { hasText: 'Souvenir à approuver' })
        .locator('[data-decision="approve"]')
        .click(),
    ]);
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
