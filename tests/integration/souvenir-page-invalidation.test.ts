import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { cacheablePage, eventually, wallListener } from '../helpers/wall-cache.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import { decideComment, decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { editContribution } from '../../src/lib/contributions/edit.ts';
import { RenderCache } from '../../src/lib/wall/render-cache.ts';
import { connectCacheToNotifications } from '../../src/lib/wall/invalidation.ts';
import { contentVersion } from '../../src/lib/wall/content-version.ts';
import { script } from '../helpers/actors.ts';

const page = (souvenirId: number | null) => cacheablePage('<p>page</p>', souvenirId);

describeEachDatabase('souvenir pages in the render cache', (t) => {
  const listen = wallListener(t);

  async function connectedCache(): Promise<RenderCache> {
    const cache = new RenderCache();
    connectCacheToNotifications(cache, await listen());
    return cache;
  }

  async function approvedSouvenir(title: string) {
    const created = await createSouvenir(
      t.db,
      {
        authorName: 'Léa',
        authorEmail: 'lea@example.org',
        title,
        body: 'Un soir de concert.',
        memoryYear: null,
        event: null,
        locale: 'fr',
      },
      { ipHash: 'ip-hash' },
    );
    await decideSouvenir(t.db, { id: created.id, decision: 'approve', actor: script });
    return created;
  }

  it("redraws a souvenir's page when a comment on it is approved or edited, and keeps the others'", async () => {
    const shown = await approvedSouvenir('La salle');
    const other = await approvedSouvenir('Le balcon');
    const cache = await connectedCache();
    const fill = () => {
      cache.store('shown', page(shown.id), cache.generation);
      cache.store('other', page(other.id), cache.generation);
      cache.store('wall', page(null), cache.generation);
    };
    const comment = await createComment(
      t.db,
      {
        souvenirId: shown.id,
        parentId: null,
        authorName: 'Karim',
        authorEmail: 'karim@example.org',
        authorWebsite: null,
        body: 'J’y étais.',
        locale: 'fr',
      },
      { ipHash: 'ip-karim', status: 'pending' },
    );
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['approve', () => decideComment(t.db, { id: comment.id, decision: 'approve', actor: script })],
      [
        'edit',
        () => editContribution(t.db, 'comment', { id: comment.id, actor: script, body: 'J’y étais, au balcon.' }),
      ],
      [
        'souvenir edit',
        () => editContribution(t.db, 'souvenir', { id: shown.id, actor: script, title: 'La salle', body: 'Corrigé.' }),
      ],
    ];
    for (const [name, step] of steps) {
      fill();
      const version = await contentVersion(t.db);
      await step();
      await eventually(() => cache.lookup('shown') === undefined, `${name} drops the page`);
      expect(cache.lookup('wall'), name).toBeUndefined();
      expect(cache.lookup('other'), name).toBeDefined();
      // The page's ETag comes from this version: it must move with what the page shows.
      expect(await contentVersion(t.db), name).not.toBe(version);
    }
  });
});
