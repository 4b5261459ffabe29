import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { hashToken, newToken } from '../security/tokens.ts';
import type { ProcessedPhoto } from './process.ts';
import { thumbnailHash } from './thumbnail.ts';
import { insertVariants } from './variants.ts';

/** How long an upload waits for its form to come back right. */
export const UPLOAD_LIFETIME_MS = 60 * 60 * 1000;

/** A photo processed and kept while the form is corrected, before the souvenir exists. */
export interface StagedPhoto {
  id: number;
  position: number;
  width: number;
  height: number;
  /** The narrowest JPEG, for the form's thumbnail. */
  thumbnail: string;
}

/** Token looks like ours (newToken: 24 random bytes, base64url): anything else is no upload. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

/**
 * Keeps processed photos under an upload token, each in its position (1–4), replacing what that
 * position held before. A token that is missing, malformed or expired starts a new upload. Returns
 * the token to put back in the form. Expired uploads of anyone are forgotten on the way.
 */
export async function stagePhotos(
  db: Kysely<Database>,
  token: string | null,
  photos: ReadonlyArray<{ position: number; photo: ProcessedPhoto }>,
  now = new Date(),
): Promise<string> {
  const kept = token && TOKEN_SHAPE.test(token) ? token : newToken();
  const uploadHash = hashToken(kept);
  const expiresAt = new Date(now.getTime() + UPLOAD_LIFETIME_MS);
  await db.transaction().execute(async (trx) => {
    await forgetExpiredUploads(trx, now);
    if (photos.length > 0)
      await trx
        .deleteFrom('photo')
        .where('upload_hash', '=', uploadHash)
        .where(
          'position',
          'in',
          photos.map((p) => p.position),
        )
        .execute();
    await trx.updateTable('photo').set({ expires_at: expiresAt }).where('upload_hash', '=', uploadHash).execute();
    for (const { position, photo } of photos) {
      const row = await trx
        .insertInto('photo')
        .values({
          upload_hash: uploadHash,
          position,
          width: photo.width,
          height: photo.height,
          created_at: now,
          expires_at: expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await insertVariants(trx, row.id, photo.variants);
    }
  });
  return kept;
}

/**
 * Deletes the photos of uploads whose form never came back right within the hour, with their
 * bytes (each new upload does it, and so does the daily purge). Returns how many went.
 */
export async function forgetExpiredUploads(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('photo').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The photos staged under `token` that have not expired, in position order. */
export async function stagedPhotos(db: Kysely<Database>, token: string, now = new Date()): Promise<StagedPhoto[]> {
  if (!TOKEN_SHAPE.test(token)) return [];
  const rows = await db
    .selectFrom('photo')
    .select(['photo.id', 'photo.position', 'photo.width', 'photo.height'])
    .select((eb) => thumbnailHash(eb).as('thumbnail'))
    .where('upload_hash', '=', hashToken(token))
    .where('expires_at', '>', now)
    .orderBy('position')
    .execute();
  return rows.map((row) => ({ ...row, thumbnail: `${row.thumbnail}.jpg` }));
}

/** Drops staged photos at the given positions (the form's "remove" boxes). */
export async function unstagePhotos(db: Kysely<Database>, token: string, positions: number[]): Promise<void> {
  if (!TOKEN_SHAPE.test(token) || positions.length === 0) return;
  await db.deleteFrom('photo').where('upload_hash', '=', hashToken(token)).where('position', 'in', positions).execute();
}

export interface PhotoCaption {
  /** Its position in the upload. */
  position: number;
  /** Its position in the souvenir, when not the same (a photo added later goes after the others). */
  placeAt?: number;
  altText: string;
  contentNote: string | null;
}

/**
 * Moves the staged photos of `token` to the souvenir, with their alternative texts and notes, in
 * the caller's transaction or statement order. Photos without a caption are dropped: the form
 * checked that every kept photo has one. Returns how many were attached.
 */
export async function attachStagedPhotos(
  db: Kysely<Database>,
  token: string,
  souvenirId: number,
  captions: readonly PhotoCaption[],
  now = new Date(),
): Promise<number> {
  if (!TOKEN_SHAPE.test(token)) return 0;
  const uploadHash = hashToken(token);
  let attached = 0;
  for (const caption of captions) {
    const result = await db
      .updateTable('photo')
      .set({
        souvenir_id: souvenirId,
        position: caption.placeAt ?? caption.position,
        upload_hash: null,
        expires_at: null,
        alt_text: caption.altText,
        content_note: caption.contentNote,
      })
      .where('upload_hash', '=', uploadHash)
      .where('position', '=', caption.position)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    attached += Number(result.numUpdatedRows);
  }
  await db.deleteFrom('photo').where('upload_hash', '=', uploadHash).execute();
  return attached;
}
