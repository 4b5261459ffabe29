import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { submission } from '../helpers/contribution-fixtures.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { findByAuthorToken, withdrawByAuthor } from '../../src/lib/contributions/author-link.ts';
import { LostLinksError, sendLostLinks } from '../../src/lib/mail/lost-links.ts';
import { listOutbox, outboxCounts, resendMail, ResendError } from '../../src/lib/mail/outbox-admin.ts';
import { enqueueMail } from '../../src/lib/mail/outbox.ts';
import { decodeKeysetCursor } from '../../src/lib/pagination/keyset-cursor.ts';

const origin = 'https://mur.example';
const now = new Date('2026-12-06T09:00:00Z');

describeEachDatabase('finding lost links', (t) => {
  const request = (address: string, ipHash = 'ip-1') => ({ origin, address, locale: 'fr', ipHash });
  const lostLinkMails = () =>
    t.db.selectFrom('mail_outbox').selectAll().where('kind', '=', 'lost_links').orderBy('id').execute();

  it('sends fresh links for every text of the address, and the old links stop working', async () => {
    const a = await createSouvenir(t.db, submission({ title: 'Le <premier> soir', body: 'un' }), { ipHash: null });
    const b = await createSouvenir(t.db, submission({ authorEmail: 'CAMILLE@example.org', body: 'deux' }), {
      ipHash: null,
    });
    const gone = await createSouvenir(t.db, submission({ body: 'trois' }), { ipHash: null });
    await withdrawByAuthor(t.db, gone.token);
    await createSouvenir(t.db, submission({ authorEmail: 'other@example.org', body: 'quatre' }), { ipHash: null });

    await sendLostLinks(t.db, request('camille@example.org'), now);
    const [message] = await lostLinkMails();
    expect(message).toMatchObject({ to_address: 'camille@example.org', carries_secret: true, status: 'queued' });
    expect(message!.body_html).toContain('Souvenir « Le &lt;premier&gt; soir »');
    const tokens = [...message!.body_text!.matchAll(/\/mes-souvenirs\/([A-Za-z0-9_-]{32})/g)].map((m) => m[1]!);
    expect(tokens).toHaveLength(2);
    expect(await findByAuthorToken(t.db, a.token)).toBeNull();
    expect(await findByAuthorToken(t.db, b.token)).toBeNull();
    const opened = await Promise.all(tokens.map((token) => findByAuthorToken(t.db, token)));
    expect(opened.map((item) => item?.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('answers alike for an unknown address, and queues nothing', async () => {
    await expect(sendLostLinks(t.db, request('nobody@example.org'), now)).resolves.toBeUndefined();
    expect(await lostLinkMails()).toEqual([]);
  });

  it('limits requests per visitor (refused) and per address (silently)', async () => {
    await createSouvenir(t.db, submission(), { ipHash: null });
    for (let i = 0; i < 3; i++) await sendLostLinks(t.db, request('camille@example.org', `ip-${i}`), now);
    await sendLostLinks(t.db, request('camille@example.org', 'ip-9'), now);
    expect(await lostLinkMails()).toHaveLength(3);
    for (let i = 0; i < 5; i++) await sendLostLinks(t.db, request(`x${i}@example.org`, 'ip-walker'), now);
    await expect(sendLostLinks(t.db, request('x9@example.org', 'ip-walker'), now)).rejects.toBeInstanceOf(
      LostLinksError,
    );
  });
});

describeEachDatabase('the outbox for admins', (t) => {
  const mail = (to: string, carriesSecret = false) => ({
    kind: 'decision' as const,
    locale: 'fr',
    to,
    subject: 'Votre souvenir est publié',
    text: 'Bonjour',
    html: '<p>Bonjour</p>',
    carriesSecret,
  });

  it('lists messages with masked addresses and counts them by status', async () => {
    await t.db.transaction().execute((trx) => enqueueMail(trx, mail('camille.martin@example.org'), now));
    const [entry] = (await listOutbox(t.db)).items;
    expect(entry).toMatchObject({ maskedAddress: 'c•••n@e•••.org', status: 'queued', resendable: false });
    expect(JSON.stringify(await listOutbox(t.db))).not.toContain('camille.martin');
    expect(await outboxCounts(t.db)).toEqual({ queued: 1, sent: 0, failed: 0, held: 0 });
  });

  it('pages through the outbox newest first, and by status', async () => {
    for (let i = 0; i < 5; i++) {
      await t.db
        .transaction()
        .execute((trx) => enqueueMail(trx, mail(`p${i}@example.org`), new Date(now.getTime() + i * 1000)));
    }
    const first = await listOutbox(t.db, { limit: 3 });
    expect(first.items.map((e) => e.maskedAddress)).toEqual(['p•••@e•••.org', 'p•••@e•••.org', 'p•••@e•••.org']);
    expect(first.next).not.toBeNull();
    const second = await listOutbox(t.db, { limit: 3, cursor: decodeKeysetCursor(first.next) });
    expect(second.items).toHaveLength(2);
    expect(second.next).toBeNull();
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual([5, 4, 3, 2, 1]);
    expect((await listOutbox(t.db, { status: 'sent' })).items).toEqual([]);
  });

  it('sends a failed message again with a new day of retries, but not one whose text is gone', async () => {
    const failed = await t.db.transaction().execute((trx) => enqueueMail(trx, mail('a@example.org'), now));
    await t.db.updateTable('mail_outbox').set({ status: 'failed', attempts: 9 }).where('id', '=', failed.id!).execute();
    const later = new Date(now.getTime() + 86_400_000);
    await resendMail(t.db, failed.id!, later);
    const row = await t.db.selectFrom('mail_outbox').selectAll().where('id', '=', failed.id!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'queued', attempts: 0 });
    expect(row.created_at.getTime()).toBe(later.getTime());

    const secret = await t.db.transaction().execute((trx) => enqueueMail(trx, mail('b@example.org', true), now));
    await t.db
      .updateTable('mail_outbox')
      .set({ status: 'sent', body_text: null, body_html: null })
      .where('id', '=', secret.id!)
      .execute();
    await expect(resendMail(t.db, secret.id!)).rejects.toBeInstanceOf(ResendError);
  });
});
