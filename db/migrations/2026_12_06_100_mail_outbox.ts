import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { createIndexes, dropTables } from './lib/schema.ts';

/**
 * Email, through an outbox (issue 14).
 *
 * `mail_outbox`: every message is written in the transaction of the event that causes it, then
 * sent by whichever app process claims it (`FOR UPDATE SKIP LOCKED` on `locked_until`, so a claim
 * outlives no crash: an expired claim is taken again). `dedupe_key` makes "tell the author once"
 * a constraint rather than a hope. Bodies that carry a private link are cleared once sent.
 *
 * `mail_budget`: messages per address (SHA-256 of the lower-cased address) per Paris day, so no
 * form can make the site mail one address more than a few times a day, whatever the process.
 *
 * `mail_subscription`: "tell me about replies", per contribution, confirmed by a link (double
 * opt-in: anyone can type anyone's address). The confirmation token grants something, so only its
 * hash is kept; the unsubscribe key only ever takes mail away, and every notification must carry
 * it, so it is kept as it is (as every mailing list's unsubscribe link is).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text')
    .addColumn('body_html', 'text')
    .addColumn('unsubscribe_url', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('carries_secret', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .addCheckConstraint('mail_outbox_status_check', sql`status in ('queued', 'sent', 'failed', 'held')`)
    .execute();
  // The senders' claim reads only what is due.
  await sql`create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status = 'queued'`.execute(db);
  await sql`create index mail_outbox_created_idx on mail_outbox (created_at desc, id desc)`.execute(db);
  await sql`create index mail_outbox_address_idx on mail_outbox (lower(to_address))`.execute(db);

  await db.schema
    .createTable('mail_budget')
    .addColumn('address_hash', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('messages', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_budget_pk', ['address_hash', 'day'])
    .execute();

  await db.schema
    .createTable('mail_subscription')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('unsubscribe_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('confirmed_at', 'timestamptz')
    .addCheckConstraint('mail_subscription_target_check', sql`target_type in ('souvenir', 'comment')`)
    .execute();
  await createIndexes(db, 'mail_subscription', { mail_subscription_target_idx: ['target_type', 'target_id'] });
  await sql`create index mail_subscription_address_idx on mail_subscription (lower(address))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, ['mail_subscription', 'mail_budget', 'mail_outbox']);
}
