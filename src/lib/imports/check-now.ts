import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { DomainError } from '../errors.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { claimJob } from '../mail/job-row.ts';
import { checkOriginals } from './check.ts';
import type { CheckOutcome } from './check.ts';
import type { AddressPolicy } from './sources.ts';

/**
 * The job row of an admin's check on request: its own row, so pressing the button never moves the
 * daily check's next run (claimDailyCheck), yet it is claimed the same way, in the database.
 */
export const CHECK_NOW_JOB = 'imports.check-originals-now';
/** How long a claim holds: a host that dies mid-check lets another admin check again after it. */
export const CHECK_NOW_LEASE_MS = 5 * 60_000;

export class CheckNowError extends DomainError<'busy'> {
  constructor() {
    super('CheckNowError', 'A check of originals is already running', 'busy');
  }
}

/** Takes the on-request check for this process, or false while another holds it (on any host). */
export async function claimCheckNow(db: Kysely<Database>, now = new Date()): Promise<boolean> {
  return claimJob(db, CHECK_NOW_JOB, CHECK_NOW_LEASE_MS, now);
}

/**
 * An admin checks every consented original now (issue 20, item 7) rather than waiting for the
 * daily check: the same checkOriginals, under a claim in the database so two checks never run at
 * once (throws CheckNowError `busy`), released when done, journaled with its counts.
 */
export async function checkOriginalsNow(
  db: Kysely<Database>,
  actor: Actor,
  policy: AddressPolicy,
  now = new Date(),
): Promise<CheckOutcome> {
  if (!(await claimCheckNow(db, now))) throw new CheckNowError();
  try {
    const outcome = await checkOriginals(db, now, policy);
    await recordEvent(db, {
      actor,
      action: 'import.check',
      targetType: 'import',
      // The whole set of consented posts, not one: no row to point at.
      targetId: 0,
      after: { ...outcome },
    });
    return outcome;
  } finally {
    await db.updateTable('mail_job').set({ next_run_at: now }).where('name', '=', CHECK_NOW_JOB).execute();
  }
}
