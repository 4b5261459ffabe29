import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor, AuditEntry } from '../moderation/audit.ts';
import { WALL_CHANNEL } from '../moderation/decisions.ts';

/** The payload of `wall_changed` that wakes venue screens only (no page cache is emptied). */
export const VENUE_PAYLOAD = 'salle';

/** Who changes what the venue's screens show, and when (now, unless a test says otherwise). */
export interface ScreenChangeOptions {
  actor: Actor;
  now?: Date;
}

/** Tells every venue screen to read its state again; NOTIFY is sent when the transaction commits. */
export async function wakeScreens(trx: Kysely<Database>): Promise<void> {
  await sql`select pg_notify(${WALL_CHANNEL}, ${VENUE_PAYLOAD})`.execute(trx);
}

/**
 * One change to what the venue's screens show: `change` writes it at `now` (the options' moment,
 * or the clock's, chosen here for every kind of change) and answers how the journal records it;
 * the change, its journal row and the screens' wake-up commit together, so a screen never wakes
 * to a change that was rolled back, nor misses one that was made.
 */
export async function changeScreens(
  db: Kysely<Database>,
  { actor, now = new Date() }: ScreenChangeOptions,
  change: (trx: Transaction<Database>, now: Date) => Promise<Omit<AuditEntry, 'actor'>>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await recordEvent(trx, { actor, ...(await change(trx, now)) });
    await wakeScreens(trx);
  });
}
