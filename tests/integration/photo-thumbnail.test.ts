import { it, expect, beforeAll } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { phoneJpeg } from '../helpers/photo-fixtures.ts';
import { processPhoto } from '../../src/lib/photos/process.ts';
import type { ProcessedPhoto } from '../../src/lib/photos/process.ts';
import { stagePhotos } from '../../src/lib/photos/staging.ts';
import { thumbnailHash, withPhotosFrom } from '../../src/lib/photos/thumbnail.ts';

let phone: ProcessedPhoto;
beforeAll(async () => {
  phone = await processPhoto(await phoneJpeg());
});

it('gives each item its own photos, and an empty list to an item without', async () => {
  const byId = new Map([
    [1, ['a', 'b']],
    [3, ['c']],
  ]);
  const asked: number[][] = [];
  const photosById = async (ids: number[]) => {
    asked.push(ids);
    return byId;
  };
  expect(await withPhotosFrom([{ id: 1, name: 'x' }, { id: 2, name: 'y' }, { id: 3 }], photosById)).toEqual([
    { id: 1, name: 'x', photos: ['a', 'b'] },
    { id: 2, name: 'y', photos: [] },
    { id: 3, photos: ['c'] },
  ]);
  expect(await withPhotosFrom([], photosById)).toEqual([]);
  // One read for all the items, whatever their number.
  expect(asked).toEqual([[1, 2, 3], []]);
});

describeEachDatabase('a photo’s thumbnail', (t) => {
  it('is the hash of its narrowest JPEG variant', async () => {
    await stagePhotos(t.db, null, [{ position: 1, photo: phone }]);
    const narrowestJpeg = phone.variants
      .filter((variant) => variant.format === 'jpeg')
      .reduce((a, b) => (a.width <= b.width ? a : b));
    const rows = await t.db
      .selectFrom('photo')
      .select((eb) => thumbnailHash(eb).as('hash'))
      .execute();
    expect(rows).toEqual([{ hash: narrowestJpeg.hash }]);
    // Not the WebP of the same width, nor a wider JPEG.
    const others = phone.variants.filter((variant) => variant !== narrowestJpeg).map((variant) => variant.hash);
    expect(others).not.toContain(rows[0]!.hash);
  });
});
