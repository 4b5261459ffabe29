import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { useTestSmtp } from '../helpers/smtp.ts';
import { submission } from '../helpers/contribution-fixtures.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import { decideContribution } from '../../src/lib/contributions/decide.ts';
import { findByAuthorToken, withdrawByAuthor } from '../../src/lib/contributions/author-link.ts';
import { enqueueMail } from '../../src/lib/mail/outbox.ts';
import { eraseEmailData, findEmailData } from '../../src/lib/privacy/email-data.ts';
import { purgeExpiredPersonalData } from '../../src/lib/privacy/purge.ts';
import { confirmSubscription, unsubscribe, unsubscribeEverywhere } from '../../src/lib/mail/subscriptions.ts';
import { sendDue } from '../../src/lib/mail/sender.ts';
import { smtpTransport } from '../../src/lib/mail/transport.ts';
import { DECISION_HOLD_MS } from '../../src/lib/mail/contribution-mail.ts';
import { UNDO_WINDOW_MS } from '../../src/lib/moderation/flash.ts';

const origin = 'https://mur.example';
const mail = { origin };
const moderator = { id: null, label: 'script' };

const smtp = useTestSmtp();

/** The one link of a text part that starts with `prefix`. */
function linkIn(text: string, prefix: string): string {
  const found = text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!found) throw new Error(`no ${prefix} link in:\n${text}`);
  return found;
}

describeEachDatabase('the messages of a contribution', (t) => {
  const outbox = () => t.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
  /** Sends what is due at `at` (by default once a decision's hold has passed). */
  const send = (at = new Date(Date.now() + DECISION_HOLD_MS + 1_000)) =>
    sendDue(t.db, {
      transport: smtpTransport(smtp.url),
      from: 'memoire@mur.example',
      messageDomain: 'mur.example',
      now: () => at,
    });

  const approvedSouvenirBy = async (email: string, subscribe = false, locale = 'fr') => {
    const s = await createSouvenir(t.db, submission({ authorEmail: email, locale, body: `Texte ${email}` }), {
      ipHash: null,
      mail: { origin, subscribe },
    });
    await decideContribution(t.db, 'souvenir', { id: s.id, decision: 'approve', actor: moderator });
    return s;
  };

  const commentBy = (souvenirId: number, email: string, extra: { parentId?: number; subscribe?: boolean } = {}) =>
    createComment(
      t.db,
      {
        souvenirId,
        parentId: extra.parentId ?? null,
        authorName: 'Marc <b>&',
        authorEmail: email,
        authorWebsite: null,
        body: `Une réponse de ${email}`,
        locale: 'fr',
      },
      { ipHash: null, mail: { origin, subscribe: extra.subscribe ?? false } },
    );

  it('tells a souvenir’s author it was received, with a private link that opens it, in their language', async () => {
    const s = await createSouvenir(t.db, submission({ authorName: 'Ana <script>', locale: 'en' }), {
      ipHash: null,
      mail,
    });
    const [row] = await outbox();
    expect(row).toMatchObject({ kind: 'received', locale: 'en', to_address: 'camille@example.org', status: 'queued' });
    expect(row!.subject).toBe('Your memory has been received');
    expect(row!.body_html).toContain('Hello Ana &lt;script&gt;,');
    expect(row!.body_html).not.toContain('<script>');
    await send();
    const [received] = await smtp.waitFor(1);
    const link = linkIn(received!.parsed.text!, `${origin}/en/mes-souvenirs/`);
    expect(link.endsWith(s.token)).toBe(true);
    expect((await findByAuthorToken(t.db, s.token))?.id).toBe(s.id);
    expect(received!.parsed.html).toContain(`href="${link}"`);
    expect(received!.parsed.text).toContain(`${origin}/en/retrouver-mes-liens`);
  });

  it('writes nothing for spam, demo data or a script without a request', async () => {
    await createSouvenir(t.db, submission({ body: 'a' }), { ipHash: null, status: 'spam', mail });
    await createSouvenir(t.db, submission({ body: 'b' }), { ipHash: null, isDemo: true, mail });
    await createSouvenir(t.db, submission({ body: 'c' }), { ipHash: null });
    expect(await outbox()).toEqual([]);
  });

  it('tells the author of a published souvenir where to read it, once', async () => {
    const s = await approvedSouvenirBy('lea@example.org');
    await decideContribution(t.db, 'souvenir', { id: s.id, decision: 'pin', actor: moderator }, mail);
    const rows = await outbox();
    expect(rows.map((r) => r.kind)).toEqual(['received']);
    // Decided without a request (a script): the next decision with one tells nothing more.
    const other = await createSouvenir(t.db, submission({ body: 'autre' }), { ipHash: null, mail });
    await decideContribution(t.db, 'souvenir', { id: other.id, decision: 'approve', actor: moderator }, mail);
    const decision = (await outbox()).find((r) => r.kind === 'decision')!;
    expect(decision.subject).toBe('Votre souvenir est publié');
    const row = await t.db
      .selectFrom('souvenir')
      .select('public_id')
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect(decision.body_text).toContain(`${origin}/souvenirs/${row.public_id}`);
  });

  it('says "not published" gently, with the moderator’s own sentence and never a flag or a reason', async () => {
    const s = await createSouvenir(t.db, submission(), {
      ipHash: null,
      flagReasons: ['links:3', 'moderation_word'],
      mail,
    });
    await decideContribution(
      t.db,
      'souvenir',
      { id: s.id, decision: 'reject', actor: moderator, reason: 'hors sujet (règle 4)' },
      { origin, note: 'Merci <vraiment> pour ce texte.' },
    );
    const decision = (await outbox()).find((r) => r.kind === 'decision')!;
    expect(decision.subject).toBe('À propos de votre souvenir');
    expect(decision.body_text).toContain('Merci <vraiment> pour ce texte.');
    expect(decision.body_html).toContain('Merci &lt;vraiment&gt; pour ce texte.');
    for (const secret of ['links', 'moderation_word', 'règle 4', 'spam', 'rejet']) {
      expect(decision.body_text).not.toContain(secret);
    }
  });

  it('tells the author when a refused text is published after all, and each outcome only once', async () => {
    const s = await createSouvenir(t.db, submission(), { ipHash: null, mail });
    // Each message leaves before the next decision, as it does within a second with SMTP_URL set.
    for (const decision of ['reject', 'approve', 'reject', 'approve'] as const) {
      await decideContribution(t.db, 'souvenir', { id: s.id, decision, actor: moderator }, mail);
      await send();
    }
    const decisions = (await outbox()).filter((r) => r.kind === 'decision').map((r) => r.subject);
    expect(decisions).toEqual(['À propos de votre souvenir', 'Votre souvenir est publié']);
  });

  it('holds a decision’s message until the queue’s undo has expired', async () => {
    const s = await createSouvenir(t.db, submission(), { ipHash: null, mail });
    await send(new Date());
    await decideContribution(t.db, 'souvenir', { id: s.id, decision: 'approve', actor: moderator }, mail);
    expect((await send(new Date(Date.now() + UNDO_WINDOW_MS))).sent).toBe(0);
    expect((await send()).sent).toBe(1);
    const decision = (await outbox()).find((r) => r.kind === 'decision')!;
    expect(decision.status).toBe('sent');
  });

  it('takes back a decision’s message not sent yet when the decision is undone', async () => {
    const s = await createSouvenir(t.db, submission(), { ipHash: null, mail });
    await decideContribution(t.db, 'souvenir', { id: s.id, decision: 'approve', actor: moderator }, mail);
    await decideContribution(t.db, 'souvenir', { id: s.id, decision: 'trash', actor: moderator }, mail);
    expect((await outbox()).map((r) => r.kind)).toEqual(['received']);
  });

  it('writes nothing when a text goes to spam or the bin', async () => {
    const s = await createSouvenir(t.db, submission(), { ipHash: null, mail });
    await decideContribution(t.db, 'souvenir', { id: s.id, decision: 'spam', actor: moderator }, mail);
    expect((await outbox()).map((r) => r.kind)).toEqual(['received']);
  });

  it('tells subscribers of a reply only once their address is confirmed, never the reply’s own author', async () => {
    const s = await approvedSouvenirBy('lea@example.org', true);
    const received = (await outbox())[0]!;
    const confirm = linkIn(received.body_text!, `${origin}/courriel/confirmer/`);
    const first = await commentBy(s.id, 'marc@example.org');
    await decideContribution(t.db, 'comment', { id: first.id, decision: 'approve', actor: moderator }, mail);
    expect((await outbox()).filter((r) => r.kind === 'reply')).toEqual([]);

    expect(await confirmSubscription(t.db, confirm.split('/').pop()!)).toBe(true);
    const second = await commentBy(s.id, 'nina@example.org');
    const own = await commentBy(s.id, 'Lea@Example.org');
    await decideContribution(t.db, 'comment', { id: second.id, decision: 'approve', actor: moderator }, mail);
    await decideContribution(t.db, 'comment', { id: own.id, decision: 'approve', actor: moderator }, mail);
    const replies = (await outbox()).filter((r) => r.kind === 'reply');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({
      to_address: 'lea@example.org',
      subject: 'Un nouveau commentaire sous votre souvenir',
    });
    expect(replies[0]!.body_html).toContain('Marc &lt;b&gt;&amp;');

    smtp.received.length = 0;
    await send();
    const reply = (await smtp.waitFor(1)).find(
      (m) => m.parsed.subject === 'Un nouveau commentaire sous votre souvenir',
    )!;
    expect(reply.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    // Folded or not, the header is one https URL in angle brackets.
    const listHeader = reply.raw.match(/^List-Unsubscribe:\s*(<[^>]*>)/im)![1]!;
    expect(listHeader).toMatch(/^<https:\/\/mur\.example\/courriel\/un-clic\/[A-Za-z0-9_-]{32}>$/);
    expect(reply.parsed.text).toContain(`${origin}/courriel/desabonner/`);
  });

  it('tells the author of a comment of a reply to it, once, and stops when they unsubscribe', async () => {
    const s = await approvedSouvenirBy('lea@example.org');
    const parent = await commentBy(s.id, 'marc@example.org', { subscribe: true });
    const confirm = linkIn((await outbox()).at(-1)!.body_text!, `${origin}/courriel/confirmer/`);
    await confirmSubscription(t.db, confirm.split('/').pop()!);
    await decideContribution(t.db, 'comment', { id: parent.id, decision: 'approve', actor: moderator }, mail);
    const reply = await commentBy(s.id, 'nina@example.org', { parentId: parent.id });
    await decideContribution(t.db, 'comment', { id: reply.id, decision: 'approve', actor: moderator }, mail);
    const replies = (await outbox()).filter((r) => r.kind === 'reply');
    expect(replies.map((r) => [r.to_address, r.subject])).toEqual([
      ['marc@example.org', 'Une réponse à votre commentaire'],
    ]);

    const key = replies[0]!.unsubscribe_url!.split('/').pop()!;
    expect(await unsubscribe(t.db, key)).toBe(true);
    expect(await unsubscribe(t.db, key)).toBe(false);
    const again = await commentBy(s.id, 'paul@example.org', { parentId: parent.id });
    await decideContribution(t.db, 'comment', { id: again.id, decision: 'approve', actor: moderator }, mail);
    expect((await outbox()).filter((r) => r.kind === 'reply')).toHaveLength(1);
  });

  it('unsubscribes an address from everything', async () => {
    const a = await approvedSouvenirBy('lea@example.org', true);
    await approvedSouvenirBy('LEA@example.org', true);
    await approvedSouvenirBy('other@example.org', true);
    await t.db.updateTable('mail_subscription').set({ confirmed_at: new Date() }).execute();
    const first = await commentBy(a.id, 'marc@example.org');
    await decideContribution(t.db, 'comment', { id: first.id, decision: 'approve', actor: moderator }, mail);
    const key = (await outbox())
      .find((r) => r.kind === 'reply')!
      .unsubscribe_url!.split('/')
      .pop()!;
    expect(await unsubscribeEverywhere(t.db, key)).toBe(2);
    const left = await t.db.selectFrom('mail_subscription').select('address').execute();
    expect(left).toEqual([{ address: 'other@example.org' }]);
  });
});

describeEachDatabase('what erasure does to email', (t) => {
  const count = async (table: 'mail_outbox' | 'mail_subscription') =>
    (await t.db.selectFrom(table).select('id').execute()).length;

  it('a withdrawal forgets the address’s messages and subscriptions, and the subscriptions to the text', async () => {
    const s = await createSouvenir(t.db, submission(), { ipHash: null, mail: { origin, subscribe: true } });
    await createSouvenir(t.db, submission({ authorEmail: 'other@example.org', body: 'autre' }), {
      ipHash: null,
      mail: { origin, subscribe: true },
    });
    expect([await count('mail_outbox'), await count('mail_subscription')]).toEqual([2, 2]);
    await withdrawByAuthor(t.db, s.token);
    const left = await t.db.selectFrom('mail_outbox').select('to_address').execute();
    expect(left).toEqual([{ to_address: 'other@example.org' }]);
    expect(await count('mail_subscription')).toBe(1);
  });

  it('an erasure by email forgets every message to the address, whatever its case', async () => {
    await createSouvenir(t.db, submission(), { ipHash: null, mail: { origin, subscribe: true } });
    await t.db.transaction().execute((trx) =>
      enqueueMail(trx, {
        kind: 'lost_links',
        locale: 'fr',
        to: 'Camille@Example.org',
        subject: 's',
        text: 't',
        html: 'h',
      }),
    );
    await eraseEmailData(t.db, { email: 'camille@example.org', actor: moderator, secret: 'k' });
    expect([await count('mail_outbox'), await count('mail_subscription')]).toEqual([0, 0]);
  });

  it('purges messages 30 days after they left the queue, never a queued one', async () => {
    const old = new Date(Date.now() - 31 * 86_400_000);
    for (const status of ['sent', 'queued'] as const) {
      const queued = await t.db
        .transaction()
        .execute((trx) =>
          enqueueMail(
            trx,
            { kind: 'decision', locale: 'fr', to: `${status}@example.org`, subject: 's', text: 't', html: 'h' },
            old,
          ),
        );
      await t.db.updateTable('mail_outbox').set({ status }).where('id', '=', queued.id!).execute();
    }
    await purgeExpiredPersonalData(t.db);
    const left = await t.db.selectFrom('mail_outbox').select('status').execute();
    expect(left).toEqual([{ status: 'queued' }]);
  });
});

describeEachDatabase('what an address can learn of its mail', (t) => {
  it('lists the messages (never their bodies) and subscriptions of an address, whatever its case', async () => {
    await createSouvenir(t.db, submission(), { ipHash: null, mail: { origin, subscribe: true } });
    const data = await findEmailData(t.db, 'CAMILLE@example.org');
    expect(data.mail.messages).toEqual([
      expect.objectContaining({
        kind: 'received',
        subject: 'Votre souvenir a bien été reçu',
        status: 'queued',
        sentAt: null,
      }),
    ]);
    expect(data.mail.subscriptions).toEqual([expect.objectContaining({ targetType: 'souvenir', confirmed: false })]);
    expect(JSON.stringify(data.mail)).not.toContain('mes-souvenirs');
  });
});
