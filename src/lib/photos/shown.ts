import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { EXTENSION } from './variants.ts';
import { withPhotosFrom } from './thumbnail.ts';
import { groupByOwner, PHOTO_COLUMNS, photoFacts } from './photo-row.ts';
import type { PhotoFacts, PhotoRow } from './photo-row.ts';

/** A photo as pages show it: URLs and sizes, never bytes. */
export interface ShownPhoto extends PhotoFacts {
  /** `srcset` values, narrowest first. */
  webpSrcset: string;
  jpegSrcset: string;
  /** The JPEG about 960 px wide: `src` for browsers without srcset, feeds and OpenGraph. */
  src: string;
  /** The widest JPEG. */
  largest: string;
  /** The size of `src` in bytes (an RSS enclosure's length). */
  srcBytes: number;
}

/** Where a variant is served (scripts/lib/photo-files.ts). */
export function variantPath(hash: string, format: 'webp' | 'jpeg'): string {
  return `/photos/${hash}.${EXTENSION[format]}`;
}

/** One variant of one photo, as photosOf and photoRowsColumn read it. */
export interface PhotoVariantRow extends PhotoRow {
  souvenir_id: number | null;
  format: 'webp' | 'jpeg';
  variant_width: number;
  hash: string;
  byte_length: number | string;
}

/** The photos of variant rows ordered by souvenir, position and width, each with its souvenir's id. */
function toShownPhotos(rows: readonly PhotoVariantRow[]): Array<readonly [number, ShownPhoto]> {
  const byPhoto = new Map<number, { row: PhotoVariantRow; variants: PhotoVariantRow[] }>();
  for (const row of rows) {
    const entry = byPhoto.get(row.id) ?? { row, variants: [] };
    entry.variants.push(row);
    byPhoto.set(row.id, entry);
  }
  return [...byPhoto.values()].map(({ row, variants }) => {
    const srcset = (format: 'webp' | 'jpeg') =>
      variants
        .filter((v) => v.format === format)
        .map((v) => `${variantPath(v.hash, format)} ${v.variant_width}w`)
        .join(', ');
    const jpegs = variants.filter((v) => v.format === 'jpeg');
    const middle = jpegs.find((v) => v.variant_width >= 960) ?? jpegs.at(-1)!;
    const photo: ShownPhoto = {
      ...photoFacts(row),
      webpSrcset: srcset('webp'),
      jpegSrcset: srcset('jpeg'),
      src: variantPath(middle.hash, 'jpeg'),
      largest: variantPath(jpegs.at(-1)!.hash, 'jpeg'),
      srcBytes: Number(middle.byte_length),
    };
    return [row.souvenir_id!, photo] as const;
  });
}

/**
 * The photos of each souvenir, in position order, keyed by souvenir id (absent: none). One query
 * for any number of souvenirs, so a wall page does not ask once per card.
 */
export async function photosOf(
  db: Kysely<Database>,
  souvenirIds: readonly number[],
): Promise<Map<number, ShownPhoto[]>> {
  if (souvenirIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('photo')
    .innerJoin('photo_variant', 'photo_variant.photo_id', 'photo.id')
    .select([
      ...PHOTO_COLUMNS,
      'photo.souvenir_id',
      'photo_variant.format',
      'photo_variant.width as variant_width',
      'photo_variant.hash',
      sql<number>`octet_length(photo_variant.bytes)`.as('byte_length'),
    ])
    .where('photo.souvenir_id', 'in', [...new Set(souvenirIds)])
    .orderBy('photo.souvenir_id')
    .orderBy('photo.position')
    .orderBy('photo_variant.width')
    .execute();
  return groupByOwner(toShownPhotos(rows));
}

/**
 * The photos of the souvenir whose id `souvenirId` names, as one JSON column of the query that
 * reads it (`photo_rows`): a page of cards with their photos in one statement rather than two
 * (issue 19). Read back with shownPhotos.
 */
export function photoRowsColumn(souvenirId: string) {
  return sql<PhotoVariantRow[]>`(
    select coalesce(json_agg(json_build_object(
      'id', p.id, 'position', p.position, 'alt_text', p.alt_text, 'content_note', p.content_note,
      'width', p.width, 'height', p.height, 'souvenir_id', p.souvenir_id, 'format', v.format,
      'variant_width', v.width, 'hash', v.hash, 'byte_length', octet_length(v.bytes)
    ) order by p.position, v.width), '[]'::json)
    from photo p join photo_variant v on v.photo_id = p.id
    where p.souvenir_id = ${sql.ref(souvenirId)})`.as('photo_rows');
}

/** The photos of a `photo_rows` column (photoRowsColumn), in position order. */
export function shownPhotos(rows: readonly PhotoVariantRow[]): ShownPhoto[] {
  return toShownPhotos(rows).map(([, photo]) => photo);
}

/** The same souvenirs (or any items with an `id`), each with its photos (an empty list when none). */
export async function withPhotos<T extends { id: number }>(
  db: Kysely<Database>,
  items: readonly T[],
): Promise<Array<T & { photos: ShownPhoto[] }>> {
  return withPhotosFrom(items, (ids) => photosOf(db, ids));
}

/** The photo a feed or a link preview shows: the first one that carries no content note. */
export function sharedPhoto(photos: readonly ShownPhoto[] | undefined): ShownPhoto | null {
  return photos?.find((photo) => !photo.contentNote) ?? null;
}
