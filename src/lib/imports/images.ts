import type { Kysely, Transaction } from 'kysely';
import type { Database, ImportMedia } from '../../../db/types.ts';
import { MAX_PHOTO_BYTES, processPhoto } from '../photos/process.ts';
import { PhotoError } from '../photos/refusals.ts';
import type { ProcessedPhoto } from '../photos/process.ts';
import { PHOTO_POSITIONS } from '../photos/positions.ts';
import { insertVariants } from '../photos/variants.ts';
import { variantPath } from '../photos/shown.ts';
import { isAllowedAddress } from './sources.ts';
import { thumbnailHash, withPhotosFrom } from '../photos/thumbnail.ts';
import { groupByOwner, PHOTO_COLUMNS, photoFacts } from '../photos/photo-row.ts';
import type { PhotoFacts } from '../photos/photo-row.ts';
import type { AddressPolicy } from './sources.ts';

/** Posts whose images one run fetches at most, so a run stays well inside its lease. */
export const POSTS_PER_RUN = 20;
/** One image's download, headers and body together. */
export const IMAGE_TIMEOUT_MS = 20_000;
const USER_AGENT = 'MurDesSouvenirs/1 (+hashtag import, images kept private until their authors consent)';

/** A gathered post's image as the private queue shows it: a small re-encoded JPEG, never the remote file. */
export interface ImportPhoto extends PhotoFacts {
  /** The narrowest JPEG variant's address (served like any photo, by the hash of its bytes). */
  thumbnail: string;
}

/** What one pass over a source's posts did, for the run's status line. */
export interface ImagesGathered {
  posts: number;
  photos: number;
  /** Images that could not be fetched or were refused (left out; the post keeps their description). */
  failed: number;
}

/**
 * The bytes at `address`, or null: https only (a loopback http address only when the policy
 * allows it, for tests), no redirect, at most MAX_PHOTO_BYTES (refused from Content-Length, or
 * cut off while reading), within IMAGE_TIMEOUT_MS.
 */
export async function downloadImage(address: string, policy: AddressPolicy): Promise<Buffer | null> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (!isAllowedAddress(url, policy) || url.username || url.password) return null;
  try {
    const response = await fetch(url, {
      headers: { accept: 'image/*', 'user-agent': USER_AGENT },
      redirect: 'error',
      signal: AbortSignal.timeout(IMAGE_TIMEOUT_MS),
    });
    if (!response.ok || !response.body) return null;
    if (Number(response.headers.get('content-length')) > MAX_PHOTO_BYTES) {
      await response.body.cancel();
      return null;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > MAX_PHOTO_BYTES) return null;
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  } catch {
    return null;
  }
}

/** The images of a post we keep: pictures only (no video or audio), as many as a souvenir holds. */
function picturesOf(media: readonly ImportMedia[]): ImportMedia[] {
  return media.filter((m) => m.type === 'image' && m.remoteUrl).slice(0, PHOTO_POSITIONS.length);
}

/** A picture the photo pipeline refused is counted as failed; anything else (sharp that cannot load) is also logged. */
function unprocessed(error: unknown): null {
  if (!(error instanceof PhotoError))
    console.error('[imports] could not process a gathered picture:', (error as Error).message);
  return null;
}

/**
 * Fetches the images of a source's posts that have not been handled yet (new posts, or edits that
 * changed their media) and re-encodes them through the photo pipeline (photos/process.ts: every
 * metadata block dropped, never the remote bytes kept), as photos of the post with its alt texts;
 * the post's content warning becomes each photo's content note, so they stay blurred. An image
 * that fails is left out, its description still shown. `renew` is called between posts (the
 * source's lease). At most POSTS_PER_RUN posts per call; the next run takes the rest.
 */
export async function gatherImages(
  db: Kysely<Database>,
  sourceId: number,
  options: { policy: AddressPolicy; now?: Date; renew?: () => Promise<void> },
): Promise<ImagesGathered> {
  const now = options.now ?? new Date();
  const pending = await db
    .selectFrom('import_item')
    .select(['id', 'media', 'content_note'])
    .where('source_id', '=', sourceId)
    .where('images_fetched_at', 'is', null)
    .orderBy('id')
    .limit(POSTS_PER_RUN)
    .execute();
  const done: ImagesGathered = { posts: 0, photos: 0, failed: 0 };
  for (const item of pending) {
    const processed: { position: number; altText: string; photo: ProcessedPhoto }[] = [];
    for (const [index, media] of picturesOf(item.media).entries()) {
      const bytes = await downloadImage(media.remoteUrl, options.policy);
      const photo = bytes ? await processPhoto(bytes).catch(unprocessed) : null;
      if (photo) processed.push({ position: index + 1, altText: media.description ?? '', photo });
      else done.failed++;
    }
    await db.transaction().execute(async (trx) => {
      // An edit's new images replace the old ones: the photos follow the post as it is now.
      await trx.deleteFrom('photo').where('import_item_id', '=', item.id).execute();
      for (const { position, altText, photo } of processed) {
        const row = await trx
          .insertInto('photo')
          .values({
            import_item_id: item.id,
            position,
            alt_text: altText,
            content_note: item.content_note,
            width: photo.width,
            height: photo.height,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await insertVariants(trx, row.id, photo.variants);
      }
      await trx.updateTable('import_item').set({ images_fetched_at: now }).where('id', '=', item.id).execute();
    });
    done.posts++;
    done.photos += processed.length;
    await options.renew?.();
  }
  return done;
}

/**
 * The photos of gathered posts, keyed by post id (absent: none), in position order: for the
 * private queue only. One query for any number of posts.
 */
export async function photosOfImportItems(
  db: Kysely<Database>,
  itemIds: readonly number[],
): Promise<Map<number, ImportPhoto[]>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('photo')
    .select([...PHOTO_COLUMNS, 'photo.import_item_id'])
    .select((eb) => thumbnailHash(eb).as('hash'))
    .where('photo.import_item_id', 'in', [...new Set(itemIds)])
    .orderBy('photo.import_item_id')
    .orderBy('photo.position')
    .execute();
  return groupByOwner(
    rows.flatMap((row) =>
      row.hash
        ? [[row.import_item_id!, { ...photoFacts(row), thumbnail: variantPath(row.hash, 'jpeg') }] as const]
        : [],
    ),
  );
}

/** The photos of one gathered post (the consent page shows what would be published). */
export async function photosOfImportItem(db: Kysely<Database>, itemId: number): Promise<ImportPhoto[]> {
  return (await photosOfImportItems(db, [itemId])).get(itemId) ?? [];
}

/** The same posts (or any items with an `id`), each with its photos (an empty list when none). */
export async function withImportPhotos<T extends { id: number }>(
  db: Kysely<Database>,
  items: readonly T[],
): Promise<Array<T & { photos: ImportPhoto[] }>> {
  return withPhotosFrom(items, (ids) => photosOfImportItems(db, ids));
}

/**
 * Moves a consented post's photos to the souvenir it became (its author consented to 'photos'),
 * inside the caller's transaction: from then on they are the souvenir's, shown and withdrawn with
 * it. Returns how many moved.
 */
export async function attachImportPhotosToSouvenir(
  trx: Transaction<Database>,
  itemId: number,
  souvenirId: number,
): Promise<number> {
  const result = await trx
    .updateTable('photo')
    .set({ souvenir_id: souvenirId, import_item_id: null })
    .where('import_item_id', '=', itemId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
