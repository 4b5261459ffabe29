import { it, expect } from 'vitest';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { describeEachDatabase, openSecondProcess } from '../helpers/databases.ts';
import { useTestSmtp } from '../helpers/smtp.ts';
import { enqueueMail } from '../../src/lib/mail/outbox.ts';
import type { OutgoingMail } from '../../src/lib/mail/outbox.ts';
import { CLAIM_MS, claimDue, releaseClaims, sendDue } from '../../src/lib/mail/sender.ts';
import type { SendOptions } from '../../src/lib/mail/sender.ts';
import { smtpTransport } from '../../src/lib/mail/transport.ts';
import { startMailSender } from '../../src/lib/mail/sender-loop.ts';
import { saveMailSettings } from '../../src/lib/mail/settings.ts';

const now = new Date('2026-12-06T09:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    kind: 'received',
    locale: 'fr',
    to: 'camille@example.org',
    subject: 'Votre souvenir a bien été reçu',
    text: 'Bonjour Camille,\n\nMerci.\n',
    html: '<p>Bonjour Camille,</p><p>Merci.</p>',
    ...overrides,
  };
}

const smtp = useTestSmtp();

function sender(at: Date = now): SendOptions {
  return {
    transport: smtpTransport(smtp.url),
    from: 'Mur des Souvenirs <memoire@mur.example>',
    messageDomain: 'mur.example',
    now: () => at,
  };
}

describeEachDatabase('the mail outbox', (t) => {
  const queue = (m: OutgoingMail = mail(), at = now) => t.db.transaction().execute((trx) => enqueueMail(trx, m, at));
  const row = (id: number) => t.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('sends a queued message with both parts, our Message-ID, its Date, and no secret kept once sent', async () => {
    const queued = await queue(mail({ carriesSecret: true }));
    expect(queued.status).toBe('queued');
    expect(await sendDue(t.db, sender())).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [received] = await smtp.waitFor(1);
    expect(received!.to).toEqual(['camille@example.org']);
    expect(received!.parsed.subject).toBe('Votre souvenir a bien été reçu');
    expect(received!.parsed.text).toContain('Merci.');
    expect(received!.parsed.html).toContain('<p>Merci.</p>');
    expect(received!.parsed.messageId).toMatch(/^<[A-Za-z0-9_-]+@mur\.example>$/);
    expect(received!.parsed.date?.toISOString()).toBe(now.toISOString());
    expect(received!.parsed.from?.value[0]).toMatchObject({
      name: 'Mur des Souvenirs',
      address: 'memoire@mur.example',
    });
    const sent = await row(queued.id!);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, body_text: null, body_html: null, last_error: null });
  });

  it('sends a message’s Reply-To when it has one, and none otherwise', async () => {
    await queue(mail({ replyTo: 'visiteur@example.org' }));
    await queue(mail({ to: 'lea@example.org' }));
    expect(await sendDue(t.db, sender())).toMatchObject({ sent: 2 });
    const received = await smtp.waitFor(2);
    const replyTo = (to: string) => received.find((m) => m.to[0] === to)!.parsed.replyTo?.value[0]?.address;
    expect(replyTo('camille@example.org')).toBe('visiteur@example.org');
    expect(replyTo('lea@example.org')).toBeUndefined();
  });

  it('keeps a message queued when nothing sends, and sends it later', async () => {
    const queued = await queue();
    expect((await row(queued.id!)).status).toBe('queued');
    await sendDue(t.db, sender(later(3_600_000)));
    expect(smtp.received).toHaveLength(1);
  });

  it('retries after a temporary refusal, with backoff, and loses nothing', async () => {
    const queued = await queue();
    smtp.refuseNext(2, 451);
    expect(await sendDue(t.db, sender())).toEqual({ sent: 0, retried: 1, failed: 0 });
    let current = await row(queued.id!);
    expect(current).toMatchObject({ status: 'queued', attempts: 1 });
    expect(current.last_error).toContain('451');
    expect(current.next_attempt_at.getTime()).toBe(later(60_000).getTime());
    // Not due yet: nothing is tried.
    expect(await sendDue(t.db, sender(later(30_000)))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await sendDue(t.db, sender(later(60_000)))).toEqual({ sent: 0, retried: 1, failed: 0 });
    current = await row(queued.id!);
    expect(current.next_attempt_at.getTime()).toBe(later(60_000 + 120_000).getTime());
    expect(await sendDue(t.db, sender(later(180_000)))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await row(queued.id!)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(smtp.received).toHaveLength(1);
  });

  it('records a permanent refusal (5xx) at once, and gives up on a temporary one after 24 h', async () => {
    const refused = await queue();
    smtp.refuseNext(1, 550);
    expect(await sendDue(t.db, sender())).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await row(refused.id!)).toMatchObject({ status: 'failed', attempts: 1 });

    const stubborn = await queue(mail({ to: 'leo@example.org' }));
    await t.db.updateTable('mail_outbox').set({ attempts: 12 }).where('id', '=', stubborn.id!).execute();
    smtp.refuseNext(1, 421);
    expect(await sendDue(t.db, sender(later(23.9 * 3_600_000)))).toEqual({ sent: 0, retried: 0, failed: 1 });
    const given = await row(stubborn.id!);
    expect(given.status).toBe('failed');
    expect(given.last_error).toContain('421');
  });

  it('holds what goes past the daily budget of one address, whatever its case', async () => {
    await saveMailSettings(t.db, { perAddressPerDay: 2 }, { id: null, label: 'script' });
    const statuses = [];
    for (const to of ['camille@example.org', 'Camille@Example.org', 'camille@example.org ']) {
      statuses.push((await queue(mail({ to: to.trim() }))).status);
    }
    expect(statuses).toEqual(['queued', 'queued', 'held']);
    // Another Paris day, another budget.
    expect((await queue(mail(), later(86_400_000))).status).toBe('queued');
    await sendDue(t.db, sender(later(86_400_000)));
    expect(smtp.received).toHaveLength(3);
  });

  it('queues the message of one event once (dedupe key)', async () => {
    expect((await queue(mail({ dedupeKey: 'decision:souvenir:1:published' }))).status).toBe('queued');
    expect((await queue(mail({ dedupeKey: 'decision:souvenir:1:published' }))).status).toBe('duplicate');
    expect(
      await t.db
        .selectFrom('mail_outbox')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirst(),
    ).toEqual({
      n: 1,
    });
  });

  it('never lets a line break reach a header: not in the subject, not in the address', async () => {
    await queue(mail({ subject: 'Bonjour\r\nBcc: victime@example.org\r\nX-Evil: 1' }));
    const refused = await queue(mail({ to: 'camille@example.org\r\nBcc: victime@example.org' }));
    expect(refused.status).toBe('failed');
    await sendDue(t.db, sender());
    const [received] = await smtp.waitFor(1);
    expect(smtp.received).toHaveLength(1);
    expect(received!.to).toEqual(['camille@example.org']);
    expect(received!.parsed.headers.has('x-evil')).toBe(false);
    expect(received!.parsed.bcc).toBeUndefined();
    const headerBlock = received!.raw.split('\r\n\r\n')[0]!;
    expect(headerBlock).not.toMatch(/^Bcc:/im);
    expect(headerBlock).not.toMatch(/^X-Evil:/im);
  });

  it('takes over the claim of a sender that died mid-send, once the claim expires', async () => {
    await queue();
    const claimed = await claimDue(t.db, now);
    expect(claimed).toHaveLength(1);
    // The "dead" sender never finishes; another one finds nothing until the claim runs out.
    expect(await sendDue(t.db, sender(later(CLAIM_MS - 1)))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await sendDue(t.db, sender(later(CLAIM_MS)))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('stops after the message being sent when its process stops, and hands the rest of its batch back at once', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await queue(mail({ to: `person${i}@example.org` }))).id!);
    const stopping = new AbortController();
    const real = smtpTransport(smtp.url);
    let calls = 0;
    // The process is told to stop while its second message is on its way.
    let handedBackWhileSending = false;
    const transport = Object.assign(Object.create(real) as typeof real, {
      sendMail: async (message: Parameters<typeof real.sendMail>[0]) => {
        if (++calls === 2) {
          stopping.abort();
          // A slow server: the rest of the batch is another process's before this message is through.
          for (let i = 0; i < 100 && !handedBackWhileSending; i++) {
            await new Promise((r) => setTimeout(r, 20));
            const free = await t.db
              .selectFrom('mail_outbox')
              .select('id')
              .where('status', '=', 'queued')
              .where('locked_until', 'is', null)
              .execute();
            handedBackWhileSending = free.length === 4;
          }
        }
        return real.sendMail(message);
      },
    });
    expect(await sendDue(t.db, { ...sender(), transport, signal: stopping.signal })).toEqual({
      sent: 2,
      retried: 0,
      failed: 0,
    });
    const rows = await t.db
      .selectFrom('mail_outbox')
      .select(['status', 'locked_until', 'attempts'])
      .orderBy('id')
      .execute();
    expect(rows.slice(0, 2).map((r) => r.status)).toEqual(['sent', 'sent']);
    // Not claimed any more, as if never tried: another process sends them now, not in five minutes.
    expect(rows.slice(2)).toEqual(
      Array.from({ length: 4 }, () => ({ status: 'queued', locked_until: null, attempts: 0 })),
    );
    expect(handedBackWhileSending).toBe(true);
    expect(await sendDue(t.db, sender())).toMatchObject({ sent: 4 });
    expect(await smtp.waitFor(6)).toHaveLength(6);
  });

  it('hands back only claims that are still its own', async () => {
    await queue();
    const [mine] = await claimDue(t.db, now);
    // Its claim ran out and another process claimed the message since.
    const theirs = later(CLAIM_MS + 60_000);
    await t.db.updateTable('mail_outbox').set({ locked_until: theirs, attempts: 2 }).execute();
    await releaseClaims(t.db, [mine!]);
    expect(await row(mine!.id)).toMatchObject({ locked_until: theirs, attempts: 2 });
  });

  it('wakes a running sender by NOTIFY: a message committed goes out within a second', async () => {
    const running = startMailSender(
      { db: t.db, engine: t.engine, pglite: t.handle.pglite, databaseUrl: process.env.DATABASE_URL },
      { transport: smtpTransport(smtp.url), from: 'memoire@mur.example', messageDomain: 'mur.example' },
    );
    try {
      await running.wake();
      // Give the PostgreSQL listener its connection before the commit it must hear.
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      await queue(mail(), new Date());
      await smtp.waitFor(1, 3_000);
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await running.stop();
    }
  });

  it('delivers each message exactly once with two senders on one outbox', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 24; i++) ids.push((await queue(mail({ to: `person${i}@example.org` }))).id!);
    // On PostgreSQL the second sender is another connection pool, as another process would have.
    const other = await openSecondProcess(t, 4);
    try {
      const [a, b] = await Promise.all([sendDue(t.db, sender()), sendDue(other.db, sender())]);
      expect(a.sent + b.sent).toBe(24);
      if (t.engine === 'postgres') expect(Math.min(a.sent, b.sent)).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
    await smtp.waitFor(24);
    const recipients = smtp.received.map((m) => m.to[0]).sort();
    expect(new Set(recipients).size).toBe(24);
    expect(recipients).toHaveLength(24);
  });
});

it('refuses an SMTP login with the wrong password (the helper checks credentials)', async () => {
  const transport = nodemailer.createTransport(smtp.url.replace('secret', 'wrong'));
  await expect(
    transport.sendMail({ from: 'a@mur.example', to: 'b@example.org', subject: 's', text: 't' }),
  ).rejects.toThrow();
});
