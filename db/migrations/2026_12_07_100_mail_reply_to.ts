import type { Kysely } from 'kysely';

/**
 * A message the team can answer with "Reply": a contact form's message, forwarded to the team,
 * carries the visitor's address as Reply-To (association/contact-mail.ts). Kept like the rest of
 * the message: deleted with it after 30 days, or with an erasure of that address (mail/erase.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_outbox').addColumn('reply_to', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_outbox').dropColumn('reply_to').execute();
}
