import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import type { SouvenirSubmission } from '../../src/lib/souvenirs/create-souvenir.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { RenderCache } from '../../src/lib/wall/render-cache.ts';
import { sharedSidebarReader } from '../../src/lib/wall/shared-reads.ts';

const script = { id: null, label: 'script' };
const submission = (overrides: Partial<SouvenirSubmission> = {}): SouvenirSubmission => ({
  authorName: 'Camille',
  authorEmail: 'camille@example.org',
  title: null,
  body: 'Un soir de concert. #jazz',
  memoryYear: 2004,
  event: null,
  locale: 'fr',
  ...overrides,
});

describeEachDatabase('the wall’s sidebar, read once per change', (t) => {
  const approve = async (overrides: Partial<SouvenirSubmission> = {}) => {
    const s = await createSouvenir(t.db, submission(overrides), { ipHash: null });
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    return s;
  };
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
});
