import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { candleDay } from '../wall/candles.ts';
import { normaliseAddress } from './address.ts';
import { eraseSubscriptionsOf } from './subscriptions.ts';

/** How long a message (its address, subject and any body) is kept once it left the queue: the privacy page says so. */
export const MAIL_RETENTION_DAYS = 30;

/**
 * Forgets what the site wrote to an address (its messages, queued ones too: nobody is written to
 * about texts they took back), the contact messages that address wrote to the team (their
 * Reply-To), and its subscriptions. Called in the transaction of a withdrawal or of an erasure by
 * email.
 */
export async function eraseMailOf(trx: Transaction<Database>, address: string): Promise<void> {
  if (!address.trim()) return;
  const normalised = normaliseAddress(address);
  await trx
    .deleteFrom('mail_outbox')
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(to_address)`, '=', normalised),
        // A contact message forwarded to the team: written by that address, answered to it.
        eb(sql<string>`lower(reply_to)`, '=', normalised),
      ]),
    )
    .execute();
  await eraseSubscriptionsOf(trx, address);
}

/**
 * Messages sent, failed or held more than 30 days ago are deleted (the admin list only needs
 * the recent ones); budget counters of past days too. A queued message stays however old: without
 * SMTP_URL nothing is sent, and nothing is lost. Returns the rows deleted.
 */
export async function purgeOldMail(db: Kysely<Database>, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - MAIL_RETENTION_DAYS * 86_400_000);
  const messages = await db
    .deleteFrom('mail_outbox')
    .where('status', '!=', 'queued')
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  const budgets = await db
    .deleteFrom('mail_budget')
    .where('day', '<', sql<Date>`${candleDay(now)}::date`)
    .executeTakeFirst();
  return Number(messages.numDeletedRows) + Number(budgets.numDeletedRows);
}
