import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchServer } from './support/server.ts';
import type { E2eServer } from './support/server.ts';
import { chromiumAvailable, launchBrowser } from './support/browser.ts';
import { createAccount, signIn } from './support/actors.ts';
import { axeViolations } from './support/axe.ts';

const hasChromium = chromiumAvailable();
const PASSWORD = 'une phrase de passe assez longue';
/** Intl may put a no-break space inside "12 minutes". */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * Rate limits are ON here (no LIFT_RATE_LIMITS). Distinct visitors are distinct addresses: the
 * server runs with TRUST_PROXY=1, as behind one reverse proxy, and each browser context sends
 * its own X-Forwarded-For — the only way the server tells visitors apart, as in production.
 */
describe.skipIf(!hasChromium)('abuse: rate limits and reports', () => {
  let server: E2eServer;
  let browser: Browser;
  let admin: Page;
  const contexts: BrowserContext[] = [];

  async function visitor(n: number, javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({
      extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${n}` },
      javaScriptEnabled,
    });
    contexts.push(context);
    return context.newPage();
  }

  async function fillShareForm(page: Page, fields: { name: string; title: string; body: string }) {
    await page.goto(`${server.origin}/partager`);
    await page.fill('#name', fields.name);
    await page.fill('#email', `${fields.name.toLowerCase()}@example.org`);
    await page.fill('#title', fields.title);
    await page.fill('#body', fields.body);
    await page.check('#consent');
  }

  /** Submits the share form; returns the POST's response. */
  async function submitShare(page: Page) {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('_action=share')),
      page.click('form button[type=submit]'),
    ]);
    await page.waitForLoadState('domcontentloaded');
    return response;
  }

  async function approveAll() {
    await admin.goto(`${server.origin}/moderation`);
    while ((await admin.locator('[data-queue-item] button[data-decision="approve"]').count()) > 0) {
      await Promise.all([
        admin.waitForURL(/fait=approve/),
        admin.locator('[data-queue-item] button[data-decision="approve"]').first().click(),
      ]);
    }
  }

  async function permalinkOf(title: string): Promise<string> {
    const wall = await (await fetch(`${server.origin}/`)).text();
    const card = wall.split('<article').find((chunk) => chunk.includes(title));
    const href = card && /href="(\/souvenirs\/[A-Za-z0-9_-]+)"/.exec(card)?.[1];
    if (!href) throw new Error(`“${title}” is not on the wall`);
    return href;
  }

  async function saveRules(values: Record<string, string>) {
    await admin.goto(`${server.origin}/moderation/reglages`);
    for (const [field, value] of Object.entries(values)) await admin.fill(`#${field}`, value);
    await Promise.all([admin.waitForURL(/enregistre=1/), admin.click('form.rules-form > button[type=submit]')]);
  }

  beforeAll(async () => {
    server = await launchServer({ TRUST_PROXY: '1' }, { start: false });
    await createAccount(server, 'admin', 'admin', PASSWORD);
    await server.start();
    browser = await launchBrowser();
    admin = await signIn(browser, server, 'admin', PASSWORD);
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await admin?.context().close();
    await browser?.close();
    await server?.dispose();
  });

  it('refuses a second share within 15 s with 429 and Retry-After, the text kept in the form', async () => {
    const page = await visitor(1);
    await fillShareForm(page, { name: 'Nadia', title: 'Premier envoi', body: 'La fosse, un soir de novembre.' });
    expect((await submitShare(page)).status()).toBe(303);
    await expect(page.locator('#confirmation').count()).resolves.toBe(1);

    await fillShareForm(page, { name: 'Nadia', title: 'Second envoi', body: 'Et le balcon, le lendemain.' });
    const refused = await submitShare(page);
    expect(refused.status()).toBe(429);
    const retryAfter = Number(refused.headers()['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(15);
    expect(plain(await page.locator('#form-error').textContent())).toMatch(/attendez \d+ secondes?/);
    await expect(page.inputValue('#body')).resolves.toBe('Et le balcon, le lendemain.');
    await expect(page.inputValue('#title')).resolves.toBe('Second envoi');
  });

  it('refuses shares over the budget an admin set, saying when to try again, in French and in English', async () => {
    await saveRules({ floodSeconds: '0', shareLimit: '2', shareMinutes: '60' });
    await expect(admin.locator('#shareLimit').inputValue()).resolves.toBe('2');

    const page = await visitor(2);
    // At most one window boundary can fall inside the test: five tries are always enough.
    let refused = null;
    for (let i = 1; i <= 5 && !refused; i++) {
      await fillShareForm(page, { name: 'Hugo', title: `Envoi ${i}`, body: `Souvenir numéro ${i}.` });
      const response = await submitShare(page);
      if (response.status() === 429) refused = response;
      else expect(response.status()).toBe(303);
    }
    expect(refused).not.toBeNull();
    const retryAfter = Number(refused!.headers()['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    const message = plain(await page.locator('#form-error').textContent());
    expect(message).toContain('Vous avez partagé beaucoup de souvenirs en peu de temps.');
    expect(message).toMatch(/Réessayez dans \d+ (secondes?|minutes?|heure)/);
    await expect(page.inputValue('#body')).resolves.toMatch(/^Souvenir numéro \d\.$/);

    await page.goto(`${server.origin}/en/partager`);
    await page.fill('#name', 'Hugo');
    await page.fill('#email', 'hugo@example.org');
    await page.fill('#body', 'In English this time.');
    await page.check('#consent');
    const english = await submitShare(page);
    expect(english.status()).toBe(429);
    expect(plain(await page.locator('#form-error').textContent())).toMatch(/Try again in \d+ (seconds?|minutes?|hour)/);
    await expect(page.inputValue('#body')).resolves.toBe('In English this time.');
  });

  it('says where the candle button is when a visitor lights too many, with or without JavaScript', async () => {
    await approveAll();
    await saveRules({ candleLimit: '1' });
    const first = await permalinkOf('Premier envoi');
    const second = await permalinkOf('Envoi 1');

    const page = await visitor(3);
    await page.goto(`${server.origin}${first}`);
    await page.click('form.candle button');
    await page.waitForFunction(() =>
      document.querySelector('form.candle .candle-message')?.textContent?.includes('brûle'),
    );
    await page.goto(`${server.origin}${second}`);
    await page.click('form.candle button');
    await page.waitForFunction(() =>
      /Réessayez dans/.test(document.querySelector('form.candle .candle-message')?.textContent ?? ''),
    );
    expect(plain(await page.locator('form.candle .candle-message').textContent())).toMatch(
      /^Beaucoup de bougies allumées en peu de temps\. Réessayez dans \d+ (secondes?|minutes?|heure)\.$/,
    );

    const noScript = await fetch(`${server.origin}${second}?_action=lightCandle`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: server.origin, 'x-forwarded-for': '198.51.100.3' },
      body: new URLSearchParams({ souvenir: second.split('/').pop()!, locale: 'fr' }),
    });
    expect(noScript.status).toBe(429);
    expect(Number(noScript.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await noScript.text();
    expect(plain(/<p class="candle-message"[^>]*>([^<]*)<\/p>/.exec(html)?.[1] ?? '')).toMatch(/Réessayez dans/);
  });

  it('refuses sign-ins over the budget from one address, before checking any password', async () => {
    await saveRules({ loginLimit: '2', loginMinutes: '15' });
    const attempt = () =>
      fetch(`${server.origin}/connexion?_action=auth.login`, {
        method: 'POST',
        headers: { origin: server.origin, 'x-forwarded-for': '198.51.100.30' },
        body: new URLSearchParams({ username: 'personne', password: 'pas le bon mot de passe' }),
      });
    let refused: Response | null = null;
    for (let i = 1; i <= 4 && !refused; i++) {
      const response = await attempt();
      if (response.status === 429) refused = response;
      else expect(response.status).toBe(401);
    }
    expect(refused).not.toBeNull();
    expect(Number(refused!.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    const html = plain(await refused!.text());
    // Fixed windows: near a window's end the wait is said in seconds.
    expect(html).toMatch(
      /Trop de tentatives de connexion depuis cette adresse\. Réessayez dans \d+ (minutes?|secondes?)\./,
    );
    expect(html).toContain('value="personne"');
    // Another address still signs in.
    const other = await signIn(browser, server, 'admin', PASSWORD);
    expect(new URL(other.url()).pathname).toBe('/moderation');
    await other.context().close();
  });

  it('hides a souvenir reported by three visitors until a moderator keeps it published', async () => {
    const permalink = await permalinkOf('Premier envoi');
    const publicId = permalink.split('/').pop()!;
    const form = `#signaler-souvenir-${publicId}`;

    async function report(page: Page, reason: string, note: string) {
      await page.goto(`${server.origin}${permalink}`);
      await page.click(`${form} summary`);
      await page.check(`${form} input[name=reason][value=${reason}]`);
      await page.fill(`${form} textarea[name=note]`, note);
      await Promise.all([page.waitForURL(/signalement/), page.click(`${form} button[type=submit]`)]);
    }

    // The first visitor works without JavaScript: the form is a plain <details> and POST.
    const first = await visitor(11, false);
    await report(first, 'personal_data', 'Il y a un numéro de téléphone.');
    expect(plain(await first.locator('#signalement').textContent())).toBe('Merci, votre signalement a été transmis.');
    await report(first, 'offensive', 'Encore');
    expect(plain(await first.locator('#signalement').textContent())).toContain('Vous avez déjà signalé ce texte');

    const second = await visitor(12);
    await second.goto(`${server.origin}${permalink}`);
    expect(await axeViolations(second)).toEqual([]);
    await report(second, 'offensive', '<script>alert(1)</script>');
    expect(plain(await second.locator('#signalement').textContent())).toBe('Merci, votre signalement a été transmis.');
    expect((await fetch(`${server.origin}${permalink}`)).status).toBe(200);

    const third = await visitor(13);
    await report(third, 'false', '');
    expect(new URL(third.url()).pathname).toBe('/signalement');
    expect(plain(await third.locator('main').textContent())).toContain('Merci, votre signalement a été transmis.');

    expect((await fetch(`${server.origin}${permalink}`)).status).toBe(404);
    expect(await (await fetch(`${server.origin}/`)).text()).not.toContain('Premier envoi');
    expect(await (await fetch(`${server.origin}/feed.json`)).text()).not.toContain('Premier envoi');

    await admin.goto(`${server.origin}/moderation`);
    await expect(admin.locator('#type-reported .count').textContent()).resolves.toBe('1');
    await admin.click('#type-reported');
    const item = admin.locator('[data-reported-item]').first();
    await expect(item.getAttribute('data-hidden')).resolves.toBe('true');
    await expect(item.getAttribute('data-target')).resolves.toBe('souvenir');
    await expect(item.locator('[data-reports]').getAttribute('data-reports')).resolves.toBe('3');
    const notes = await item.locator('[data-note]').allTextContents();
    expect(notes.join('\n')).toContain('Il y a un numéro de téléphone.');
    expect(notes.join('\n')).toContain('<script>alert(1)</script>');
    expect(await axeViolations(admin)).toEqual([]);

    await Promise.all([admin.waitForURL(/fait=dismiss/), item.locator('button[data-decision="dismiss"]').click()]);
    expect(plain(await admin.locator('#message').textContent())).toContain('Signalements classés');
    await expect(admin.locator('[data-reported-item]').count()).resolves.toBe(0);
    await expect(admin.locator('#type-reported .count').textContent()).resolves.toBe('0');

    expect((await fetch(`${server.origin}${permalink}`)).status).toBe(200);
    expect(await (await fetch(`${server.origin}/`)).text()).toContain('Premier envoi');
    await admin.goto(`${server.origin}/moderation/journal`);
    expect(await admin.locator('main').textContent()).toContain('Signalements classés');

    // Reported again and put in the bin from this tab by mistake: "Annuler" is offered here too.
    await report(await visitor(14), 'offensive', 'Encore une fois');
    await admin.goto(`${server.origin}/moderation/signalements`);
    const again = admin.locator('[data-reported-item]').first();
    await Promise.all([admin.waitForURL(/fait=trash/), again.locator('button[data-decision="trash"]').click()]);
    expect((await fetch(`${server.origin}${permalink}`)).status).toBe(404);
    await Promise.all([admin.waitForURL(/fait=revert/), admin.locator('.undo-form button').click()]);
    expect(plain(await admin.locator('#message').textContent())).toContain('État précédent rétabli');
    expect((await fetch(`${server.origin}${permalink}`)).status).toBe(200);
    // Taken back, it is on this tab again with its report, as before the mistake: kept published.
    const back = admin.locator('[data-reported-item]').first();
    await Promise.all([admin.waitForURL(/fait=dismiss/), back.locator('button[data-decision="dismiss"]').click()]);
    expect(await admin.locator('[data-reported-item]').count()).toBe(0);
  });

  it('reports a comment from its "Signaler" link, without JavaScript, and the report reaches the moderators', async () => {
    const permalink = await permalinkOf('Envoi 1');
    const commenter = await visitor(20);
    await commenter.goto(`${server.origin}${permalink}`);
    await commenter.fill('#comment-body', 'Un commentaire que quelqu’un signalera.');
    await commenter.fill('#comment-name', 'Inès');
    await commenter.fill('#comment-email', 'ines@example.org');
    await Promise.all([commenter.waitForURL(/commentaire=/), commenter.click('form.comment-form button[type=submit]')]);
    await admin.goto(`${server.origin}/moderation?type=commentaires`);
    await Promise.all([
      admin.waitForURL(/fait=approve/),
      admin.click('[data-queue-item][data-target="comment"] button[data-decision="approve"]'),
    ]);

    const page = await visitor(21, false);
    await page.goto(`${server.origin}${permalink}`);
    const comment = page.locator('article.comment', { hasText: 'Un commentaire que quelqu’un signalera.' });
    const commentId = (await comment.getAttribute('id'))!.replace(/^commentaire-/, '');
    // The cached page carries one form, the souvenir's; each comment a link to its own.
    await expect(page.locator('form.report-form').count()).resolves.toBe(1);
    await expect(comment.locator('.report-link a').textContent()).resolves.toBe('Signaler ce commentaire');
    await Promise.all([page.waitForURL(/signaler=/), comment.locator('.report-link a').click()]);
    expect(new URL(page.url()).hash).toBe(`#signaler-commentaire-${commentId}`);
    const form = `#signaler-commentaire-${commentId}`;
    await expect(page.locator(`details${form}[open] form.report-form`).count()).resolves.toBe(1);
    await expect(page.locator('form.report-form').count()).resolves.toBe(2);

    // Sent without a reason: the same form comes back, open, with the refusal and the note kept.
    await page.fill(`${form} textarea[name=note]`, 'Une adresse <b>personnelle</b>.');
    await Promise.all([page.waitForNavigation(), page.click(`${form} button[type=submit]`)]);
    expect(plain(await page.locator(`${form} [role=alert]`).textContent())).toBe('Choisissez une raison.');
    await expect(page.inputValue(`${form} textarea[name=note]`)).resolves.toBe('Une adresse <b>personnelle</b>.');
    await page.check(`${form} input[name=reason][value=personal_data]`);
    await Promise.all([page.waitForURL(/signalement=transmis/), page.click(`${form} button[type=submit]`)]);
    expect(plain(await page.locator('#signalement').textContent())).toBe('Merci, votre signalement a été transmis.');

    await admin.goto(`${server.origin}/moderation`);
    await expect(admin.locator('#type-reported .count').textContent()).resolves.toBe('1');
    await admin.click('#type-reported');
    const item = admin.locator('[data-reported-item]').first();
    await expect(item.getAttribute('data-target')).resolves.toBe('comment');
    await expect(item.locator('[data-reports]').getAttribute('data-reports')).resolves.toBe('1');
    expect((await item.locator('[data-note]').allTextContents()).join('\n')).toContain(
      'Une adresse <b>personnelle</b>.',
    );
    await Promise.all([admin.waitForURL(/fait=dismiss/), item.locator('button[data-decision="dismiss"]').click()]);
  });
});
