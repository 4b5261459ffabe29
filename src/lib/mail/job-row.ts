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

/**
 * Claims the job `name` for this process when it is due: its next run moves `holdMs` on in one
 * conditional update, so of several processes (on several hosts) exactly one gets true, and the
 * work that follows holds no lock. The row is made first when the job is new.
 */
export async function claimJob(db: Kysely<Database>, name: string, holdMs: number, now: Date): Promise<boolean> {
  await ensureJobRow(db, name, now);
  const claimed = await db
    .updateTable('mail_job')
    .set({ next_run_at: new Date(now.getTime() + holdMs) })
    .where('name', '=', name)
    .where('next_run_at', '<=', now)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) > 0;
}
