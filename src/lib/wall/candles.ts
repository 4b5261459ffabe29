import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { TIME_ZONE } from '../i18n/index.ts';
import { DomainError } from '../errors.ts';
import { notifyWall } from '../contributions/notify.ts';
import { adjustWallStats } from './figures.ts';

export type CandleOutcome = 'lit' | 'already_lit';

export interface CandleResult {
  outcome: CandleOutcome;
  /** The souvenir's candle count after this request. */
  count: number;
}

export class CandleError extends DomainError<'not_found'> {
  constructor(code: 'not_found') {
    super('CandleError', 'candle refused', code);
  }
}

/** The calendar day in Paris ('YYYY-MM-DD'): a visitor's day, not the server's UTC one. */
export function candleDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

function dayBefore(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Lights a candle for an approved souvenir: one per visitor (IP hash) per souvenir per day.
 * The souvenir's count and the wall's total move in the same transaction as the candle row;
 * a second candle the same day is not an error but `already_lit`. Throws CandleError not_found
 * for a souvenir that is not (or no longer) on the wall.
 */
export async function lightCandle(
  db: Kysely<Database>,
  request: { publicId: string; ipHash: string | null; now?: Date },
): Promise<CandleResult> {
  const day = candleDay(request.now ?? new Date());
  // Without an address (never behind our server) everyone shares one key: still one a day.
  const ipHash = request.ipHash ?? 'unknown';
  return db.transaction().execute(async (trx) => {
    const souvenir = await trx
      .selectFrom('souvenir')
      .select(['id', 'candle_count'])
      .where('public_id', '=', request.publicId)
      .where('status', '=', 'approved')
      .where('hidden_by_reports', '=', false)
      .executeTakeFirst();
    if (!souvenir) throw new CandleError('not_found');
    const inserted = await trx
      .insertInto('candle')
      .values({ souvenir_id: souvenir.id, ip_hash: ipHash, day })
      .onConflict((oc) => oc.doNothing())
      .returning('souvenir_id')
      .executeTakeFirst();
    if (!inserted) return { outcome: 'already_lit', count: souvenir.candle_count };

    const updated = await trx
      .updateTable('souvenir')
      .set({ candle_count: sql`candle_count + 1` })
      .where('id', '=', souvenir.id)
      .returning('candle_count')
      .executeTakeFirstOrThrow();
    await adjustWallStats(trx, { candles: 1 });
    // Only today's and yesterday's rows are needed (a day boundary in flight): the IP hashes of
    // older ones are dropped as the souvenir receives new candles.
    await trx
      .deleteFrom('candle')
      .where('souvenir_id', '=', souvenir.id)
      .where('day', '<', sql<Date>`${dayBefore(day)}::date`)
      .execute();
    await notifyWall(trx, `candle:${souvenir.id}`);
    return { outcome: 'lit', count: updated.candle_count };
  });
}
