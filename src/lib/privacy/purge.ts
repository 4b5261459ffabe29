import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { candleDay } from '../wall/candles.ts';
import { purgeLoginAttempts } from '../auth/throttle.ts';
import { purgeRateLimits } from '../security/rate-limit.ts';
import { purgeOldMail } from '../mail/erase.ts';
import { forgetExpiredUploads } from '../photos/staging.ts';
import { purgeUnconsentedImports } from '../imports/queue.ts';
import { expireConsentRequests } from '../imports/request.ts';
import { repeatEvery } from '../ops/repeat.ts';
import { claimJob } from '../mail/job-row.ts';
import { purgeSubmissionKeys } from '../contributions/submission-once.ts';

/** How long an IP hash is kept on a souvenir, a comment, a report or a contact message (the privacy page says so). */
export const IP_HASH_RETENTION_DAYS = 30;

/** What one purge cleared or deleted, table by table. */
export interface PurgeCounts {
  /** IP hashes set to null (the rows stay). */
  souvenirIpHashes: number;
  commentIpHashes: number;
  reportIpHashes: number;
  contactIpHashes: number;
  /** Rows deleted. */
  candles: number;
  loginAttempts: number;
  rateLimits: number;
  /** Messages out of the queue for 30 days, and past days' per-address counters. */
  mailMessages: number;
  /** Photos of share forms that never came back right within the hour, with their bytes. */
  stagedPhotos: number;
  /** Posts gathered from a hashtag whose authors never consented within 30 days (imports/queue.ts). */
  importedPosts: number;
  /** Keys of submissions past their minute (contributions/submission-once.ts). */
  submissionKeys: number;
}

/** The Paris day before `now`'s, as 'YYYY-MM-DD' (noon UTC keeps the arithmetic clear of DST). */
function yesterday(now: Date): string {
  const date = new Date(`${candleDay(now)}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Forgets what identifies visitors once it has served its purpose, in one pass that any number
 * of processes may run at once (every statement is idempotent):
 * - IP hashes on souvenirs, comments, reports and contact messages older than 30 days are cleared (the texts and
 *   reports stay; only the flood, duplicate and one-report-per-visitor checks used them);
 * - candle rows from before yesterday (Paris) are deleted: they only enforce "one candle per
 *   visitor per souvenir per day" and the counts live on the souvenir and the wall (migration
 *   004), so this is the rule `lightCandle` already applies per souvenir, for all of them;
 * - login attempts older than a day and rate-limit windows that ended days ago are deleted;
 * - email messages sent, failed or held more than 30 days ago, with their address and body
 *   (mail/erase.ts), and the per-address counters of past days;
 * - photos of share forms that never came back right within the hour (photos/staging.ts);
 * - posts gathered from a hashtag whose authors never consented, 30 days after (imports/queue.ts), and
 *   requests for consent nobody answered within 14 days lapse (imports/request.ts);
 * - the keys of submissions (a hash of an address and a text) once their minute has passed.
 * Returns the counts, for the log.
 */
export async function purgeExpiredPersonalData(db: Kysely<Database>, now = new Date()): Promise<PurgeCounts> {
  const cutoff = new Date(now.getTime() - IP_HASH_RETENTION_DAYS * 86_400_000);
  const clearIpHashes = async (table: 'souvenir' | 'comment' | 'report' | 'contact_message') => {
    const result = await db
      .updateTable(table)
      .set({ ip_hash: null })
      .where('ip_hash', 'is not', null)
      .where('created_at', '<', cutoff)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  };
  const souvenirIpHashes = await clearIpHashes('souvenir');
  const commentIpHashes = await clearIpHashes('comment');
  const reportIpHashes = await clearIpHashes('report');
  const contactIpHashes = await clearIpHashes('contact_message');
  await expireConsentRequests(db, now);
  const candles = await db
    .deleteFrom('candle')
    .where('day', '<', sql<Date>`${yesterday(now)}::date`)
    .executeTakeFirst();
  return {
    souvenirIpHashes,
    commentIpHashes,
    reportIpHashes,
    contactIpHashes,
    candles: Number(candles.numDeletedRows),
    loginAttempts: await purgeLoginAttempts(db, now),
    rateLimits: await purgeRateLimits(db, now),
    mailMessages: await purgeOldMail(db, now),
    stagedPhotos: await forgetExpiredUploads(db, now),
    importedPosts: await purgeUnconsentedImports(db, now),
    submissionKeys: await purgeSubmissionKeys(db, now),
  };
}

/** One line for the log: "3 IP hashes cleared (…), 12 rows deleted (…)". */
export function describePurge(counts: PurgeCounts): string {
  const cleared = counts.souvenirIpHashes + counts.commentIpHashes + counts.reportIpHashes + counts.contactIpHashes;
  const deleted =
    counts.candles +
    counts.loginAttempts +
    counts.rateLimits +
    counts.mailMessages +
    counts.stagedPhotos +
    counts.importedPosts +
    counts.submissionKeys;
  return (
    `${cleared} IP hash(es) cleared (souvenirs ${counts.souvenirIpHashes}, comments ${counts.commentIpHashes}, ` +
    `reports ${counts.reportIpHashes}, contact messages ${counts.contactIpHashes}); ${deleted} row(s) deleted (candles ${counts.candles}, ` +
    `login attempts ${counts.loginAttempts}, rate-limit windows ${counts.rateLimits}, mail ${counts.mailMessages}, staged photos ${counts.stagedPhotos}, imported posts ${counts.importedPosts}, submission keys ${counts.submissionKeys})`
  );
}

/** How often the purge runs: the 30 days hold without a restart. */
export const PURGE_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** How often each process asks whether the purge is due. */
const PURGE_CHECK_MS = 60 * 60 * 1000;
const PURGE_JOB = 'privacy_purge';

/**
 * Purges once a day, in one process of all (every worker of every host asks at its start and
 * hourly; claimJob gives the day's run to one), logging the counts; a failure is logged and never
 * stops the server (the next day's run catches up). Returns a function that stops the timer.
 */
export function schedulePurge(db: Kysely<Database>, log: Pick<Console, 'log' | 'error'> = console): () => void {
  return repeatEvery(
    PURGE_CHECK_MS,
    async () => {
      if (!(await claimJob(db, PURGE_JOB, PURGE_INTERVAL_MS, new Date()))) return;
      log.log(`[privacy] purge: ${describePurge(await purgeExpiredPersonalData(db))}`);
    },
    (error) => log.error('[privacy] purge failed (will retry later):', error instanceof Error ? error.message : error),
  );
}
