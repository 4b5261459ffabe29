import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ContactMessageRow, Database } from '../../../db/types.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { contactMail } from './contact-mail.ts';
import { getPublisher } from './publisher.ts';

export interface NewContactMessage {
  name: string;
  email: string;
  body: string;
  locale: string;
  ipHash: string | null;
  /** The honeypot was filled: kept and listed apart, so a person caught by mistake is still read. */
  isSpam: boolean;
}

/** A visitor's message as the team reads it in moderation (never on a public page). */
export interface ContactMessage {
  id: number;
  name: string;
  email: string;
  body: string;
  locale: string;
  isSpam: boolean;
  createdAt: Date;
  readAt: Date | null;
}

function toContactMessage(row: Omit<ContactMessageRow, 'ip_hash' | 'read_by'>): ContactMessage {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    body: row.body,
    locale: row.locale,
    isSpam: row.is_spam,
    createdAt: new Date(row.created_at),
    readAt: row.read_at ? new Date(row.read_at) : null,
  };
}

/**
 * Stores a message sent through /contact (the Action has checked its rate limit and fields) and,
 * in the same transaction, queues it by email to the publisher's contact address when one is set
 * and the honeypot was left empty: it is in the moderation list whatever the mail does.
 * `listUrl` is the moderation page's absolute address, for the email. Returns its id.
 */
export async function storeContactMessage(
  db: Kysely<Database>,
  message: NewContactMessage,
  options: { listUrl?: string } = {},
): Promise<{ id: number; emailed: boolean }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('contact_message')
      .values({
        name: message.name,
        email: message.email,
        body: message.body,
        locale: message.locale,
        ip_hash: message.ipHash,
        is_spam: message.isSpam,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const team = message.isSpam || !options.listUrl ? '' : (await getPublisher(trx)).contactEmail;
    if (team && options.listUrl) {
      await enqueueMail(
        trx,
        contactMail({
          to: team,
          name: message.name,
          email: message.email,
          body: message.body,
          listUrl: options.listUrl,
        }),
      );
    }
    return { id: row.id, emailed: Boolean(team) };
  });
}

export const CONTACT_PAGE_SIZE = 50;

/** The latest messages, newest first, the honeypot's catch apart (`spam`). */
export async function listContactMessages(
  db: Kysely<Database>,
  options: { spam?: boolean; limit?: number } = {},
): Promise<ContactMessage[]> {
  const rows = await db
    .selectFrom('contact_message')
    .select(['id', 'name', 'email', 'body', 'locale', 'is_spam', 'created_at', 'read_at'])
    .where('is_spam', '=', options.spam ?? false)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? CONTACT_PAGE_SIZE)
    .execute();
  return rows.map(toContactMessage);
}

/** Unread messages that are not spam: the number the moderation navigation shows. */
export async function countUnreadContactMessages(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('contact_message')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('read_at', 'is', null)
    .where('is_spam', '=', false)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks a message read (by `userId`) or unread again; returns whether it exists. */
export async function markContactMessage(
  db: Kysely<Database>,
  id: number,
  read: boolean,
  userId: number,
  now = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable('contact_message')
    .set(read ? { read_at: now, read_by: userId } : { read_at: null, read_by: null })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The right to erasure: every contact message written from this (normalised) address goes; returns how many. */
export async function eraseContactMessagesOf(db: Kysely<Database>, address: string): Promise<number> {
  const result = await db
    .deleteFrom('contact_message')
    .where(sql<boolean>`lower(email) = ${address.trim().toLowerCase()}`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
