import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';

/**
 * Makes sure the scheduled job `name` has its row in `mail_job`, due `now` when it is new: the
 * row is what processes lock or update to claim the job, so it must exist before any claims it.
 * Several processes may call this at once; the first insert wins, the others change nothing.
 */
export async function ensureJobRow(
  db: Kysely<Database> | Transaction<Database>,
  name: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('mail_job')
    .values({ name, next_run_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}
