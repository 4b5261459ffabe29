import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CreatedAt, NullableTimestamp, Timestamp } from './columns.ts';

// Email: the outbox, budgets, jobs, subscriptions, and the contact messages visitors send the team.

/** A visitor's message through /contact; the address is never published. */
export interface ContactMessageTable {
  id: Generated<number>;
  name: string;
  email: string;
  body: string;
  locale: string;
  /** The honeypot was filled: kept, listed apart, never emailed. */
  is_spam: Generated<boolean>;
  ip_hash: string | null;
  created_at: CreatedAt;
  read_at: NullableTimestamp;
  read_by: number | null;
}
export type ContactMessageRow = Selectable<ContactMessageTable>;

/** Where a message stands in the outbox: waiting (or retrying), sent, given up on, or held by the per-address budget. */
export type MailStatus = 'queued' | 'sent' | 'failed' | 'held';

/** One email, written in the transaction of the event that causes it (src/lib/mail/outbox.ts). */
export interface MailOutboxTable {
  id: Generated<number>;
  /** What it is (`received`, `decision`, `reply`, `lost_links`, `confirm`…): the admin list says it. */
  kind: string;
  locale: string;
  to_address: string;
  subject: string;
  /** Cleared when sent if `carries_secret`, and after 30 days for every message (privacy/purge.ts). */
  body_text: string | null;
  body_html: string | null;
  /** The one-click unsubscribe URL (RFC 8058) of a notification, or null. */
  unsubscribe_url: string | null;
  /** Where "Reply" goes: the visitor's address on a contact message forwarded to the team, else null. */
  reply_to: string | null;
  message_id: string;
  status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  /** A sender's claim: nobody else takes the row before then (a crashed sender's claim expires). */
  locked_until: NullableTimestamp;
  last_error: string | null;
  carries_secret: Generated<boolean>;
  /** Unique when set: the same event never queues its message twice. */
  dedupe_key: string | null;
  created_at: CreatedAt;
  sent_at: NullableTimestamp;
  failed_at: NullableTimestamp;
}
export type MailOutboxRow = Selectable<MailOutboxTable>;

/** Messages queued per address (SHA-256 of the lower-cased address) per Paris day. */
export interface MailBudgetTable {
  address_hash: string;
  day: ColumnType<Date, string, string>;
  messages: number;
}

/** Scheduled mail work, claimed by one process at a time (mail/team-jobs.ts). */
export interface MailJobTable {
  name: string;
  next_run_at: Timestamp;
}

/** "Tell me about replies" to one contribution, once the address is confirmed (double opt-in). */
export interface MailSubscriptionTable {
  id: Generated<number>;
  address: string;
  target_type: 'souvenir' | 'comment';
  target_id: number;
  locale: string;
  /** SHA-256 of the confirmation token (it grants: notifications start). */
  token_hash: string;
  /** Only ever takes mail away, and every notification carries it: kept as it is. */
  unsubscribe_key: string;
  created_at: CreatedAt;
  confirmed_at: NullableTimestamp;
}
