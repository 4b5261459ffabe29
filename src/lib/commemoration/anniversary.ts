import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { defineSetting } from '../settings/setting-row.ts';
import { wakeScreens } from './screen-change.ts';
import { COMMEMORATION_TIME_ZONE } from './paris-time.ts';

export const ANNIVERSARY_SETTING_KEY = 'anniversary';

/** The anniversary as admins schedule it, in Paris time: a day of the year, a start and an end. */
export interface AnniversarySchedule {
  month: number;
  day: number;
  /** "HH:MM", Paris time. */
  starts: string;
  ends: string;
}

/** 13 November, all day. */
export const DEFAULT_ANNIVERSARY: Readonly<AnniversarySchedule> = Object.freeze({
  month: 11,
  day: 13,
  starts: '00:00',
  ends: '23:59',
});

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A stored schedule, or the default for anything missing or malformed (a setting never breaks a page). */
export function toSchedule(value: unknown): AnniversarySchedule {
  const v = (typeof value === 'string' ? safeJson(value) : value) as Partial<AnniversarySchedule> | null;
  const valid =
    v &&
    Number.isInteger(v.month) &&
    Number.isInteger(v.day) &&
    v.month! >= 1 &&
    v.month! <= 12 &&
    v.day! >= 1 &&
    v.day! <= 31 &&
    TIME.test(v.starts ?? '') &&
    TIME.test(v.ends ?? '') &&
    v.starts! < v.ends!;
  return valid ? { month: v.month!, day: v.day!, starts: v.starts!, ends: v.ends! } : { ...DEFAULT_ANNIVERSARY };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const parisClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: COMMEMORATION_TIME_ZONE,
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Whether Paris's clock at `now` is within the anniversary's day and hours (start included, end excluded). */
export function isAnniversary(schedule: AnniversarySchedule, now: Date): boolean {
  const p = Object.fromEntries(parisClock.formatToParts(now).map((x) => [x.type, x.value]));
  if (Number(p.month) !== schedule.month || Number(p.day) !== schedule.day) return false;
  const time = `${p.hour}:${p.minute}`;
  return time >= schedule.starts && time < schedule.ends;
}

const anniversarySetting = defineSetting<AnniversarySchedule>({
  key: ANNIVERSARY_SETTING_KEY,
  read: toSchedule,
  check: toSchedule,
  action: 'anniversary.schedule',
  journalBefore: false,
  alsoIn: wakeScreens,
});

export const readAnniversary = anniversarySetting.get;

/** An admin schedules the anniversary; the change and its journal row commit together, screens are woken. */
export const saveAnniversary = anniversarySetting.save;

export interface AnniversaryFigures {
  /** Candles lit today (the Paris day), on every souvenir. */
  candlesToday: number;
  candlesSinceTheBeginning: number;
  souvenirsShared: number;
}

/**
 * The day's counters: two reads of kept counts (wall_stat, and today's candle rows, which the
 * candle table keeps per Paris day), however many candles are lit; screens get them batched with
 * the state they re-read, never one update per candle.
 */
export async function anniversaryFigures(db: Kysely<Database>, now = new Date()): Promise<AnniversaryFigures> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: COMMEMORATION_TIME_ZONE }).format(now);
  const [stat, candles] = await Promise.all([
    db.selectFrom('wall_stat').select(['candles', 'souvenirs']).where('id', '=', 1).executeTakeFirst(),
    db
      .selectFrom('candle')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(sql<boolean>`day = ${today}::date`)
      .executeTakeFirst(),
  ]);
  return {
    candlesToday: candles?.n ?? 0,
    candlesSinceTheBeginning: stat?.candles ?? 0,
    souvenirsShared: stat?.souvenirs ?? 0,
  };
}
