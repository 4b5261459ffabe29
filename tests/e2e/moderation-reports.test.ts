import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { serverAndBrowser } from './support/suite.ts';
import { chromiumAvailable } from './support/browser.ts';
import { shareByHttp, createAccount, sendComment, signIn, wallPermalinks } from './support/actors.ts';

const hasChromium = chromiumAvailable();
const PASSWORD = 'une phrase de passe assez longue';
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe.skipIf(!hasChromium)('the reported tab', () => {
  const suite = serverAndBrowser(async (server) => {
    await createAccount(server, 'admin', 'admin', PASSWORD);
    await server.start();
    await shareByHttp(server, { title: 'Souvenir commenté', body: 'La fosse, un soir de novembre.' });
  });

  /** Two approved comments under the souvenir, each reported once by a visitor. */
  async function reportedComments(admin: Page): Promise<void> {
    const origin = suite.server.origin;
    await admin.goto(`${origin}/moderation`);
    await Promise.all([admin.waitForURL(/fait=approve/), admin.click('button[data-decision="approve"]')]);
    const [permalink] = await wallPermalinks(suite.server);
    const visitor = await suite.browser.newContext();
    const reader = await visitor.newPage();
    for (const n of [1, 2]) {
      await reader.goto(`${origin}${permalink}`);
      await sendComment(reader, {
        body: `Commentaire signalé ${n}.`,
        name: `Inès ${n}`,
        email: `ines${n}@example.org`,
      });
    }
    await admin.goto(`${origin}/moderation?type=commentaires`);
    for (const n of [1, 2]) {
      const item = admin.locator('[data-queue-item]', { hasText: `Commentaire signalé ${n}` });
      await Promise.all([admin.waitForURL(/fait=approve/), item.locator('button[data-decision="approve"]').click()]);
    }
    await reader.goto(`${origin}${permalink}`);
    for (const id of await reader.locator('article.comment').evaluateAll((all) => all.map((a) => a.id))) {
      const reported = await fetch(`${origin}${permalink}?_action=report`, {
        method: 'POST',
        headers: { origin },
        body: new URLSearchParams({
          targetType: 'comment',
          target: id.replace(/^commentaire-/, ''),
          reason: 'offensive',
        }),
        redirect: 'manual',
      });
      expect(reported.status).toBeLessThan(400);
    }
    await visitor.close();
  }

  it('answers a comment’s "Annuler" in a comment’s words, at the tab’s own address, and a refusal of what another moderator kept', async () => {
    const origin = suite.server.origin;
    const admin = await signIn(suite.browser, suite.server, 'admin', PASSWORD);
    await reportedComments(admin);
    await admin.goto(`${origin}/moderation/signalements`);
    const first = admin.locator('[data-reported-item][data-target="comment"]', { hasText: 'Commentaire signalé 1' });
    await Promise.all([admin.waitForURL(/fait=trash/), first.locator('button[data-decision="trash"]').click()]);
    const trashed = await admin.inputValue('.undo-form input[name="events"]');
    // Before "Annuler", another moderator puts it back from the trash.
    const other = await signIn(suite.browser, suite.server, 'admin', PASSWORD);
    await other.goto(`${origin}/moderation?type=commentaires&statut=trash`);
    await Promise.all([other.waitForURL(/fait=restore/), other.click('button[data-decision="restore"]')]);
    await other.context().close();

    await Promise.all([admin.waitForURL(/fait=refusal/), admin.locator('.undo-form button').click()]);
    const url = new URL(admin.url());
    expect([url.pathname, url.searchParams.has('_action')]).toEqual(['/moderation/signalements', false]);
    const refused = plain(await admin.locator('#message').textContent());
    expect(refused).toContain('Quelqu’un d’autre a déjà traité ce commentaire');
    expect(refused).not.toContain('souvenir');
    const reload = await admin.reload();
    expect(reload!.request().method()).toBe('GET');

    // Taken back with the first one's row too (the Action takes a list): the one someone else
    // had put back is counted as a comment left as it was, not as a souvenir.
    const second = admin.locator('[data-reported-item][data-target="comment"]', { hasText: 'Commentaire signalé 2' });
    await Promise.all([admin.waitForURL(/fait=trash/), second.locator('button[data-decision="trash"]').click()]);
    const events = admin.locator('.undo-form input[name="events"]');
    await events.evaluate(
      (input, both) => ((input as HTMLInputElement).value = both),
      `${trashed},${await events.inputValue()}`,
    );
    await Promise.all([admin.waitForURL(/fait=revert/), admin.locator('.undo-form button').click()]);
    const said = plain(await admin.locator('#message').textContent());
    expect(said).toContain('État précédent rétabli.');
    expect(said).toContain('Un commentaire a été laissé tel quel : quelqu’un d’autre l’avait déjà traité.');
    expect(said).not.toContain('souvenir');
    // Taken back, the second one is on this tab again, its report open as before the decision.
    const back = admin.locator('[data-reported-item][data-target="comment"]', { hasText: 'Commentaire signalé 2' });
    expect(await back.count()).toBe(1);

    // Kept published by mistake: "Annuler" is offered after a dismissal too, and brings it back.
    await Promise.all([admin.waitForURL(/fait=dismiss/), back.locator('button[data-decision="dismiss"]').click()]);
    expect(await back.count()).toBe(0);
    await Promise.all([admin.waitForURL(/fait=revert/), admin.locator('.undo-form button').click()]);
    expect(plain(await admin.locator('#message').textContent())).toContain('État précédent rétabli.');
    expect(await back.count()).toBe(1);

    // Kept published by another moderator while this page was open: refusing it then is said, not done.
    const keeper = await signIn(suite.browser, suite.server, 'admin', PASSWORD);
    await keeper.goto(`${suite.server.origin}/moderation/signalements`);
    const theirs = keeper.locator('[data-reported-item]', { hasText: 'Commentaire signalé 2' });
    await Promise.all([keeper.waitForURL(/fait=dismiss/), theirs.locator('button[data-decision="dismiss"]').click()]);
    await keeper.context().close();
    await back.locator('input[name="reason"]').fill('Hors sujet, à mon avis');
    await Promise.all([admin.waitForURL(/fait=refusal/), back.locator('button[data-decision="reject"]').click()]);
    expect(plain(await admin.locator('#message').textContent())).toContain(
      'Ces signalements ont déjà été traités par quelqu’un d’autre.',
    );
    expect(await admin.inputValue('#kept-draft-reason')).toBe('Hors sujet, à mon avis');
    // Still published, as the other moderator left it.
    const [permalink] = await wallPermalinks(suite.server);
    expect(await (await fetch(`${suite.server.origin}${permalink}`)).text()).toContain('Commentaire signalé 2');
    await admin.context().close();
  });
});
