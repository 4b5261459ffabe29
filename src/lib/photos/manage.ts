import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { notifyWall } from '../contributions/notify.ts';
import { DomainError } from '../errors.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';

/** The longest alternative text, in characters (the form's maxlength and the Action's check). */
export const MAX_ALT_LENGTH = 300;
/** The longest content note. */
export const MAX_NOTE_LENGTH = 120;

/** `not_found`: not a photo of that souvenir; `upload_gone`: the photo sent is no longer staged (an hour passed). */
export type PhotoEditCode = 'not_found' | 'upload_gone';
export class PhotoEditError extends DomainError<PhotoEditCode> {
  constructor(code: PhotoEditCode) {
    super('PhotoEditError', 'Photo edit refused', code);
  }
}

async function tellWallIfShown(db: Kysely<Database>, souvenirId: number): Promise<void> {
  const souvenir = await db.selectFrom('souvenir').select('status').where('id', '=', souvenirId).executeTakeFirst();
  if (souvenir?.status === 'approved') await notifyWall(db, souvenirId);
}

/**
 * Deletes one photo of a souvenir, its variants with it (a moderator's removal, or the author's
 * while pending), and journals who did it. Throws `PhotoEditError('not_found')` when the photo is
 * not that souvenir's.
 */
export async function removePhoto(
  db: Kysely<Database>,
  souvenirId: number,
  photoId: number,
  actor: Actor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('photo')
      .where('id', '=', photoId)
      .where('souvenir_id', '=', souvenirId)
      .returning(['position', 'alt_text'])
      .executeTakeFirst();
    if (!removed) throw new PhotoEditError('not_found');
    await recordEvent(trx, {
      actor,
      action: 'photo.remove',
      targetType: 'souvenir',
      targetId: souvenirId,
      before: { photo: removed.position, altText: removed.alt_text },
    });
    await tellWallIfShown(trx, souvenirId);
  });
}

/** Every photo of a souvenir and their bytes, inside the caller's transaction (withdrawal, erasure). */
export async function deletePhotosOf(trx: Transaction<Database>, souvenirId: number): Promise<void> {
  await trx.deleteFrom('photo').where('souvenir_id', '=', souvenirId).execute();
}

/** A moderator's new alternative text (and content note) for one photo of a souvenir, journaled. */
export async function describePhoto(
  db: Kysely<Database>,
  souvenirId: number,
  photoId: number,
  description: { altText: string; contentNote: string | null },
  actor: Actor,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('photo')
      .select(['position', 'alt_text', 'content_note'])
      .where('id', '=', photoId)
      .where('souvenir_id', '=', souvenirId)
      .executeTakeFirst();
    if (!before) throw new PhotoEditError('not_found');
    await trx
      .updateTable('photo')
      .set({ alt_text: description.altText, content_note: description.contentNote })
      .where('id', '=', photoId)
      .execute();
    await recordEvent(trx, {
      actor,
      action: 'photo.describe',
      targetType: 'souvenir',
      targetId: souvenirId,
      before: { photo: before.position, altText: before.alt_text, contentNote: before.content_note },
      after: { photo: before.position, ...description },
    });
    await tellWallIfShown(trx, souvenirId);
  });
}
