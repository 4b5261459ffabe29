import { it, expect, beforeAll } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { fakeStatus, LOCAL, useFakeSocial } from '../helpers/fake-social.ts';
import { phoneJpeg } from '../helpers/photo-fixtures.ts';
import { approvedSouvenir } from '../helpers/contribution-fixtures.ts';
import { addImportSource } from '../../src/lib/imports/sources.ts';
import { runDueImports } from '../../src/lib/imports/run.ts';
import { forgetImportedPost, purgeUnconsentedImports, storeImportedPosts } from '../../src/lib/imports/queue.ts';
import {
  attachImportPhotosToSouvenir,
  downloadImage,
  gatherImages,
  photosOfImportItem,
  withImportPhotos,
} from '../../src/lib/imports/images.ts';
import { postFromStatus } from '../../src/lib/imports/mastodon-post.ts';
import { photosOf } from '../../src/lib/photos/shown.ts';
import { MAX_PHOTO_BYTES } from '../../src/lib/photos/process.ts';

const NOW = new Date('2026-12-06T10:00:00Z');

const social = useFakeSocial();
let phone: Buffer;
beforeAll(async () => {
  phone = await phoneJpeg(1200, 800);
  social.media.set('scene.jpg', phone);
  social.media.set('notes.txt', Buffer.from('pas une image'));
  social.media.set('huge.jpg', Buffer.alloc(MAX_PHOTO_BYTES + 1));
});

/** A status with a content warning and four attachments: a picture, a text file, a huge file, a video. */
function statusWithMedia(id: string) {
  return {
    ...fakeStatus(id),
    spoiler_text: 'émotion',
    media_attachments: [
      { type: 'image', url: `${social.origin}/media/scene.jpg`, description: 'La scène, éclairée en bleu' },
      { type: 'image', url: `${social.origin}/media/notes.txt`, description: null },
      { type: 'image', url: `${social.origin}/media/huge.jpg`, description: 'Trop lourde' },
      { type: 'video', url: `${social.origin}/media/scene.jpg`, description: 'Une vidéo' },
    ],
  };
}

it('downloads over https only (a local http server only when allowed), and refuses what is too big', async () => {
  expect(await downloadImage(`${social.origin}/media/scene.jpg`, { allowLocal: false })).toBeNull();
  expect((await downloadImage(`${social.origin}/media/scene.jpg`, LOCAL))?.equals(phone)).toBe(true);
  expect(await downloadImage(`${social.origin}/media/huge.jpg`, LOCAL)).toBeNull();
  expect(await downloadImage(`${social.origin}/media/missing.jpg`, LOCAL)).toBeNull();
  expect(await downloadImage('ftp://files.example/a.jpg', LOCAL)).toBeNull();
  expect(await downloadImage('pas une adresse', LOCAL)).toBeNull();
});

describeEachDatabase('images of gathered posts, through the photo pipeline', (t) => {
  const counts = async () => {
    const photos = await t.db.selectFrom('photo').select('id').execute();
    const variants = await t.db.selectFrom('photo_variant').select('photo_id').execute();
    return { photos: photos.length, variants: variants.length };
  };

  it('re-encodes a post’s pictures with their alt texts, its content warning as their note, none of the remote bytes kept', async () => {
    social.statuses.push(statusWithMedia('201'));
    await addImportSource(t.db, { kind: 'mastodon', url: social.origin }, LOCAL, NOW);
    const [run] = await runDueImports(t.db, { ...LOCAL, now: NOW });
    expect(run!.outcome).toMatchObject({ status: 'ok', items: 1 });
    expect(run!.images).toEqual({ posts: 1, photos: 1, failed: 2 });
    const item = await t.db
      .selectFrom('import_item')
      .select(['id', 'remote_id', 'images_fetched_at'])
      .executeTakeFirstOrThrow();
    expect(item.remote_id).toBe('201');
    expect(item.images_fetched_at).toEqual(NOW);
    const [photo, ...more] = await photosOfImportItem(t.db, item.id);
    expect(more).toEqual([]);
    expect(photo).toMatchObject({ position: 1, altText: 'La scène, éclairée en bleu', contentNote: 'émotion' });
    expect(photo!.thumbnail).toMatch(/^\/photos\/[0-9a-f]{64}\.jpg$/);
    const variants = await t.db.selectFrom('photo_variant').select(['bytes', 'width', 'format']).execute();
    expect(variants.length).toBeGreaterThan(0);
    for (const variant of variants) {
      const bytes = Buffer.from(variant.bytes);
      expect(bytes.equals(phone)).toBe(false);
      expect(bytes.includes('CamCo')).toBe(false);
      expect(bytes.includes('SN-998877')).toBe(false);
    }
    expect(social.seen.filter((line) => line.startsWith('GET /media/'))).toEqual([
      'GET /media/scene.jpg',
      'GET /media/notes.txt',
      'GET /media/huge.jpg',
    ]);
    // Nothing of a gathered post reaches a souvenir's photos.
    expect((await photosOf(t.db, [item.id])).size).toBe(0);
    expect((await withImportPhotos(t.db, [{ id: item.id }]))[0]!.photos).toHaveLength(1);
  });

  it('fetches again only what an edit changed, replacing the old photos', async () => {
    const source = await addImportSource(t.db, { kind: 'mastodon', url: social.origin }, LOCAL, NOW);
    const first = postFromStatus(statusWithMedia('202'), 'social.test');
    if (typeof first === 'string') throw new Error(first);
    await storeImportedPosts(t.db, source, 'mastodon', [first], NOW);
    expect(await gatherImages(t.db, source, { policy: LOCAL, now: NOW })).toEqual({ posts: 1, photos: 1, failed: 2 });
    expect(await gatherImages(t.db, source, { policy: LOCAL, now: NOW })).toEqual({ posts: 0, photos: 0, failed: 0 });
    const before = await counts();
    // The same version seen again changes nothing; an edit that keeps the media keeps the photos.
    await storeImportedPosts(t.db, source, 'mastodon', [{ ...first, editedAt: new Date('2026-12-06T10:05:00Z') }], NOW);
    expect(await gatherImages(t.db, source, { policy: LOCAL, now: NOW })).toMatchObject({ posts: 0 });
    const edited = {
      ...first,
      editedAt: new Date('2026-12-06T10:10:00Z'),
      media: [{ type: 'image', description: 'Autre légende', remoteUrl: `${social.origin}/media/scene.jpg` }],
    };
    await storeImportedPosts(t.db, source, 'mastodon', [edited], NOW);
    expect(await gatherImages(t.db, source, { policy: LOCAL, now: NOW })).toEqual({ posts: 1, photos: 1, failed: 0 });
    expect(await counts()).toEqual(before);
    const item = await t.db.selectFrom('import_item').select('id').executeTakeFirstOrThrow();
    expect((await photosOfImportItem(t.db, item.id)).map((p) => p.altText)).toEqual(['Autre légende']);
  });

  it('deletes the photos and every variant with the post: forgotten, purged, or its source removed', async () => {
    const source = await addImportSource(t.db, { kind: 'mastodon', url: social.origin }, LOCAL, NOW);
    const posts = ['203', '204'].map((id) => postFromStatus(statusWithMedia(id), 'social.test'));
    await storeImportedPosts(
      t.db,
      source,
      'mastodon',
      posts.filter((p) => typeof p !== 'string'),
      NOW,
    );
    await gatherImages(t.db, source, { policy: LOCAL, now: NOW });
    const one = await counts();
    expect(one.photos).toBe(2);
    const [first] = await t.db.selectFrom('import_item').select('id').orderBy('id').execute();
    expect(await forgetImportedPost(t.db, first!.id)).toBe(true);
    expect(await counts()).toEqual({ photos: 1, variants: one.variants / 2 });
    expect(await purgeUnconsentedImports(t.db, new Date(NOW.getTime() + 31 * 86_400_000))).toBe(1);
    expect(await counts()).toEqual({ photos: 0, variants: 0 });
  });

  it('moves a consented post’s photos to the souvenir it became, so they are shown and withdrawn with it', async () => {
    const source = await addImportSource(t.db, { kind: 'mastodon', url: social.origin }, LOCAL, NOW);
    const post = postFromStatus(statusWithMedia('205'), 'social.test');
    if (typeof post === 'string') throw new Error(post);
    await storeImportedPosts(t.db, source, 'mastodon', [post], NOW);
    await gatherImages(t.db, source, { policy: LOCAL, now: NOW });
    const item = await t.db.selectFrom('import_item').select('id').executeTakeFirstOrThrow();
    const souvenir = await approvedSouvenir(t.db, { title: 'Importé' });
    const moved = await t.db.transaction().execute((trx) => attachImportPhotosToSouvenir(trx, item.id, souvenir.id));
    expect(moved).toBe(1);
    expect(await photosOfImportItem(t.db, item.id)).toEqual([]);
    const shown = (await photosOf(t.db, [souvenir.id])).get(souvenir.id)!;
    expect(shown.map((p) => [p.altText, p.contentNote])).toEqual([['La scène, éclairée en bleu', 'émotion']]);
    // The post's deletion no longer touches them: they are the souvenir's now.
    await forgetImportedPost(t.db, item.id);
    expect((await counts()).photos).toBe(1);
  });
});
