import { describe, it, expect } from 'vitest';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable } from './support/browser.ts';
import { shareByHttp } from './support/actors.ts';
import { axeViolations } from './support/axe.ts';
import type { Page } from 'playwright-core';

const hasChromium = chromiumAvailable();
const PASSWORD = 'une bougie pour chaque chanson';

describe.skipIf(!hasChromium)('an association runs the wall', () => {
  const suite = serverAndBrowser(async (server) => {
    await server.start();
    await shareByHttp(server, { title: 'Souvenir refusé par erreur', body: 'La fosse chantait.' });
  });
  let admin: Page;

  it('creates the first admin from the address npm start printed, then closes that page', async () => {
    const address = /https?:\/\/\S+\/installation\/[\w-]+/.exec(suite.server.output())?.[0];
    expect(address).toBeTruthy();
    const path = new URL(address!).pathname;
    expect((await fetch(`${suite.server.origin}/installation/pas-le-bon`)).status).toBe(404);

    admin = await (await suite.browser.newContext()).newPage();
    await admin.goto(`${suite.server.origin}${path}`);
    expect(await axeViolations(admin)).toEqual([]);
    await admin.fill('#username', 'camille');
    await admin.fill('#password', 'Motdepasse2024!');
    await admin.fill('#confirm', 'Motdepasse2024!');
    await admin.click('form button[type=submit]');
    expect(await admin.locator('#password-error').textContent()).toContain('ceux qu’on essaie en premier');
    expect(await axeViolations(admin)).toEqual([]);

    await admin.fill('#password', PASSWORD);
    await admin.fill('#confirm', PASSWORD);
    await Promise.all([admin.waitForURL(/\/moderation\/editeur$/), admin.click('form button[type=submit]')]);
    expect(await admin.locator('h1').textContent()).toContain('Éditeur du site');
    expect((await fetch(`${suite.server.origin}${path}`)).status).toBe(404);
    expect(suite.server.output()).not.toMatch(/cross-site .*installation\/[\w-]{10}/);
  });

  it('reminds admins of the legal notice until the publisher’s details feed it and the footer', async () => {
    await admin.goto(`${suite.server.origin}/moderation`);
    expect(await admin.locator('.publisher-reminder').count()).toBe(1);
    await admin.goto(`${suite.server.origin}/moderation/editeur`);
    expect(await axeViolations(admin)).toEqual([]);
    await admin.fill('#organisation', 'Association Mémoire des concerts');
    await admin.fill('#postalAddress', '1 rue de la Salle\n75011 Paris');
    await admin.fill('#director', 'Dominique Martin');
    await admin.fill('#contactEmail', 'contact@example.org');
    await admin.fill('#hostName', 'Hébergeur Exemple');
    await admin.fill('#hostAddress', '2 rue des Serveurs, 59100 Roubaix');
    await Promise.all([admin.waitForURL(/enregistre=1/), admin.click('form.publisher-form button[type=submit]')]);
    await admin.goto(`${suite.server.origin}/moderation`);
    expect(await admin.locator('.publisher-reminder').count()).toBe(0);

    await admin.goto(`${suite.server.origin}/mentions-legales`);
    expect(await axeViolations(admin)).toEqual([]);
    const legal = await (await fetch(`${suite.server.origin}/mentions-legales`)).text();
    expect(legal).toContain('Dominique Martin');
    expect(legal).toContain('Hébergeur Exemple');
    const english = await (await fetch(`${suite.server.origin}/en/mentions-legales`)).text();
    expect(english).toContain('Director of publication');
    const wall = await (await fetch(`${suite.server.origin}/`)).text();
    expect(wall).toContain('Publié par Association Mémoire des concerts');
    expect(wall).toContain('Espace modération');
  });

  it('lists a visitor’s contact message in moderation, unread until marked', async () => {
    const refused = await fetch(`${suite.server.origin}/contact?_action=contact`, {
      method: 'POST',
      headers: { origin: suite.server.origin },
      body: new URLSearchParams({ name: 'Sam\u202Eevil', email: 'sam@example.org', message: 'Mon texte gardé' }),
    });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('Mon texte gardé');
    expect(page).toContain('field-error');

    const visitor = await (await suite.browser.newContext()).newPage();
    await visitor.goto(`${suite.server.origin}/contact`);
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.fill('#name', 'Sam');
    await visitor.fill('#email', 'sam@example.org');
    await visitor.fill('#message', 'Bonjour, puis-je corriger la date de mon souvenir ?');
    await Promise.all([visitor.waitForURL(/envoye=1/), visitor.click('form.contact-form button[type=submit]')]);
    expect(await visitor.locator('#confirmation').textContent()).toContain('Message envoyé');
    await visitor.context().close();

    await admin.goto(`${suite.server.origin}/moderation/messages`);
    expect(await axeViolations(admin)).toEqual([]);
    const message = admin.locator('.contact-message').first();
    expect(await message.textContent()).toContain('puis-je corriger la date');
    expect(await message.getAttribute('data-read')).toBe('false');
    await Promise.all([admin.waitForLoadState('load'), message.locator('button').click()]);
    expect(await admin.locator('.contact-message').first().getAttribute('data-read')).toBe('true');
  });

  it('undoes a rejection from the queue’s “Annuler”, and restores it again from the journal', async () => {
    await admin.goto(`${suite.server.origin}/moderation`);
    const item = admin.locator('[data-queue-item]').first();
    expect(await item.textContent()).toContain('Souvenir refusé par erreur');
    await Promise.all([admin.waitForURL(/fait=reject/), item.locator('button[data-decision=reject]').click()]);
    expect(await admin.locator('[data-queue-item]').count()).toBe(0);
    await Promise.all([admin.waitForURL(/fait=revert/), admin.locator('.undo-form button').click()]);
    expect(await admin.locator('#message').textContent()).toContain('État précédent rétabli');
    expect(await admin.locator('[data-queue-item]').count()).toBe(1);

    await admin.goto(`${suite.server.origin}/moderation/journal`);
    expect(await admin.locator('tr[data-action=revert]').count()).toBe(1);
    // The undo taken back: the rejection stands again.
    const row = admin.locator('tr[data-action=revert]').first();
    // Asked twice: the first press only opens the confirmation.
    await row.locator('.revert-confirm summary').click();
    await Promise.all([admin.waitForURL(/fait=revert/), row.locator('.revert-form button').click()]);
    await admin.goto(`${suite.server.origin}/moderation?statut=rejected`);
    expect(await admin.locator('[data-queue-item]').count()).toBe(1);
    await admin.context().close();
  });
});
