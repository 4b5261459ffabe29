/**
 * Dates read back as the instants written, whatever the session's time zone (db/timestamptz.ts
 * reads PostgreSQL's text; PGlite keeps its own parser, held to the same here).
 */
import { it, expect } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase } from '../helpers/databases.ts';

describeEachDatabase('timestamptz read back', (t) => {
  it('gives the instant written, in UTC and in zones with hour, half-hour and quarter-hour offsets', async () => {
    const written = [
      new Date('2015-11-13T20:40:00.000Z'),
      new Date('2026-12-07T16:44:41.123Z'),
      new Date('1995-06-30T23:59:59.999Z'),
      new Date('2026-03-29T01:30:00.500Z'),
    ];
    for (const zone of ['UTC', 'Europe/Paris', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns']) {
      const read = await t.db.transaction().execute(async (trx) => {
        await sql`select set_config('TimeZone', ${zone}, true)`.execute(trx);
        const rows = await sql<{ at: Date; text: string }>`
          select at, at::text as text from unnest(${written.map((d) => d.toISOString())}::timestamptz[]) with ordinality as w(at, n)
          order by n`.execute(trx);
        return rows.rows;
      });
      expect(
        read.map((row) => row.at.toISOString()),
        `${zone}: ${read.map((row) => row.text).join(', ')}`,
      ).toEqual(written.map((d) => d.toISOString()));
    }
  });
});
