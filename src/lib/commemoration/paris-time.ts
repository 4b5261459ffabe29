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

/** The instant Paris reads `hour:minute` on the Paris day `dayOffset` days after `now`'s. */
function parisInstant(now: number, dayOffset: number, hour: number, minute: number): number {
  const today = new Date(parisReading(now));
  const wanted = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + dayOffset, hour, minute);
  // Twice: the first guess may sit on the other side of a change to or from summer time.
  let guess = wanted - (parisReading(wanted) - wanted);
  guess = wanted - (parisReading(guess) - guess);
  return guess;
}

/**
 * The next instant at which Paris reads `time` ("HH:MM"): today if still ahead, else tomorrow;
 * null when `time` is not a time of day.
 */
export function nextParisTime(time: string, now: Date): Date | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  const today = parisInstant(now.getTime(), 0, hour, minute);
  return new Date(today > now.getTime() ? today : parisInstant(now.getTime(), 1, hour, minute));
}
