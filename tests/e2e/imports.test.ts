import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable } from './support/browser.ts';
import { documentScreenshot } from './support/layout.ts';
import { createAccount, signIn } from './support/actors.ts';
import { axeViolations } from './support/axe.ts';
import { fakeStatus, lastRequestToken, MASTODON_TOKEN, startFakeSocial } from '../helpers/fake-social.ts';
import type { FakeSocial } from '../helpers/fake-social.ts';

const hasChromium = chromiumAvailable();
const PASSWORD = 'une phrase de passe assez longue';
const TEXT = 'Le premier rang, ce soir-là, toute la salle chantait avec nous.';
const SECOND = 'Au balcon, mon frère et moi, le plus beau des rappels.';

// The server reads sources and asks authors at http://127.0.0.1 only with the test setting.
process.env.IMPORT_ALLOW_LOCAL = '1';

describe.skipIf(!hasChromium)('a gathered post published with its author’s consent (issue 20)', () => {
  let social: FakeSocial;
  beforeAll(async () => {
    social = await startFakeSocial();
    social.statuses.push(
      { ...fakeStatus('601', 'ana', TEXT), media_attachments: [] },
      { ...fakeStatus('602', 'leo', SECOND), media_attachments: [] },
    );
  });
  afterAll(() => social.close());

  const suite = serverAndBrowser(async (server) => {
    await createAccount(server, 'admin', 'camille', PASSWORD);
  });
  let moderator: Page;
  let author: Page;
  let consentUrl = '';

  it(
    'gathers the post, and a moderator asks its author from the private queue: one reply, seen by the server',
    { timeout: 180_000 },
    async () => {
      moderator = await signIn(suite.browser, suite.server, 'camille', PASSWORD);
      await moderator.goto(`${suite.server.origin}/moderation/sources`);
      await moderator.fill('#mastodon-url', social.origin);
      await moderator.fill('#mastodon-secret', MASTODON_TOKEN);
      await Promise.all([moderator.waitForURL(/fait=add/), moderator.locator('#mastodon-secret').press('Enter')]);
      // "Lire maintenant" reads the new source at once, rather than at the server's next minute.
      await Promise.all([
        moderator.waitForURL(/fait=read/),
        moderator.getByRole('button', { name: 'Lire maintenant' }).click(),
      ]);
      expect(await moderator.textContent('[role=status]')).toMatch(/Source n° \d+ lue\s: 2 publication/);
      await moderator.goto(`${suite.server.origin}/moderation/importes`);
      const post = moderator.locator('.imported-post', { hasText: 'toute la salle chantait' });
      expect(await post.textContent()).toContain('Privé');
      await Promise.all([
        moderator.waitForURL(/demande=/),
        post.getByRole('button', { name: 'Demander l’accord' }).click(),
      ]);
      expect(await moderator.textContent('[role=status]')).toContain('Demande envoyée');
      const asked = moderator.locator('.imported-post', { hasText: 'toute la salle chantait' });
      expect(await asked.locator('.request-status').textContent()).toContain('en attente');
      expect(await asked.getByRole('button', { name: 'Demander l’accord' }).count()).toBe(0);
      expect(social.posted).toHaveLength(1);
      expect(social.posted[0]!.body).toMatchObject({ in_reply_to_id: '601', visibility: 'direct' });
      expect(await axeViolations(moderator)).toEqual([]);
      consentUrl = `${suite.server.origin}/accord/${lastRequestToken(social)}`;
      expect(lastRequestToken(social)).toHaveLength(32);
      expect(await moderator.content()).not.toContain(lastRequestToken(social));
    },
  );

  it('shows the author exactly what would be published, and sees the keyword reply once they send it', async () => {
    author = await (await suite.browser.newContext()).newPage();
    await author.setViewportSize({ width: 375, height: 800 });
    await author.goto(consentUrl);
    expect(await author.locator('h1').textContent()).toContain('Votre message sur le Mur des Souvenirs');
    expect(await author.locator('.consent-preview').textContent()).toContain(TEXT);
    const waiting = (await author.locator('.proof-waiting').textContent()) ?? '';
    const keyword = /«\s(ACCORD-[A-Z0-9]+)\s»/.exec(waiting)![1]!;
    expect(await author.textContent('main')).toContain('Nous n’avons pas encore vu votre réponse.');
    expect(await author.locator('.consent-form').count()).toBe(0);

    social.mastodonReply('https://social.test/@ana', `@asso ${keyword}`);
    await author.reload();
    expect(await author.textContent('.proof-seen')).toContain('c’est bien votre compte');
    const boxes = author.locator('.consent-form input[type=checkbox]');
    expect(await boxes.count()).toBe(4);
    expect(await author.locator('.import-credit').textContent()).toContain('@ana@social.test');
    expect(await author.locator('.import-credit a').getAttribute('href')).toBe('https://social.test/@ana/601');
    expect(await author.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await axeViolations(author)).toEqual([]);
    await documentScreenshot('consent-page', (path) => author.screenshot({ path, fullPage: true }));

    await author.uncheck('input[value=archive]');
    await Promise.all([author.waitForLoadState('load'), author.getByRole('button', { name: 'J’accepte' }).click()]);
    expect(await author.textContent('.consent-given')).toContain('Sur le mur');
    expect(await author.textContent('.consent-given')).not.toContain('archive');
    const english = await (await author.context().request.get(consentUrl.replace('/accord/', '/en/accord/'))).text();
    expect(english).toContain('Withdraw my consent');
  });

  it('goes through the normal queue, then shows on the wall with its credit', async () => {
    await moderator.goto(`${suite.server.origin}/moderation`);
    const item = moderator.locator('[data-queue-item]', { hasText: 'toute la salle chantait' });
    expect(await item.count()).toBe(1);
    await moderator.keyboard.press('j');
    await Promise.all([moderator.waitForURL(/fait=approve/), moderator.keyboard.press('a')]);

    const visitor = await (await suite.browser.newContext()).newPage();
    await visitor.goto(`${suite.server.origin}/`);
    const card = visitor.locator('.souvenir-card', { hasText: 'toute la salle chantait' });
    const credit = card.locator('.import-credit');
    expect(await credit.textContent()).toContain('publié avec l’accord de son auteur·rice');
    expect(await credit.textContent()).toContain('@ana@social.test');
    expect(await credit.locator('a').getAttribute('rel')).toContain('nofollow ugc');
    expect(await axeViolations(visitor)).toEqual([]);
    await documentScreenshot('credited-card', (path) => card.screenshot({ path }));
    await visitor.close();
  });

  it('leaves the wall once its original is deleted and an admin checks the originals now', async () => {
    social.deleteStatus('601');
    await moderator.goto(`${suite.server.origin}/moderation/sources`);
    await Promise.all([
      moderator.waitForURL(/fait=check/),
      moderator.getByRole('button', { name: 'Vérifier les originaux maintenant' }).click(),
    ]);
    expect(await moderator.textContent('[role=status]')).toContain('Originaux vérifiés : 1 ; retirés : 1');
    const wall = await (await fetch(`${suite.server.origin}/`)).text();
    expect(wall).not.toContain('toute la salle chantait');
  });

  it('leaves the wall at once when its author withdraws from the consent page (a second post)', async () => {
    await moderator.goto(`${suite.server.origin}/moderation/importes`);
    const post = moderator.locator('.imported-post', { hasText: 'le plus beau des rappels' });
    await Promise.all([
      moderator.waitForURL(/demande=/),
      post.getByRole('button', { name: 'Demander l’accord' }).click(),
    ]);
    const secondUrl = `${suite.server.origin}/accord/${lastRequestToken(social)}`;
    await author.goto(secondUrl);
    const keyword = /«\s(ACCORD-[A-Z0-9]+)\s»/.exec((await author.locator('.proof-waiting').textContent()) ?? '')![1]!;
    social.mastodonReply('https://social.test/@leo', `@asso ${keyword}`);
    await author.reload();
    await Promise.all([author.waitForLoadState('load'), author.getByRole('button', { name: 'J’accepte' }).click()]);
    await moderator.goto(`${suite.server.origin}/moderation`);
    await moderator.keyboard.press('j');
    await Promise.all([moderator.waitForURL(/fait=approve/), moderator.keyboard.press('a')]);
    expect(await (await fetch(`${suite.server.origin}/`)).text()).toContain('le plus beau des rappels');

    await author.goto(secondUrl);
    await author.fill('#withdraw-reason', 'Je préfère le garder pour moi');
    await Promise.all([
      author.waitForURL(/retire=1/),
      author.getByRole('button', { name: 'Retirer mon accord' }).click(),
    ]);
    expect(await author.textContent('[role=status]')).toContain('Votre accord est retiré');
    const wall = await (await fetch(`${suite.server.origin}/`)).text();
    expect(wall).not.toContain('le plus beau des rappels');
    await moderator.goto(`${suite.server.origin}/moderation/importes`);
    expect(await moderator.locator('.imported-post').count()).toBe(0);
  });
});
