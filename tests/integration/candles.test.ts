import { it, expect } from 'vitest';
import { shareSouvenir } from '../helpers/contribution-fixtures.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { CandleError, candleDay, lightCandle } from '../../src/lib/wall/candles.ts';
import { readWallFigures } from '../../src/lib/wall/figures.ts';
import { script } from '../helpers/actors.ts';

describeEachDatabase('candles', (t) => {
  async function souvenir(approve = true) {
    const s = await shareSouvenir(t.db, { authorName: 'A', authorEmail: 'a@example.org', title: null, body: 'Texte.' });
    if (approve) await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    return s;
  }
  const count = async (id: number) =>
    (await t.db.selectFrom('souvenir').select('candle_count').where('id', '=', id).executeTakeFirstOrThrow())
      .candle_count;

  it('lights one candle per visitor per souvenir per day, and says so kindly the second time', async () => {
    const s = await souvenir();
    const now = new Date('2026-11-13T18:00:00Z');
    expect(await lightCandle(t.db, { publicId: s.publicId, ipHash: 'ip-1', now })).toEqual({
      outcome: 'lit',
      count: 1,
    });
    expect(await lightCandle(t.db, { publicId: s.publicId, ipHash: 'ip-1', now })).toEqual({
      outcome: 'already_lit',
      count: 1,
    });
    expect(await lightCandle(t.db, { publicId: s.publicId, ipHash: 'ip-2', now })).toEqual({
      outcome: 'lit',
      count: 2,
    });
    expect(await count(s.id)).toBe(2);
    expect((await readWallFigures(t.db)).candles).toBe(2);
  });

  it('lets the same visitor light a candle for another souvenir, and again the next day', async () => {
    const a = await souvenir();
    const b = await souvenir();
    const day1 = new Date('2026-11-13T12:00:00Z');
    const day2 = new Date('2026-11-14T12:00:00Z');
    await lightCandle(t.db, { publicId: a.publicId, ipHash: 'ip', now: day1 });
    expect((await lightCandle(t.db, { publicId: b.publicId, ipHash: 'ip', now: day1 })).outcome).toBe('lit');
    expect((await lightCandle(t.db, { publicId: a.publicId, ipHash: 'ip', now: day2 })).outcome).toBe('lit');
    expect(await count(a.id)).toBe(2);
    expect((await readWallFigures(t.db)).candles).toBe(3);
  });

  it('counts the day in Paris, not in UTC', async () => {
    expect(candleDay(new Date('2026-11-13T23:30:00Z'))).toBe('2026-11-14');
    expect(candleDay(new Date('2026-07-13T21:30:00Z'))).toBe('2026-07-13');
    const s = await souvenir();
    // 00:30 and 11:00 on 14 November in Paris, two different days in UTC.
    await lightCandle(t.db, { publicId: s.publicId, ipHash: 'ip', now: new Date('2026-11-13T23:30:00Z') });
    expect(
      (await lightCandle(t.db, { publicId: s.publicId, ipHash: 'ip', now: new Date('2026-11-14T10:00:00Z') })).outcome,
    ).toBe('already_lit');
  });

  it('keeps the visitors’ IP hashes no longer than needed', async () => {
    const s = await souvenir();
    await lightCandle(t.db, { publicId: s.publicId, ipHash: 'old', now: new Date('2026-11-01T12:00:00Z') });
    await lightCandle(t.db, { publicId: s.publicId, ipHash: 'new', now: new Date('2026-11-13T12:00:00Z') });
    const rows = await t.db.selectFrom('candle').select('ip_hash').execute();
    expect(rows.map((r) => r.ip_hash)).toEqual(['new']);
    expect(await count(s.id)).toBe(2);
  });

  it('refuses a souvenir that is not on the wall, and counts nothing', async () => {
    const pending = await souvenir(false);
    await expect(lightCandle(t.db, { publicId: pending.publicId, ipHash: 'ip' })).rejects.toBeInstanceOf(CandleError);
    await expect(lightCandle(t.db, { publicId: 'unknown', ipHash: 'ip' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await count(pending.id)).toBe(0);
    expect((await readWallFigures(t.db)).candles).toBe(0);
  });

  it('holds one candle per visitor and day under concurrent requests', async () => {
    const s = await souvenir();
    const now = new Date('2026-11-13T12:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => lightCandle(t.db, { publicId: s.publicId, ipHash: 'same', now })),
    );
    expect(results.filter((r) => r.outcome === 'lit')).toHaveLength(1);
    expect(await count(s.id)).toBe(1);
  });

  it('keeps a souvenir’s candles through trash and restore', async () => {
    const s = await souvenir();
    await lightCandle(t.db, { publicId: s.publicId, ipHash: 'ip' });
    await decideSouvenir(t.db, { id: s.id, decision: 'trash', actor: script });
    await decideSouvenir(t.db, { id: s.id, decision: 'restore', actor: script });
    expect(await count(s.id)).toBe(1);
    expect((await readWallFigures(t.db)).candles).toBe(1);
  });
});
