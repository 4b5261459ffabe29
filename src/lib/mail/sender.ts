import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Database, MailOutboxRow } from '../../../db/types.ts';
import { nextAttemptAt } from './backoff.ts';
import { isPermanentRefusal } from './transport.ts';
import { maskAddress } from './address.ts';

/**
 * How long a claimed message is a sender's alone. Longer than any SMTP exchange can take
 * (transport.ts's timeouts), so two live senders never hold one message; a sender that died
 * mid-send leaves its claim to expire, and the message is sent again by another.
 */
export const CLAIM_MS = 5 * 60_000;
const BATCH = 20;

export interface SendOptions {
  transport: Transporter;
  from: string;
  /** The domain of our Message-IDs (MAIL_FROM's). */
  messageDomain: string;
  now?: () => Date;
  /**
   * Aborted when the process stops: the message being sent is finished and recorded, the rest of
   * the batch is handed back at once (released, its attempt not counted) for another process.
   */
  signal?: AbortSignal;
}

export interface SendTally {
  sent: number;
  retried: number;
  failed: number;
}

/** What a sender reads of a message it claimed. */
const CLAIMED_COLUMNS = [
  'id',
  'to_address',
  'subject',
  'body_text',
  'body_html',
  'unsubscribe_url',
  'reply_to',
  'message_id',
  'attempts',
  'created_at',
  'carries_secret',
] as const;

/** A message this sender claimed, and until when (its claim, as stored on the row). */
type Claimed = Pick<MailOutboxRow, (typeof CLAIMED_COLUMNS)[number]> & { claimedUntil: Date };

/**
 * Takes up to `limit` due messages for this sender: rows another sender holds (`SKIP LOCKED`)
 * or has claimed (`locked_until`) are passed over, so several processes share one outbox and
 * none sends a message another is sending. The claim commits before any SMTP exchange: no
 * transaction stays open while the network is slow (PGlite has one connection).
 */
export async function claimDue(db: Kysely<Database>, now: Date, limit = BATCH): Promise<Claimed[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('mail_outbox')
      .select(CLAIMED_COLUMNS)
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return [];
    const claimedUntil = new Date(now.getTime() + CLAIM_MS);
    await trx
      .updateTable('mail_outbox')
      .set({ locked_until: claimedUntil, attempts: sql`attempts + 1` })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id), attempts: r.attempts + 1, claimedUntil }));
  });
}

/**
 * An SMTP error as the admin list shows it: the server's answer, one line, with any address in
 * it masked (servers often quote the recipient: "550 <camille@example.org>: unknown user").
 */
export function describeError(error: unknown): string {
  const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
  const text = e.response ?? e.message ?? String(error);
  return `${e.responseCode ?? e.code ?? 'error'}: ${text}`
    .replace(/[\r\n]+/g, ' ')
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, (address) => maskAddress(address))
    .slice(0, 300);
}

async function sendClaimed(db: Kysely<Database>, mail: Claimed, options: SendOptions): Promise<keyof SendTally> {
  const now = () => options.now?.() ?? new Date();
  try {
    await options.transport.sendMail({
      from: options.from,
      to: mail.to_address,
      subject: mail.subject,
      text: mail.body_text ?? '',
      html: mail.body_html ?? '',
      messageId: `<${mail.message_id}@${options.messageDomain}>`,
      date: mail.created_at,
      ...(mail.reply_to ? { replyTo: mail.reply_to } : {}),
      // RFC 8058: the header is an https URL, the POST needs no session (see one-click route).
      ...(mail.unsubscribe_url
        ? {
            list: { unsubscribe: mail.unsubscribe_url },
            headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          }
        : {}),
    });
  } catch (error) {
    const at = now();
    const retryAt = isPermanentRefusal(error) ? null : nextAttemptAt(mail.attempts, mail.created_at, at);
    await db
      .updateTable('mail_outbox')
      .set(
        retryAt
          ? { next_attempt_at: retryAt, locked_until: null, last_error: describeError(error) }
          : { status: 'failed', failed_at: at, locked_until: null, last_error: describeError(error) },
      )
      .where('id', '=', mail.id)
      .execute();
    return retryAt ? 'retried' : 'failed';
  }
  await db
    .updateTable('mail_outbox')
    .set({
      status: 'sent',
      sent_at: now(),
      locked_until: null,
      last_error: null,
      // A private link lives on in the recipient's mailbox only, not in ours.
      ...(mail.carries_secret ? { body_text: null, body_html: null } : {}),
    })
    .where('id', '=', mail.id)
    .execute();
  return 'sent';
}

/**
 * Sends every message due now, batch after batch, until none is left for this sender or
 * `options.signal` stops it; returns what happened. Failures are recorded on the row (retried with backoff, or failed for good
 * after 24 h or a 5xx answer), never thrown; a lost database is thrown.
 */
export async function sendDue(db: Kysely<Database>, options: SendOptions): Promise<SendTally> {
  const tally: SendTally = { sent: 0, retried: 0, failed: 0 };
  while (!options.signal?.aborted) {
    const batch = await claimDue(db, options.now?.() ?? new Date());
    if (batch.length === 0) return tally;
    // A stop hands back what is not started at once, while the message on its way finishes
    // (a slow SMTP server may hold it longer than the process is given to stop).
    let next = 0;
    let released: Promise<void> | null = null;
    const release = () => void (released = releaseClaims(db, batch.slice(next)));
    options.signal?.addEventListener('abort', release, { once: true });
    try {
      while (next < batch.length && !released) tally[await sendClaimed(db, batch[next++]!, options)] += 1;
    } finally {
      options.signal?.removeEventListener('abort', release);
    }
    if (released) {
      await released;
      return tally;
    }
  }
  return tally;
}

/**
 * Hands claimed messages back unsent, as if never claimed: a stopping process does not make its
 * batch wait out the claim (five minutes) before another process sends it.
 */
export async function releaseClaims(
  db: Kysely<Database>,
  claimed: readonly Pick<Claimed, 'id' | 'claimedUntil'>[],
): Promise<void> {
  if (claimed.length === 0) return;
  await db
    .updateTable('mail_outbox')
    .set({ locked_until: null, attempts: sql`attempts - 1` })
    .where(
      'id',
      'in',
      claimed.map((mail) => mail.id),
    )
    .where('status', '=', 'queued')
    // Still this sender's claim (one batch shares it): one that outlived it (a batch slower than
    // CLAIM_MS) is another's now.
    .where('locked_until', '=', claimed[0]!.claimedUntil)
    .execute();
}
