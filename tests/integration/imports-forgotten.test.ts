import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { forgetPostForGood, forgottenAmong, forgottenKey } from '../../src/lib/imports/forgotten.ts';
import { forgetImportedPost, purgeUnconsentedImports, storeImportedPosts } from '../../src/lib/imports/queue.ts';
import type { ImportedPost } from '../../src/lib/imports/mastodon-post.ts';

const NOW = new Date('2026-12-06T10:00:00Z');

function post(id: string): ImportedPost {
  return {
    remoteUri: `https://social.test/users/ana/statuses/${id}`,
    remoteId: id,
    url: `https://social.test/@ana/${id}`,
    accountHandle: '@ana@social.test',
    accountName: 'Ana',
    accountUrl: 'https://social.test/@ana',
    bodyHtml: '<p>Le concert, ce soir-là, la salle entière chantait.</p>',
    contentNote: null,
    media: [],
    language: 'fr',
    postedAt: new Date('2026-11-13T20:30:00Z'),
    editedAt: null,
  };
}

it('keeps a forgotten address only as its SHA-256', () => {
  const key = forgottenKey('https://social.test/users/ana/statuses/1');
  expect(key).toMatch(/^[0-9a-f]{64}$/);
  expect(key).toBe(forgottenKey('https://social.test/users/ana/statuses/1'));
  expect(key).not.toBe(forgottenKey('https://social.test/users/ana/statuses/2'));
});

describeEachDatabase('posts forgotten for good', (t) => {
  async function source(): Promise<number> {
    const row = await t.db
      .insertInto('import_source')
      .values({ kind: 'mastodon', base_url: 'https://social.test', hashtags: ['MonPlusBeauSouvenirDuBataclan'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  const itemIdOf = async (id: string) =>
    (
      await t.db
        .selectFrom('import_item')
        .select('id')
        .where('remote_uri', '=', post(id).remoteUri)
        .executeTakeFirstOrThrow()
    ).id;

  it('never gathers again a post a moderator deleted, and keeps nothing readable of it', async () => {
    const sourceId = await source();
    expect(await storeImportedPosts(t.db, sourceId, 'mastodon', [post('1'), post('2')], NOW)).toBe(2);
    expect(await forgetImportedPost(t.db, await itemIdOf('1'), NOW)).toBe(true);
    expect(await forgetImportedPost(t.db, 999_999, NOW)).toBe(false);

    // Read again (an edit, a boost, a new source): the forgotten one stays out, the other folds.
    const edited = { ...post('1'), editedAt: new Date('2026-11-14T08:00:00Z') };
    expect(await storeImportedPosts(t.db, sourceId, 'mastodon', [edited, post('2'), post('3')], NOW)).toBe(1);
    const kept = await t.db.selectFrom('import_item').select('remote_uri').orderBy('remote_uri').execute();
    expect(kept.map((row) => row.remote_uri)).toEqual([post('2').remoteUri, post('3').remoteUri]);

    const stored = await t.db.selectFrom('import_forgotten').selectAll().execute();
    expect(stored).toEqual([
      { remote_uri_sha256: forgottenKey(post('1').remoteUri), reason: 'moderator', forgotten_at: NOW },
    ]);
    expect(JSON.stringify(stored)).not.toContain('social.test');
  });

  it('tells which addresses are forgotten, and forgets each post once whatever the reason', async () => {
    const sourceId = await source();
    await storeImportedPosts(t.db, sourceId, 'mastodon', [post('1'), post('2')], NOW);
    const first = await itemIdOf('1');
    expect(await t.db.transaction().execute((trx) => forgetPostForGood(trx, first, 'declined', NOW))).toBe(true);
    expect(await t.db.transaction().execute((trx) => forgetPostForGood(trx, first, 'withdrawn', NOW))).toBe(false);
    expect(await forgottenAmong(t.db, [post('1').remoteUri, post('2').remoteUri])).toEqual(
      new Set([post('1').remoteUri]),
    );
    expect(await forgottenAmong(t.db, [])).toEqual(new Set());
    expect(await t.db.selectFrom('import_forgotten').select('reason').execute()).toEqual([{ reason: 'declined' }]);
  });

  it('lets the 30-day purge forget a post without barring it: nobody refused it', async () => {
    const sourceId = await source();
    await storeImportedPosts(t.db, sourceId, 'mastodon', [post('1')], NOW);
    const later = new Date(NOW.getTime() + 31 * 86_400_000);
    expect(await purgeUnconsentedImports(t.db, later)).toBe(1);
    expect(await storeImportedPosts(t.db, sourceId, 'mastodon', [post('1')], later)).toBe(1);
  });
});
