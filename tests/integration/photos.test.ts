import { it, expect, beforeAll } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir, sentAt } from '../helpers/contribution-fixtures.ts';
import { phoneJpeg, picture } from '../helpers/photo-fixtures.ts';
import { processPhoto } from '../../src/lib/photos/process.ts';
import type { ProcessedPhoto } from '../../src/lib/photos/process.ts';
import { attachStagedPhotos, stagedPhotos, stagePhotos, unstagePhotos } from '../../src/lib/photos/staging.ts';
import { readVariant } from '../../src/lib/photos/variants.ts';
import { photosOf } from '../../src/lib/photos/shown.ts';
import { describePhoto, removePhoto, PhotoEditError } from '../../src/lib/photos/manage.ts';
import { eraseContribution } from '../../src/lib/contributions/erase.ts';

let landscape: ProcessedPhoto;
let phone: ProcessedPhoto;
beforeAll(async () => {
  landscape = await processPhoto(await picture('png', 2000, 1000));
  phone = await processPhoto(await phoneJpeg());
});

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
    expect(await attachStagedPhotos(t.db, token, (await sentAt(t.db, 1)).id, [caption(1)], later)).toBe(0);
    await stagePhotos(t.db, null, [], later);
    expect(await rows()).toEqual({ photos: 0, variants: 0 });
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
    await removePhoto(t.db, souvenir.id, first!.id);
    await describePhoto(t.db, souvenir.id, second!.id, {
      altText: 'La foule devant la scène',
      contentNote: 'Foule dense',
    });
    const shown = (await photosOf(t.db, [souvenir.id])).get(souvenir.id)!;
    expect(shown.map((p) => [p.altText, p.contentNote])).toEqual([['La foule devant la scène', 'Foule dense']]);
    expect(await rows()).toEqual({ photos: 1, variants: 6 });
    await expect(removePhoto(t.db, souvenir.id, first!.id)).rejects.toBeInstanceOf(PhotoEditError);
    const other = await sentAt(t.db, 3);
    await expect(removePhoto(t.db, other.id, second!.id)).rejects.toBeInstanceOf(PhotoEditError);
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
});
