import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedOnWall } from '../helpers/contribution-fixtures.ts';
import type { SouvenirSubmission } from '../../src/lib/souvenirs/create-souvenir.ts';
import { RenderCache } from '../../src/lib/wall/render-cache.ts';
import { keptPerGeneration, sharedSidebarReader } from '../../src/lib/wall/shared-reads.ts';
import { contentVersion } from '../../src/lib/wall/content-version.ts';

describeEachDatabase('the wall’s sidebar, read once per change', (t) => {
  const approve = (overrides: Partial<SouvenirSubmission> = {}) => approvedOnWall(t.db, overrides);
  const listening = (cache: RenderCache) => {
    cache.setAccepting(true);
    return cache;
  };

  it('keeps the figures, years, tags and most commented until the next invalidation', async () => {
    const cache = listening(new RenderCache());
    const sidebar = sharedSidebarReader(cache);
    await approve();
    const before = await sidebar(t.db);
    expect(before.figures.souvenirs).toBe(1);
    expect(before.years).toEqual([{ year: 2004, souvenirs: 1 }]);
    expect(before.tags.map((tag) => tag.tag)).toEqual(['jazz']);

    const second = await approve({ memoryYear: 1998, body: 'Une autre soirée. #rock' });
    expect((await sidebar(t.db)).figures.souvenirs).toBe(1);

    cache.invalidateSouvenirs([second.id]);
    const after = await sidebar(t.db);
    expect(after.figures.souvenirs).toBe(2);
    expect(after.years.map((y) => y.year)).toEqual([1998, 2004]);
    expect(after.tags.map((tag) => tag.tag).sort()).toEqual(['jazz', 'rock']);
  });

  it('reads the database every time while the cache keeps nothing', async () => {
    for (const cache of [new RenderCache(), listening(new RenderCache({ maxEntries: 0 }))]) {
      const sidebar = sharedSidebarReader(cache);
      const seen = (await sidebar(t.db)).figures.souvenirs;
      await approve();
      expect((await sidebar(t.db)).figures.souvenirs).toBe(seen + 1);
    }
  });

  it('keeps the content version until the next invalidation, apart for each database handle', async () => {
    const cache = listening(new RenderCache());
    const version = keptPerGeneration(cache, contentVersion);
    const before = await version(t.db);
    const { id } = await approve();
    expect(await contentVersion(t.db)).not.toBe(before);
    expect(await version(t.db)).toBe(before);
    // Another handle (the primary beside a replica) never gets what this one answered.
    expect(await version(t.db.withoutPlugins())).toBe(await contentVersion(t.db));
    cache.invalidateSouvenirs([id]);
    expect(await version(t.db)).toBe(await contentVersion(t.db));
    // Found stale by a render before the invalidation came: forgotten, read again.
    const kept = await version(t.db);
    await approve({ body: 'Encore une soirée dans la salle. #jazz' });
    expect(await version(t.db)).toBe(kept);
    version.forget();
    expect(await version(t.db)).toBe(await contentVersion(t.db));
    expect(await version(t.db)).not.toBe(kept);
  });
});
