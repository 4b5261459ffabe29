import { it, expect, beforeAll } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir, publishedSouvenir, sentAt } from '../helpers/contribution-fixtures.ts';
import { phoneJpeg, picture } from '../helpers/photo-fixtures.ts';
import { processPhoto } from '../../src/lib/photos/process.ts';
import type { ProcessedPhoto } from '../../src/lib/photos/process.ts';
import {
  attachStagedPhotos,
  forgetExpiredUploads,
  stagedPhotos,
  stagePhotos,
  unstagePhotos,
} from '../../src/lib/photos/staging.ts';
import { readVariant } from '../../src/lib/photos/variants.ts';
import { photosOf, photoRowsColumn, shownPhotos } from '../../src/lib/photos/shown.ts';
import { describePhoto, removePhoto, PhotoEditError } from '../../src/lib/photos/manage.ts';
import { eraseContribution } from '../../src/lib/contributions/erase.ts';
import { withPhotos, sharedPhoto } from '../../src/lib/photos/shown.ts';
import { keptPhotos } from '../../src/lib/photos/kept.ts';
import { removePhotoByAuthor } from '../../src/lib/photos/author-removal.ts';
import { AuthorLinkError } from '../../src/lib/contributions/author-link.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { feedSouvenirs, jsonFeed, rssOptions } from '../../src/lib/wall/feeds.ts';
import { exportedSouvenirs } from '../../src/lib/export/records.ts';
import { pinnedSouvenirs, wallPage } from '../../src/lib/souvenirs/wall.ts';
import { screenEventsFor } from '../../src/lib/wall/screen-feed.ts';

let landscape: ProcessedPhoto;
let phone: ProcessedPhoto;
beforeAll(async () => {
  landscape = await processPhoto(await picture('png', 2000, 1000));
  phone = await processPhoto(await phoneJpeg());
});

const moderator = { id: null, label: 'modératrice' };
const caption = (position: number, altText = `Photo ${position}`) => ({ position, altText, contentNote: null });

describeEachDatabase('photos of souvenirs', (t) => {
  async function rows() {
    const photo = await t.db
      .selectFrom('photo')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const variant = await t.db
      .selectFrom('photo_variant')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { photos: Number(photo.n), variants: Number(variant.n) };
  }

  async function souvenirWithPhotos(count = 2) {
    const souvenir = await approvedSouvenir(t.db, { title: `Avec ${count} photos` });
    const token = await stagePhotos(
      t.db,
      null,
      [landscape, phone].slice(0, count).map((photo, i) => ({ position: i + 1, photo })),
    );
    await attachStagedPhotos(t.db, token, souvenir.id, [caption(1), caption(2)].slice(0, count));
    return souvenir;
  }

  it('serves the bytes of a variant by the hash of its bytes, as the type its name says', async () => {
    const token = await stagePhotos(t.db, null, [{ position: 1, photo: phone }]);
    const staged = await stagedPhotos(t.db, token);
    expect(staged).toEqual([
      {
        id: expect.any(Number),
        position: 1,
        width: 1200,
        height: 800,
        thumbnail: expect.stringMatching(/^[0-9a-f]{64}\.jpg$/),
      },
    ]);
    for (const variant of phone.variants) {
      const extension = variant.format === 'jpeg' ? 'jpg' : 'webp';
      const served = await readVariant(t.db, `${variant.hash}.${extension}`);
      expect(served?.contentType).toBe(variant.format === 'jpeg' ? 'image/jpeg' : 'image/webp');
      expect(Buffer.isBuffer(served?.bytes)).toBe(true);
      expect(served?.bytes.equals(variant.bytes)).toBe(true);
      // The same bytes under the other extension: not answered, never a JPEG labelled WebP.
      expect(await readVariant(t.db, `${variant.hash}.${extension === 'jpg' ? 'webp' : 'jpg'}`)).toBeNull();
    }
    expect(await readVariant(t.db, '../../etc/passwd')).toBeNull();
    expect(await readVariant(t.db, `${'0'.repeat(64)}.jpg`)).toBeNull();
  });

  it("gives a wall page and a souvenir's page the photos photosOf reads, in their own query (photoRowsColumn, shownPhotos)", async () => {
    const withTwo = await souvenirWithPhotos(2);
    const without = await approvedSouvenir(t.db, { title: 'Sans photo' });
    const page = await wallPage(t.db, { excludePinned: true });
    const byId = new Map(page.souvenirs.map((s) => [s.id, s.photos]));
    expect(byId.get(withTwo.id)).toEqual((await photosOf(t.db, [withTwo.id])).get(withTwo.id));
    expect(byId.get(withTwo.id)).toHaveLength(2);
    expect(byId.get(without.id)).toEqual([]);
    expect((await publishedSouvenir(t.db, withTwo.publicId))!.photos).toEqual(byId.get(withTwo.id));
    expect((await publishedSouvenir(t.db, without.publicId))!.photos).toEqual([]);
    await t.db.updateTable('souvenir').set({ pinned: true }).where('id', '=', withTwo.id).execute();
    expect((await pinnedSouvenirs(t.db)).map((s) => s.photos)).toEqual([byId.get(withTwo.id)]);
    const tagged = await t.db
      .selectFrom('souvenir')
      .select(['id', photoRowsColumn('souvenir.id')])
      .where('id', '=', withTwo.id)
      .executeTakeFirstOrThrow();
    expect(shownPhotos(tagged.photo_rows)).toEqual(byId.get(withTwo.id));
  });

  it('shows attached photos in order, with srcset, size and alternative text', async () => {
    const souvenir = await souvenirWithPhotos();
    const shown = (await photosOf(t.db, [souvenir.id])).get(souvenir.id)!;
    expect(shown.map((p) => [p.position, p.altText, p.width, p.height])).toEqual([
      [1, 'Photo 1', 1600, 800],
      [2, 'Photo 2', 1200, 800],
    ]);
    expect(shown[0]!.webpSrcset).toMatch(
      /^\/photos\/[0-9a-f]{64}\.webp 480w, \/photos\/[0-9a-f]{64}\.webp 960w, \/photos\/[0-9a-f]{64}\.webp 1600w$/,
    );
    expect(shown[0]!.src).toMatch(/^\/photos\/[0-9a-f]{64}\.jpg$/);
    expect(await photosOf(t.db, [])).toEqual(new Map());
  });

  it('keeps an upload under its token while the form is corrected, replacing a position sent again', async () => {
    const token = await stagePhotos(t.db, null, [
      { position: 1, photo: landscape },
      { position: 2, photo: phone },
    ]);
    expect(await stagePhotos(t.db, token, [{ position: 2, photo: landscape }])).toBe(token);
    expect((await stagedPhotos(t.db, token)).map((p) => [p.position, p.width])).toEqual([
      [1, 1600],
      [2, 1600],
    ]);
    await unstagePhotos(t.db, token, [1]);
    expect((await stagedPhotos(t.db, token)).map((p) => p.position)).toEqual([2]);
    expect(await stagedPhotos(t.db, 'not-a-token')).toEqual([]);
  });

  it('forgets an upload an hour later, variants included', async () => {
    const then = new Date('2026-12-01T10:00:00Z');
    const token = await stagePhotos(t.db, null, [{ position: 1, photo: phone }], then);
    const later = new Date('2026-12-01T11:01:00Z');
    expect(await stagedPhotos(t.db, token, later)).toEqual([]);
    expect(await forgetExpiredUploads(t.db, then)).toBe(0);
    expect(await forgetExpiredUploads(t.db, later)).toBe(1);
    expect(await rows()).toEqual({ photos: 0, variants: 0 });
    expect(await attachStagedPhotos(t.db, token, (await sentAt(t.db, 1)).id, [caption(1)], later)).toBe(0);
  });

  it('drops a staged photo the form gave no caption', async () => {
    const souvenir = await sentAt(t.db, 2);
    const token = await stagePhotos(t.db, null, [
      { position: 1, photo: phone },
      { position: 3, photo: landscape },
    ]);
    expect(await attachStagedPhotos(t.db, token, souvenir.id, [caption(3, 'La scène')])).toBe(1);
    expect(await rows()).toEqual({ photos: 1, variants: 6 });
  });

  it('a moderator removes one photo and edits the text of another; no variant of the removed one survives', async () => {
    const souvenir = await souvenirWithPhotos();
    const [first, second] = (await photosOf(t.db, [souvenir.id])).get(souvenir.id)!;
    await removePhoto(t.db, souvenir.id, first!.id, moderator);
    await describePhoto(
      t.db,
      souvenir.id,
      second!.id,
      { altText: 'La foule devant la scène', contentNote: 'Foule dense' },
      moderator,
    );
    const shown = (await photosOf(t.db, [souvenir.id])).get(souvenir.id)!;
    expect(shown.map((p) => [p.altText, p.contentNote])).toEqual([['La foule devant la scène', 'Foule dense']]);
    expect(await rows()).toEqual({ photos: 1, variants: 6 });
    const journal = await t.db
      .selectFrom('moderation_event')
      .select(['action', 'actor_label', 'target_id'])
      .where('action', 'like', 'photo.%')
      .orderBy('id')
      .execute();
    expect(journal).toEqual([
      { action: 'photo.remove', actor_label: 'modératrice', target_id: souvenir.id },
      { action: 'photo.describe', actor_label: 'modératrice', target_id: souvenir.id },
    ]);
    await expect(removePhoto(t.db, souvenir.id, first!.id, moderator)).rejects.toBeInstanceOf(PhotoEditError);
    const other = await sentAt(t.db, 3);
    await expect(removePhoto(t.db, other.id, second!.id, moderator)).rejects.toBeInstanceOf(PhotoEditError);
  });

  it('withdrawal or erasure deletes the photos and their bytes: no orphan variant', async () => {
    const souvenir = await souvenirWithPhotos();
    expect(await rows()).toEqual({ photos: 2, variants: 12 });
    await t.db.transaction().execute((trx) =>
      eraseContribution(trx, 'souvenir', souvenir.id, {
        actor: { id: null, label: 'author' },
        action: 'withdraw',
        now: new Date(),
      }),
    );
    expect(await rows()).toEqual({ photos: 0, variants: 0 });
    const orphans = await sql<{
      n: number;
    }>`select count(*)::int as n from photo_variant v where not exists (select 1 from photo p where p.id = v.photo_id)`.execute(
      t.db,
    );
    expect(orphans.rows[0]!.n).toBe(0);
  });

  it('a souvenir deleted for good takes its photos with it', async () => {
    const souvenir = await souvenirWithPhotos(1);
    await t.db.deleteFrom('comment').where('souvenir_id', '=', souvenir.id).execute();
    await t.db.deleteFrom('souvenir').where('id', '=', souvenir.id).execute();
    expect(await rows()).toEqual({ photos: 0, variants: 0 });
  });

  it('gives every souvenir its photos, an empty list when it has none', async () => {
    const withTwo = await souvenirWithPhotos();
    const without = await approvedSouvenir(t.db, { title: 'Sans photo' });
    const [a, b] = await withPhotos(t.db, [{ id: withTwo.id }, { id: without.id }]);
    expect(a!.photos).toHaveLength(2);
    expect(b!.photos).toEqual([]);
    expect((await publishedSouvenir(t.db, withTwo.publicId))!.photos).toHaveLength(2);
  });

  it('shows a refused form its kept photos, less the ones ticked for removal', async () => {
    const token = await stagePhotos(t.db, null, [
      { position: 1, photo: phone },
      { position: 2, photo: landscape },
    ]);
    const values = { photoUpload: token, photoRemove1: 'on', photoAlt1: 'Effacé', photoAlt2: 'Gardé' };
    expect((await keptPhotos(t.db, values)).map((p) => p.position)).toEqual([2]);
    expect(values).toEqual({ photoUpload: token, photoRemove1: 'on', photoAlt2: 'Gardé' });
    expect(await keptPhotos(t.db, {})).toEqual([]);
  });

  it('lets the author remove a photo while the souvenir is pending, and only then', async () => {
    const souvenir = await sentAt(t.db, 4);
    const token = await stagePhotos(t.db, null, [
      { position: 1, photo: phone },
      { position: 2, photo: landscape },
    ]);
    await attachStagedPhotos(t.db, token, souvenir.id, [caption(1), caption(2)]);
    const [first, second] = (await photosOf(t.db, [souvenir.id])).get(souvenir.id)!;
    await removePhotoByAuthor(t.db, souvenir.token, first!.id);
    expect(await rows()).toEqual({ photos: 1, variants: 6 });
    await expect(removePhotoByAuthor(t.db, 'x'.repeat(32), second!.id)).rejects.toBeInstanceOf(AuthorLinkError);
    await decideSouvenir(t.db, { id: souvenir.id, decision: 'approve', actor: { id: null, label: 'script' } });
    await expect(removePhotoByAuthor(t.db, souvenir.token, second!.id)).rejects.toMatchObject({ code: 'not_pending' });
  });

  it('puts the first photo without a content note in the feeds and every photo in the export', async () => {
    const souvenir = await approvedSouvenir(t.db, { title: 'Pour les flux' });
    const token = await stagePhotos(t.db, null, [
      { position: 1, photo: phone },
      { position: 2, photo: landscape },
    ]);
    await attachStagedPhotos(t.db, token, souvenir.id, [
      { position: 1, altText: 'La foule', contentNote: 'Foule dense' },
      caption(2, 'La scène'),
    ]);
    const souvenirs = await feedSouvenirs(t.db);
    const shown = sharedPhoto(souvenirs[0]!.photos)!;
    expect(shown.altText).toBe('La scène');
    const rss = rssOptions(souvenirs, 'https://mur.example');
    expect(rss.items).toMatchObject([
      { enclosure: { url: `https://mur.example${shown.src}`, length: shown.srcBytes, type: 'image/jpeg' } },
    ]);
    const variant = await readVariant(t.db, shown.src.slice('/photos/'.length));
    expect(variant!.bytes.length).toBe(shown.srcBytes);
    expect(jsonFeed(souvenirs, 'https://mur.example').items[0]).toMatchObject({
      image: `https://mur.example${shown.src}`,
    });
    const exported = [];
    for await (const record of exportedSouvenirs(t.db)) exported.push(record);
    expect(exported[0]!.photos).toEqual([
      {
        url: expect.stringMatching(/^\/photos\/[0-9a-f]{64}\.jpg$/),
        alt_text: 'La foule',
        content_note: 'Foule dense',
        width: 1200,
        height: 800,
      },
      {
        url: expect.stringMatching(/^\/photos\/[0-9a-f]{64}\.jpg$/),
        alt_text: 'La scène',
        content_note: null,
        width: 1600,
        height: 800,
      },
    ]);
  });

  it('sends a live screen the first photo without a content note, with its size and text', async () => {
    const souvenir = await souvenirWithPhotos();
    const [event] = await screenEventsFor(t.db, [{ seq: 1, souvenirId: souvenir.id }]);
    expect(event!.event).toMatchObject({
      type: 'souvenir',
      souvenir: {
        photo: {
          src: expect.stringMatching(/^\/photos\/[0-9a-f]{64}\.jpg$/),
          width: 1600,
          height: 800,
          alt: 'Photo 1',
        },
      },
    });
  });
});
