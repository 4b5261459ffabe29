import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { hitRateLimit, purgeRateLimits } from '../../src/lib/security/rate-limit.ts';

describeEachDatabase('rate limits', (t) => {
  const budget = { limit: 3, windowSeconds: 60 };
  const at = (iso: string) => new Date(iso);

  it('allows the budget, then refuses with the seconds until the window ends', async () => {
    for (let i = 0; i < 3; i++) {
      expect(await hitRateLimit(t.db, 'share', 'ip-a', budget, at('2026-11-13T20:00:10Z'))).toEqual({
        allowed: true,
        retryAfterSeconds: 0,
      });
    }
    expect(await hitRateLimit(t.db, 'share', 'ip-a', budget, at('2026-11-13T20:00:15Z'))).toEqual({
      allowed: false,
      retryAfterSeconds: 45,
    });
  });

  it('keeps separate budgets per key and per action, and opens a new window', async () => {
    for (let i = 0; i < 4; i++) await hitRateLimit(t.db, 'share', 'ip-a', budget, at('2026-11-13T20:00:10Z'));
    expect((await hitRateLimit(t.db, 'share', 'ip-b', budget, at('2026-11-13T20:00:10Z'))).allowed).toBe(true);
    expect((await hitRateLimit(t.db, 'comment', 'ip-a', budget, at('2026-11-13T20:00:10Z'))).allowed).toBe(true);
    expect((await hitRateLimit(t.db, 'share', 'ip-a', budget, at('2026-11-13T20:01:00Z'))).allowed).toBe(true);
  });

  it('counts concurrent hits exactly', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        hitRateLimit(t.db, 'candle', 'ip-c', { limit: 4, windowSeconds: 3600 }, at('2026-11-13T20:00:00Z')),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(4);
  });

  it('lets anything through when there is no key or no limit', async () => {
    expect((await hitRateLimit(t.db, 'share', null, budget)).allowed).toBe(true);
    expect((await hitRateLimit(t.db, 'share', 'ip', { limit: 0, windowSeconds: 60 })).allowed).toBe(true);
  });

  it('purges old windows', async () => {
    await hitRateLimit(t.db, 'share', 'ip-old', budget, at('2026-11-01T00:00:00Z'));
    await hitRateLimit(t.db, 'share', 'ip-new', budget, at('2026-11-13T00:00:00Z'));
    expect(await purgeRateLimits(t.db, at('2026-11-13T01:00:00Z'))).toBe(1);
  });
});
