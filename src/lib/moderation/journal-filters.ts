import { TIME_ZONE } from '../i18n/index.ts';
import { decodeKeysetCursor } from '../pagination/keyset-cursor.ts';
import { JOURNAL_ACTIONS } from './journal.ts';
import type { JournalQuery } from './journal.ts';

/** The journal's query string, as the filter form writes it (French names, like the wall's `avant`). */
export interface JournalFilterValues {
  moderateur: string;
  action: string;
  du: string;
  au: string;
}

export interface ParsedJournalFilters {
  query: JournalQuery;
  /** What to put back in the form: only values we understood. */
  values: JournalFilterValues;
  /** Names of the fields whose value was ignored. */
  ignored: (keyof JournalFilterValues | 'curseur')[];
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a calendar day (`YYYY-MM-DD`) begins in the site's time zone, `days` later, or
 * null for anything else. Paris changes clocks at 02:00/03:00, so midnight always exists once.
 */
export function dayStart(value: string, days = 0): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utcMidnight = Date.UTC(year, month - 1, day + days);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || year < 2000 || year > 9999) return null;
  const guess = utcMidnight - zoneOffset(utcMidnight, TIME_ZONE);
  return new Date(utcMidnight - zoneOffset(guess, TIME_ZONE));
}

/** Reads the journal's filters; a value we do not understand is dropped and named, never an error page. */
export function parseJournalFilters(params: URLSearchParams): ParsedJournalFilters {
  const values: JournalFilterValues = { moderateur: '', action: '', du: '', au: '' };
  const ignored: ParsedJournalFilters['ignored'] = [];
  const query: JournalQuery = {};

  const actor = params.get('moderateur')?.trim() ?? '';
  if (actor) {
    const id = /^\d{1,10}$/.test(actor) ? Number(actor) : NaN;
    if (Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647) {
      query.actorId = id;
      values.moderateur = actor;
    } else ignored.push('moderateur');
  }
  const action = params.get('action')?.trim() ?? '';
  if (action) {
    if (JOURNAL_ACTIONS.includes(action)) {
      query.action = action;
      values.action = action;
    } else ignored.push('action');
  }
  for (const [field, bound, days] of [
    ['du', 'from', 0],
    ['au', 'to', 1],
  ] as const) {
    const raw = params.get(field)?.trim() ?? '';
    if (!raw) continue;
    const instant = dayStart(raw, days);
    if (instant) {
      query[bound] = instant;
      values[field] = raw;
    } else ignored.push(field);
  }
  const cursor = params.get('curseur');
  if (cursor) {
    query.cursor = decodeKeysetCursor(cursor);
    if (!query.cursor) ignored.push('curseur');
  }
  return { query, values, ignored };
}
