import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, MailStatus } from '../../../db/types.ts';
import { DomainError } from '../errors.ts';
import { maskAddress } from './address.ts';
import { MAIL_CHANNEL } from './outbox.ts';
import { keyset, keysetPage } from '../pagination/keyset.ts';
import type { KeysetPage } from '../pagination/keyset.ts';
import type { KeysetCursor } from '../pagination/keyset-cursor.ts';

export const MAIL_STATUSES: readonly MailStatus[] = ['queued', 'sent', 'failed', 'held'];

/** One row of /moderation/courriels: the address masked, never a body. */
export interface OutboxEntry {
  id: number;
  kind: string;
  locale: string;
  maskedAddress: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
  /** Failed or held, and its text still here: an admin may send it again. */
  resendable: boolean;
}

/** A page of messages (optionally of one status), newest first, after `cursor` when given. */
export async function listOutbox(
  db: Kysely<Database>,
  { status, cursor, limit = 50 }: { status?: MailStatus; cursor?: KeysetCursor | null; limit?: number } = {},
): Promise<KeysetPage<OutboxEntry>> {
  let query = db
    .selectFrom('mail_outbox')
    .select([
      'id',
      'kind',
      'locale',
      'to_address',
      'subject',
      'status',
      'attempts',
      'last_error',
      'created_at',
      'sent_at',
      'next_attempt_at',
      sql<boolean>`body_text is not null`.as('has_body'),
    ])
    .$call(keyset({ at: 'created_at', id: 'id', direction: 'desc', cursor, limit }));
  if (status) query = query.where('status', '=', status);
  const rows = await query.execute();
  const entries = rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    locale: r.locale,
    maskedAddress: maskAddress(r.to_address),
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    nextAttemptAt: r.next_attempt_at,
    resendable: (r.status === 'failed' || r.status === 'held') && r.has_body,
  }));
  return keysetPage(entries, limit, (entry) => ({ at: entry.createdAt, id: entry.id }));
}

/** How many messages are in each status, for the page's summary. */
export async function outboxCounts(db: Kysely<Database>): Promise<Record<MailStatus, number>> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
  const counts = { queued: 0, sent: 0, failed: 0, held: 0 };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

export class ResendError extends DomainError<'not_resendable'> {
  constructor() {
    super('ResendError', 'message not sent again', 'not_resendable');
  }
}

/**
 * An admin sends a failed or held message again: queued now, with a new 24 h of retries (held
 * means over the daily budget; an admin's choice overrides it). A message whose body is gone
 * (sent with a private link, or purged) cannot be. Throws ResendError.
 */
export async function resendMail(db: Kysely<Database>, id: number, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('mail_outbox')
      .set({
        status: 'queued',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
        locked_until: null,
        failed_at: null,
      })
      .where('id', '=', id)
      .where('status', 'in', ['failed', 'held'])
      .where('body_text', 'is not', null)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new ResendError();
    await sql`select pg_notify(${MAIL_CHANNEL}, '')`.execute(trx);
  });
}
