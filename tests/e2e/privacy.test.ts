import fs from 'node:fs';
import { describe, it, expect } from 'vitest';
import { withScript } from './support/server.ts';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable, trapPage } from './support/browser.ts';
import { shareByHttp, createAccount, signIn } from './support/actors.ts';
import { axeViolations } from './support/axe.ts';

const hasChromium = chromiumAvailable();
const PASSWORD = 'une phrase de passe assez longue';

describe.skipIf(!hasChromium)('privacy: the private link, a new link, the right to erasure', () => {
  let withdrawLink: string;
  let lostLink: string;

  const wall = async () => (await fetch(`${suite.server.origin}/`)).text();

  const suite = serverAndBrowser(async (server) => {
    await createAccount(server, 'admin', 'admin', PASSWORD);
    await server.start();
    withdrawLink = await shareByHttp(server, {
      name: 'Aline',
      email: 'aline@example.org',
      title: 'Retrait par lien',
      body: 'Un soir que je préfère garder.',
    });
    await shareByHttp(server, {
      name: 'Bruno',
      email: 'Bruno.Efface@Example.org',
      title: 'Effacement demandé',
      body: 'Mon premier concert.',
    });
    lostLink = await shareByHttp(server, {
      name: 'Chloé',
      email: 'chloe@example.org',
      title: 'Lien perdu',
      body: 'J’ai perdu mon lien.',
    });
    await withScript(server, 'souvenir.ts', ['approve', '1', '2']);
  });

  it('purges expired personal data when the server starts, and says so in its log', () => {
    expect(suite.server.output()).toMatch(/\[privacy\] purge: \d+ IP hash\(es\) cleared/);
  });

  it('lets an author withdraw through their link, and the souvenir leaves the wall', async () => {
    expect(await wall()).toContain('Retrait par lien');
    const page = await suite.browser.newPage();
    const traps = await trapPage(page, suite.server.origin);
    await page.goto(`${suite.server.origin}${withdrawLink}`);
    expect(await page.getAttribute('#statut', 'data-status')).toBe('approved');
    await page.check('#confirm');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('.danger-zone button[type=submit]')]);
    expect(await page.locator('#retire').textContent()).toContain('retiré');
    expect(traps).toEqual({ dialogs: [], consoleErrors: [], foreignRequests: [], cspViolations: [] });
    await page.close();

    const after = await wall();
    expect(after).not.toContain('Retrait par lien');
    expect(after).not.toContain('Aline');
    const permalinks = [...after.matchAll(/href="(\/souvenirs\/[A-Za-z0-9_-]+)"/g)].map((m) => m[1]);
    expect(permalinks).toHaveLength(1);
  });

  it('shows a commenter their own private link, which opens and withdraws that comment', async () => {
    const permalink = /href="(\/souvenirs\/[A-Za-z0-9_-]+)"/.exec(await wall())![1]!;
    const page = await suite.browser.newPage();
    await page.goto(`${suite.server.origin}${permalink}`);
    await page.fill('#comment-body', 'J’y étais aussi, au troisième rang.');
    await page.fill('#comment-name', 'Dora');
    await page.fill('#comment-email', 'dora@example.org');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.click('form.comment-form button[type=submit]'),
    ]);
    const link = await page.getAttribute('[data-private-link] a', 'href');
    expect(link).toMatch(/\/mes-souvenirs\/[A-Za-z0-9_-]{32}$/);

    await page.goto(link!);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.locator('h1').textContent()).toBe('Votre commentaire');
    expect(await page.getAttribute('#statut', 'data-status')).toBe('pending');
    expect(await page.locator('[data-on-souvenir] a').textContent()).toBe('Effacement demandé');
    await page.fill('#edit-comment-body', '');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.click('form.comment-form button[type=submit]'),
    ]);
    expect(await page.locator('#erreurs a').textContent()).toBe('Écrivez votre commentaire.');
    await page.fill('#edit-comment-body', 'J’y étais aussi, au <strong>deuxième</strong> rang.');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.click('form.comment-form button[type=submit]'),
    ]);
    expect(await page.locator('#message').textContent()).toContain('Votre correction est enregistrée.');
    expect(await page.locator('article.comment strong').textContent()).toBe('deuxième');
    // Answered with a redirect to the page itself: a reload asks for it again and sends nothing.
    expect(new URL(page.url()).search).toBe('?fait=saved');
    let posts = 0;
    page.on('request', (request) => void (request.method() === 'POST' && posts++));
    await page.reload({ waitUntil: 'load' });
    expect(posts).toBe(0);
    expect(await page.locator('#message').textContent()).toContain('Votre correction est enregistrée.');
    await page.check('#confirm');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('.danger-zone button[type=submit]')]);
    expect(await page.locator('#retire').textContent()).toContain('Ce commentaire a été retiré');
    expect(new URL(page.url()).search).toBe('?fait=withdrawn');
    await page.close();
  });

  it('lets an admin give a lost link a replacement, shown once; the old link stops working', async () => {
    const admin = await signIn(suite.browser, suite.server, 'admin', PASSWORD);
    await admin.goto(`${suite.server.origin}/moderation`);
    const item = admin.locator('[data-queue-item]', { hasText: 'Lien perdu' });
    await Promise.all([admin.waitForNavigation({ waitUntil: 'load' }), item.locator('[data-new-link]').click()]);
    expect(await axeViolations(admin)).toEqual([]);
    const fresh = await admin.getAttribute('[data-new-private-link] a', 'href');
    expect(fresh).toMatch(/\/mes-souvenirs\/[A-Za-z0-9_-]{32}$/);
    expect(fresh).not.toContain(lostLink);

    expect((await fetch(`${suite.server.origin}${lostLink}`)).status).toBe(404);
    const opened = await fetch(fresh!);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Lien perdu');
    // Shown once: the queue itself never prints it again.
    await admin.goto(`${suite.server.origin}/moderation`);
    expect(await admin.locator('[data-new-private-link]').count()).toBe(0);
    await admin.context().close();
  });

  it('lets an admin find, export and erase everything tied to an address, logged without it', async () => {
    const admin = await signIn(suite.browser, suite.server, 'admin', PASSWORD);
    const traps = await trapPage(admin, suite.server.origin);
    await admin.goto(`${suite.server.origin}/moderation/donnees`);
    await admin.fill('#data-email', 'bruno.efface@example.org');
    await Promise.all([admin.waitForNavigation({ waitUntil: 'load' }), admin.click('[data-search]')]);
    expect(admin.url()).not.toContain('efface');
    expect(await axeViolations(admin)).toEqual([]);
    const rows = admin.locator('.data-table tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Effacement demandé');

    const [download] = await Promise.all([admin.waitForEvent('download'), admin.click('[data-export]')]);
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as {
      email: string;
      souvenirs: { title: string; authorEmail: string }[];
    };
    expect(exported.email).toBe('bruno.efface@example.org');
    expect(exported.souvenirs.map((s) => s.title)).toEqual(['Effacement demandé']);
    const direct = await admin.context().request.post(`${suite.server.origin}/moderation/donnees.json`, {
      form: { email: 'bruno.efface@example.org' },
      headers: { origin: suite.server.origin },
    });
    expect(direct.headers()['content-disposition']).toMatch(/^attachment; filename="donnees-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(direct.headers()['cache-control']).toMatch(/\bno-store\b/);

    await admin.check('#data-confirm');
    await Promise.all([admin.waitForNavigation({ waitUntil: 'load' }), admin.click('[data-erase]')]);
    expect(await admin.locator('#message').textContent()).toBe('Effacé : 1 souvenir et 0 commentaire.');
    expect(await admin.locator('.data-history li').count()).toBe(4);
    expect(traps).toEqual({ dialogs: [], consoleErrors: [], foreignRequests: [], cspViolations: [] });

    const after = await wall();
    expect(after).not.toContain('Effacement demandé');
    await admin.goto(`${suite.server.origin}/moderation/journal`);
    const journal = (await admin.content()).toLowerCase();
    expect(journal).toContain('effacement des données d’une adresse');
    expect(journal).not.toContain('bruno');
    await admin.context().close();

    // A moderator who is not an admin cannot even open the page.
    const anonymous = await fetch(`${suite.server.origin}/moderation/donnees`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
  });
});
