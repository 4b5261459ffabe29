/** The commemoration's clock: times an organiser types are Paris times, whatever the server's zone. */
export const COMMEMORATION_TIME_ZONE = 'Europe/Paris';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: COMMEMORATION_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Paris's wall-clock reading of `instant`, as if it were UTC (its difference from `instant` is the offset). */
function parisReading(instant: number): number {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** The instant Paris reads `hour:minute:second` on the Paris day `dayOffset` days after `now`'s. */
function parisInstant(now: number, dayOffset: number, hour: number, minute: number, second = 0): number {
  const today = new Date(parisReading(now));
  const wanted = Date.UTC(
    today.getUTCFullYear(),
    today.getUTCMonth(),
    today.getUTCDate() + dayOffset,
    hour,
    minute,
    second,
  );
  // Twice: the first guess may sit on the other side of a change to or from summer time.
  let guess = wanted - (parisReading(wanted) - wanted);
  guess = wanted - (parisReading(guess) - guess);
  return guess;
}

/** A Paris time of day typed by an organiser, "HH:MM" or "HH:MM:SS"; null when it is not one. */
export function parseParisTime(time: string): { hour: number; minute: number; second: number } | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(time);
  if (!match) return null;
  return { hour: Number(match[1]), minute: Number(match[2]), second: Number(match[3] ?? 0) };
}

/** The instant Paris reads `time` on the Paris day `dayOffset` days after `now`'s; null for a malformed time. */
export function parisTimeOn(now: Date, dayOffset: number, time: string): Date | null {
  const t = parseParisTime(time);
  return t && new Date(parisInstant(now.getTime(), dayOffset, t.hour, t.minute, t.second));
}

/** The Paris calendar day of `instant` (month 1–12, day 1–31). */
export function parisDay(instant: Date): { month: number; day: number } {
  const reading = new Date(parisReading(instant.getTime()));
  return { month: reading.getUTCMonth() + 1, day: reading.getUTCDate() };
}

/**
 * The next instant at which Paris reads `time` ("HH:MM" or "HH:MM:SS"): today if still ahead,
 * else tomorrow; null when `time` is not a time of day.
 */
export function nextParisTime(time: string, now: Date): Date | null {
  const today = parisTimeOn(now, 0, time);
  if (!today) return null;
  return today > now ? today : parisTimeOn(now, 1, time);
}
