import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { Database, MailStatus } from '../../../db/types.ts';
import { candleDay } from '../wall/candles.ts';
import { addressHash } from './address.ts';
import { perAddressPerDaySql } from './settings.ts';

/** Senders LISTEN here; a NOTIFY is delivered at commit, so a sender never wakes before the row exists. */
export const MAIL_CHANNEL = 'mail_queued';

/** What a message is, for the admin list and the tests. */
export type MailKind =
  'received' | 'decision' | 'reply' | 'lost_links' | 'contact' | 'team_new' | 'team_digest' | 'team_reminder';

/** A composed message, ready to queue (compose.ts and compose-team.ts write them). */
export interface OutgoingMail {
  kind: MailKind;
  locale: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** RFC 8058 one-click URL: notifications carry one, transactional messages do not. */
  unsubscribeUrl?: string;
  /** Where "Reply" goes, when not to the sender: one bare address (isDeliverable). */
  replyTo?: string;
  /** It holds a private link: its bodies are cleared once it is sent. */
  carriesSecret?: boolean;
  /** The event it tells of, once: a second message with the same key is not queued. */
  dedupeKey?: string;
  /** Not sent before this instant (a decision waits out its undo window), else as soon as possible. */
  notBefore?: Date;
  /**
   * False for the team's own messages, which a member chose and can stop: the daily budget is
   * there so that the public's forms cannot mail-bomb an address, not to drop a moderator's digest.
   */
  countsAgainstBudget?: boolean;
}

export type Enqueued =
  { id: number; status: Extract<MailStatus, 'queued' | 'held' | 'failed'> } | { id: null; status: 'duplicate' };

/** One address, no spaces, commas, angle brackets or line breaks. */
const DELIVERABLE = /^[^\s@,;<>"()[\]\\]+@[^\s@,;<>"()[\]\\]+$/;

/** Whether `address` is one bare address a message's header may carry. */
export function isDeliverable(address: string): boolean {
  return DELIVERABLE.test(address);
}

/** A message's row in `mail_outbox`, all but its status. */
export function outboxColumns(mail: OutgoingMail, now: Date) {
  return {
    kind: mail.kind,
    locale: mail.locale,
    to_address: mail.to,
    subject: mail.subject,
    body_text: mail.text,
    body_html: mail.html,
    unsubscribe_url: mail.unsubscribeUrl ?? null,
    reply_to: mail.replyTo ?? null,
    // The part before the @: the domain is MAIL_FROM's, added when sent (sender.ts).
    message_id: randomBytes(16).toString('base64url'),
    next_attempt_at: mail.notBefore && mail.notBefore > now ? mail.notBefore : now,
    carries_secret: mail.carriesSecret ?? false,
    dedupe_key: mail.dedupeKey ?? null,
    created_at: now,
  };
}

/** The row of `address`'s budget today (Paris): counted under its hash, never the address. */
export function budgetKey(address: string, now: Date) {
  return { address_hash: addressHash(address), day: candleDay(now) };
}

/** On a conflict with today's row of the address: one message more. */
export const COUNT_ONE_MORE = { messages: sql<number>`mail_budget.messages + 1` };

/**
 * Counts one more message to `address` today (Paris) and says whether it may go. The budget in
 * force is read in the same statement (one round trip, not two: sharing is the busiest write).
 */
async function withinBudget(trx: Transaction<Database>, address: string, now: Date): Promise<'queued' | 'held'> {
  const counted = await trx
    .insertInto('mail_budget')
    .values({ ...budgetKey(address, now), messages: 1 })
    .onConflict((oc) => oc.columns(['address_hash', 'day']).doUpdateSet(COUNT_ONE_MORE))
    .returning(['messages', perAddressPerDaySql().as('allowed')])
    .executeTakeFirstOrThrow();
  return counted.messages <= counted.allowed ? 'queued' : 'held';
}

/**
 * Queues one message in the caller's transaction, so it exists exactly when the event that
 * causes it is committed (and a sender is woken then). Counts it against the address's daily
 * budget (`mail_budget`, in the database so that every process shares it): beyond the budget the
 * message is kept as `held`, visible to admins and never sent. A `dedupeKey` already queued
 * queues nothing and counts nothing; an address that is not one bare address is recorded as
 * failed, never sent.
 */
export async function enqueueMail(trx: Transaction<Database>, mail: OutgoingMail, now = new Date()): Promise<Enqueued> {
  if (mail.dedupeKey) {
    const seen = await trx
      .selectFrom('mail_outbox')
      .select('id')
      .where('dedupe_key', '=', mail.dedupeKey)
      .executeTakeFirst();
    if (seen) return { id: null, status: 'duplicate' };
  }
  // A form's address is checked already; this is the lock on the header: one bare address,
  // nothing that could end the line or name a second recipient.
  if (!DELIVERABLE.test(mail.to)) {
    const row = await trx
      .insertInto('mail_outbox')
      .values({ ...outboxColumns(mail, now), status: 'failed', failed_at: now, last_error: 'address refused' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: Number(row.id), status: 'failed' };
  }
  const status = mail.countsAgainstBudget === false ? 'queued' : await withinBudget(trx, mail.to, now);
  // Senders are woken in the same statement as the row: delivered at commit, one round trip.
  const row = await trx
    .insertInto('mail_outbox')
    .values({ ...outboxColumns(mail, now), status })
    .returning(status === 'queued' ? ['id', sql<null>`pg_notify(${MAIL_CHANNEL}, '')`.as('woken')] : ['id'])
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), status };
}

/** When the next queued message falls due, or null when none waits: the sender sleeps until then. */
export async function nextDueAt(db: Kysely<Database>): Promise<Date | null> {
  const row = await db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('due'))
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return row?.due ? new Date(row.due as Date | string) : null;
}
