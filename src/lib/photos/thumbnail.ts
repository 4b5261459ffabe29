import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../../db/types.ts';

/**
 * The hash of a photo's narrowest JPEG variant — its thumbnail — as a subquery of a select from
 * `photo` (the share form's kept uploads and the private queue of gathered posts show these).
 */
export function thumbnailHash(eb: ExpressionBuilder<Database, 'photo'>) {
  return eb
    .selectFrom('photo_variant')
    .select('photo_variant.hash')
    .whereRef('photo_variant.photo_id', '=', 'photo.id')
    .where('photo_variant.format', '=', 'jpeg')
    .orderBy('photo_variant.width')
    .limit(1);
}

/**
 * The same items (souvenirs, gathered posts: anything with an `id`), each with its photos (none:
 * an empty list), which `photosById` reads for all the items at once, keyed by id.
 */
export async function withPhotosFrom<T extends { id: number }, P>(
  items: readonly T[],
  photosById: (ids: number[]) => Promise<ReadonlyMap<number, P[]>>,
): Promise<Array<T & { photos: P[] }>> {
  const byId = await photosById(items.map((item) => item.id));
  return items.map((item) => ({ ...item, photos: byId.get(item.id) ?? [] }));
}
