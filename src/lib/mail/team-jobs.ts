import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { TIME_ZONE } from '../i18n/index.ts';
import { toPlainText } from '../sanitize/sanitize.ts';
import { CONTRIBUTION_KINDS, contributionsOf } from '../contributions/kinds.ts';
import { candleDay } from '../wall/candles.ts';
import { waitingListMail } from './compose-team.ts';
import type { WaitingItem } from './compose-team.ts';
import { enqueueMail } from './outbox.ts';
import { hoursBetween, queueUrl, teamRecipients } from './team.ts';
import { ensureJobRow } from './job-row.ts';

export const TEAM_JOB = 'team_hourly';
/** The reminder goes out from this hour (Europe/Paris), once a day. */
export const REMINDER_HOUR = 9;
/** An item waiting longer than this is late (the 48 hours). */
export const LATE_AFTER_HOURS = 48;
/** Items a digest lists; the count says how many more there are. */
const LISTED = 20;

const parisHour = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', hourCycle: 'h23' });

function startOfNextHour(now: Date): Date {
  const next = new Date(now);
  next.setUTCMinutes(0, 0, 0);
  next.setUTCHours(next.getUTCHours() + 1);
  return next;
}

/** What waits for moderation, oldest first (at most LISTED), and how many in all. */
async function waitingItems(trx: Transaction<Database>, now: Date) {
  const found: (WaitingItem & { createdAt: Date })[] = [];
  let total = 0;
  for (const kind of CONTRIBUTION_KINDS) {
    const waiting = contributionsOf(trx)
      .selectFrom(kind)
      .where('status', '=', 'pending')
      .where('withdrawn_at', 'is', null);
    const counted = await waiting.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    total += counted.n;
    const rows = await waiting.select(['created_at', 'body_html']).orderBy('created_at').limit(LISTED).execute();
    for (const row of rows) {
      found.push({
        kind,
        text: toPlainText(row.body_html),
        hours: hoursBetween(row.created_at, now),
        createdAt: row.created_at,
      });
    }
  }
  found.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return { items: found.slice(0, LISTED), total };
}

/**
 * The team's scheduled messages, run by whichever process claims the job row first (`FOR
 * UPDATE SKIP LOCKED`, then its next run an hour on): each member who chose the digest gets it
 * once a day from their hour on (late rather than never, when no process ran at that hour); from
 * 09:00 Paris, everyone with an address and messages on is told once a day of items waiting
 * more than 48 hours. Returns whether this call ran the job.
 */
export async function runTeamJobs(db: Kysely<Database>, origin: string, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await ensureJobRow(trx, TEAM_JOB, now);
    const job = await trx
      .selectFrom('mail_job')
      .select('name')
      .where('name', '=', TEAM_JOB)
      .where('next_run_at', '<=', now)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!job) return false;
    const hour = Number(parisHour.format(now));
    const day = candleDay(now);
    const { items, total } = await waitingItems(trx, now);
    if (total > 0) {
      for (const member of await teamRecipients(trx, ['digest'])) {
        if (member.digest_hour > hour) continue;
        const to = { id: member.id, to: member.email!, name: member.display_name, locale: 'fr' as const };
        await enqueueMail(trx, waitingListMail('digest', to, day, items, total, queueUrl(origin)), now);
      }
      const late = items.filter((item) => item.hours >= LATE_AFTER_HOURS);
      if (hour >= REMINDER_HOUR && late.length > 0) {
        for (const member of await teamRecipients(trx, ['each', 'digest'])) {
          const to = { id: member.id, to: member.email!, name: member.display_name, locale: 'fr' as const };
          await enqueueMail(trx, waitingListMail('reminder', to, day, late, late.length, queueUrl(origin)), now);
        }
      }
    }
    await trx
      .updateTable('mail_job')
      .set({ next_run_at: startOfNextHour(now) })
      .where('name', '=', TEAM_JOB)
      .execute();
    return true;
  });
}
