import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchServer } from './support/server.ts';
import type { E2eServer } from './support/server.ts';
import { chromiumAvailable, launchBrowser } from './support/browser.ts';
import { createAccount, signIn } from './support/actors.ts';
import { postAndFollow } from './support/post-and-follow.ts';
import { startTestSmtp } from '../helpers/smtp.ts';
import type { ReceivedMail, TestSmtp } from '../helpers/smtp.ts';
import { decisionMail } from '../../src/lib/mail/compose.ts';
import { newItemMail, waitingListMail } from '../../src/lib/mail/compose-team.ts';
import { DECISION_HOLD_MS } from '../../src/lib/mail/contribution-mail.ts';
import { UNDO_WINDOW_MS } from '../../src/lib/moderation/flash.ts';

const hasChromium = chromiumAvailable();
const PASSWORD = 'une phrase de passe assez longue';
/** MAIL_SCREENSHOTS=1 writes each message's HTML, as Chromium renders it, to docs/screenshots/mail-*.png. */
const SCREENSHOTS = process.env.MAIL_SCREENSHOTS === '1';
const SHOTS_DIR = path.resolve(import.meta.dirname, '../../docs/screenshots');

/** The first link of a message's text part under `prefix`. */
function linkIn(mail: ReceivedMail, prefix: string): string {
  const found = (mail.parsed.text ?? '').split(/\s+/).find((word) => word.startsWith(prefix));
  if (!found) throw new Error(`no ${prefix} link in:\n${mail.parsed.text}`);
  return found;
}

describe.skipIf(!hasChromium)('email, end to end', () => {
  let smtp: TestSmtp;
  let server: E2eServer;
  let browser: Browser;
  let souvenirLink: string;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    server = await launchServer(
      { LIFT_RATE_LIMITS: '1', SMTP_URL: smtp.url, MAIL_FROM: 'Mur des Souvenirs <memoire@mur.example>' },
      { start: false },
    );
    await createAccount(server, 'admin', 'admin', PASSWORD);
    await server.start();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await smtp?.close();
  });

  /** Waits for the message whose subject is `subject`. */
  /** Waits for a message; a decision's waits out the queue's undo first (DECISION_HOLD_MS). */
  async function mailTitled(subject: string, withinMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const found = smtp.received.find((m) => m.parsed.subject === subject);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no message "${subject}"; got ${smtp.received.map((m) => m.parsed.subject)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A blank page of its own: one that showed a page of the site keeps that page's CSP, which refuses inline styles. */
  async function screenshot(html: string, name: string) {
    if (!SCREENSHOTS) return;
    const page = await browser.newPage({ viewport: { width: 720, height: 900 } });
    await page.setContent(html);
    await page.screenshot({ path: path.join(SHOTS_DIR, `mail-${name}.png`), fullPage: true });
    await page.close();
  }

  async function approveFirst(tab: string, note?: string) {
    const admin = await signIn(browser, server, 'admin', PASSWORD);
    await admin.goto(`${server.origin}/moderation${tab}`);
    const item = admin.locator('[data-queue-item]').first();
    if (note) await item.locator('input[name="note"]').fill(note);
    await Promise.all([admin.waitForURL(/fait=approve/), item.locator('button[data-decision="approve"]').click()]);
    await admin.context().close();
  }

  it('shares in Chromium: the received message arrives with a link that opens the private page', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/partager`);
    await page.fill('#name', 'Camille <b>');
    await page.fill('#email', 'camille@example.org');
    await page.fill('#title', 'Un soir de concert');
    await page.fill('#body', 'La salle chantait avec nous, jusqu’au dernier rappel.');
    await page.check('#notify');
    await page.check('#consent');
    await Promise.all([page.waitForURL(/merci/), page.click('form.share-form button[type=submit]')]);

    const received = await mailTitled('Votre souvenir a bien été reçu');
    expect(received.to).toEqual(['camille@example.org']);
    expect(received.parsed.messageId).toMatch(/@mur\.example>$/);
    expect(String(received.parsed.html)).toContain('Camille &lt;b&gt;');
    await screenshot(String(received.parsed.html), 'received');

    const privateLink = linkIn(received, `${server.origin}/mes-souvenirs/`);
    await page.goto(privateLink);
    expect(await page.locator('h1').textContent()).toBeTruthy();
    expect(await page.content()).toContain('jusqu’au dernier rappel');

    await page.goto(linkIn(received, `${server.origin}/courriel/confirmer/`));
    await Promise.all([page.waitForLoadState('load'), page.click('form button[type=submit]')]);
    expect(await page.locator('#message').textContent()).toContain('vous serez prévenu');
    await page.close();
  });

  it('approves in the queue: the decision message carries the moderator’s word and the link to the souvenir', async () => {
    await approveFirst('', 'Merci pour ce souvenir.');
    const approvedAt = Date.now();
    const decision = await mailTitled('Votre souvenir est publié', DECISION_HOLD_MS + 10_000);
    // Not before the undo window has closed: an "Annuler" in time means no message at all.
    expect(Date.now() - approvedAt).toBeGreaterThanOrEqual(UNDO_WINDOW_MS);
    expect(decision.parsed.text).toContain('Merci pour ce souvenir.');
    souvenirLink = linkIn(decision, `${server.origin}/souvenirs/`);
    await screenshot(String(decision.parsed.html), 'decision-published');
    const page = await browser.newPage();
    await page.goto(souvenirLink);
    expect(await page.content()).toContain('Un soir de concert');
    await page.close();
  });

  it('tells the confirmed author of a reply, and one click unsubscribes without a session or Origin', async () => {
    const page = await browser.newPage();
    await page.goto(souvenirLink);
    await page.fill('#comment-body', 'J’y étais aussi, au balcon.');
    await page.fill('#comment-name', 'Karim');
    await page.fill('#comment-email', 'karim@example.org');
    await Promise.all([page.waitForLoadState('load'), page.click('form.comment-form button[type=submit]')]);
    await mailTitled('Votre commentaire a bien été reçu');
    await approveFirst('?type=commentaires');

    const reply = await mailTitled('Un nouveau commentaire sous votre souvenir');
    expect(reply.to).toEqual(['camille@example.org']);
    expect(reply.parsed.text).toContain('au balcon');
    expect(reply.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    await screenshot(String(reply.parsed.html), 'reply');
    const oneClick = /^List-Unsubscribe:\s*<([^>]+)>/im.exec(reply.raw)![1]!;
    // As a mail provider sends it: no cookie, no Origin, the RFC 8058 body.
    const answer = await fetch(oneClick.replace(/^https?:\/\/[^/]+/, server.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(answer.status).toBe(200);
    await page.goto(linkIn(reply, `${server.origin}/courriel/desabonner/`));
    expect(await page.content()).toContain('ne correspond à aucun abonnement');
    await page.close();
  });

  it('sends fresh links to an address that lost them, and answers the same for an unknown one', async () => {
    const known = await postAndFollow(server.origin, '/retrouver-mes-liens?_action=mail.lostLinks', {
      email: 'camille@example.org',
    });
    const unknown = await postAndFollow(server.origin, '/retrouver-mes-liens?_action=mail.lostLinks', {
      email: 'personne@example.org',
    });
    expect(known.status).toBe(200);
    expect(unknown.text.replace(/nonce="[^"]*"/g, '')).toBe(known.text.replace(/nonce="[^"]*"/g, ''));
    const links = await mailTitled('Vos liens privés');
    const fresh = linkIn(links, `${server.origin}/mes-souvenirs/`);
    await screenshot(String(links.parsed.html), 'lost-links');
    const page = await browser.newPage();
    await page.goto(fresh);
    expect(await page.content()).toContain('jusqu’au dernier rappel');
    // Not published: composed as decideContribution does, to see it beside the others.
    await screenshot(
      decisionMail({
        kind: 'souvenir',
        id: 1,
        published: false,
        to: 'camille@example.org',
        name: 'Camille',
        locale: 'fr',
        publicUrl: souvenirLink,
        note: 'Votre texte nomme une personne qui n’a pas donné son accord ; vous pouvez le reformuler et le partager à nouveau.',
      }).html,
      'decision-declined',
    );
    // The team's messages, composed as mail/team.ts and mail/team-jobs.ts do.
    const member = { id: 1, to: 'equipe@mur.example', name: 'Nadia', locale: 'fr' as const };
    const queue = `${server.origin}/moderation`;
    const waiting = [
      { kind: 'souvenir' as const, text: 'La salle chantait avec nous, jusqu’au dernier rappel.', hours: 50 },
      { kind: 'comment' as const, text: 'J’y étais aussi, au balcon.', hours: 3 },
    ];
    await screenshot(newItemMail(member, { ...waiting[0]!, id: 1, hours: 0 }, queue).html, 'team-new');
    await screenshot(waitingListMail('digest', member, '2026-12-06', waiting, 2, queue).html, 'team-digest');
    await screenshot(
      waitingListMail('reminder', member, '2026-12-06', waiting.slice(0, 1), 1, queue).html,
      'team-reminder',
    );
    await page.close();
  });
});
