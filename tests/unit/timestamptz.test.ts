import { describe, it, expect } from 'vitest';
import pg from 'pg';
import { PG_TYPES, parseTimestamptz } from '../../db/timestamptz.ts';

const library = pg.types.getTypeParser(1184, 'text') as (text: string) => Date | number | null;

/** The same instant, or the same non-date (an infinity), as pg's own parser gives. */
function expectSameAsLibrary(text: string) {
  const ours = parseTimestamptz(text);
  const theirs = library(text);
  if (theirs instanceof Date) {
    expect(ours, text).toBeInstanceOf(Date);
    expect((ours as Date).getTime(), text).toBe(theirs.getTime());
  } else expect(ours, text).toEqual(theirs);
}

describe('parseTimestamptz', () => {
  it('reads what PostgreSQL writes in its ISO style to the instant pg reads, over years, fractions and offsets', () => {
    let seed = 20151113;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const two = (n: number) => String(n).padStart(2, '0');
    for (let i = 0; i < 5_000; i++) {
      const fraction = random(8);
      const text =
        `${1000 + random(9000)}-${two(1 + random(12))}-${two(1 + random(28))} ` +
        `${two(random(24))}:${two(random(60))}:${two(random(60))}` +
        (fraction > 0 && fraction <= 6 ? `.${String(random(10 ** fraction)).padStart(fraction, '0')}` : '') +
        `${random(2) ? '+' : '-'}${two(random(15))}` +
        (random(3) === 0 ? `:${two([0, 15, 30, 45][random(4)]!)}` : '');
      expectSameAsLibrary(text);
    }
  });

  it('gives every other form to pg: BC, infinities, early years, offsets with seconds, other styles', () => {
    for (const text of [
      'infinity',
      '-infinity',
      '0044-03-15 12:00:00+00 BC',
      '0099-01-01 00:00:00+00',
      '0999-12-31 23:59:59.999+00',
      '1900-01-01 00:00:00+00:09:21',
      '2026-12-07T16:44:41+00',
      '2026-12-07 16:44:41',
      '2026-12-07 16:44:41.+00',
      '2026-12-07 16:44:41.1234567+00',
      '12026-12-07 16:44:41+00',
    ])
      expectSameAsLibrary(text);
  });

  it('is the parser a pool gets for timestamptz in text, and only for it', () => {
    expect(PG_TYPES.getTypeParser(1184, 'text')).toBe(parseTimestamptz);
    expect(PG_TYPES.getTypeParser(1184)).toBe(parseTimestamptz);
    expect(PG_TYPES.getTypeParser(1114, 'text')).toBe(pg.types.getTypeParser(1114, 'text'));
    expect(PG_TYPES.getTypeParser(1184, 'binary')).toBe(pg.types.getTypeParser(1184, 'binary'));
  });
});
