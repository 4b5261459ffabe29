import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { AUTHOR_ACTOR, AuthorLinkError, findByAuthorToken } from '../contributions/author-link.ts';
import { recordEvent } from '../moderation/audit.ts';
import { PhotoEditError } from './manage.ts';
import { MAX_PHOTOS, PHOTO_POSITIONS, nextPosition } from './positions.ts';
import { PhotoError } from './refusals.ts';
import { attachStagedPhotos, unstagePhotos } from './staging.ts';
import type { PhotoCaption } from './staging.ts';

/**
 * The author adds photos to their souvenir while it still awaits moderation, through their
 * private link: the photos staged under `uploadToken` by the same pipeline as the share form's
 * (scripts/lib/photo-upload.ts), each with its caption, placed after the souvenir's own. They are
 * moderated with the souvenir: its `updated_at` moves, so a moderator's decision on the version
 * read before them is refused as changed. Journaled as `photo.add`.
 *
 * Throws AuthorLinkError (unknown link, withdrawn, no longer pending), PhotoError `tooMany` past
 * MAX_PHOTOS, PhotoEditError `upload_gone` when no captioned photo is staged any more. Nothing is
 * added on a refusal, and the upload is dropped either way.
 */
export async function addPhotosByAuthor(
  db: Kysely<Database>,
  token: string,
  uploadToken: string,
  captions: readonly PhotoCaption[],
  now = new Date(),
): Promise<number> {
  try {
    const souvenir = await findByAuthorToken(db, token, 'souvenir');
    if (!souvenir) throw new AuthorLinkError('not_found');
    if (souvenir.withdrawn) throw new AuthorLinkError('withdrawn');
    if (souvenir.status !== 'pending') throw new AuthorLinkError('not_pending');
    return await db.transaction().execute(async (trx) => {
      // First, as the condition on the status: on PostgreSQL the row's lock then makes a second
      // addition at the same moment wait, and count the photos this one added.
      const touched = await trx
        .updateTable('souvenir')
        .set({ updated_at: now })
        .where('id', '=', souvenir.id)
        .where('status', '=', 'pending')
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      if (touched.numUpdatedRows === 0n) throw new AuthorLinkError('not_pending');
      const taken = (
        await trx.selectFrom('photo').select('position').where('souvenir_id', '=', souvenir.id).execute()
      ).map((row) => row.position);
      if (taken.length + captions.length > MAX_PHOTOS) throw new PhotoError('tooMany');
      const placed = captions.map((caption) => {
        const placeAt = nextPosition(taken)!;
        taken.push(placeAt);
        return { ...caption, placeAt };
      });
      const attached = await attachStagedPhotos(trx, uploadToken, souvenir.id, placed, now);
      if (attached === 0) throw new PhotoEditError('upload_gone');
      // One row per photo, its fields as the journal shows a removal's (an array would show nothing).
      for (const { placeAt, altText, contentNote } of placed) {
        await recordEvent(trx, {
          actor: AUTHOR_ACTOR,
          action: 'photo.add',
          targetType: 'souvenir',
          targetId: souvenir.id,
          after: { photo: placeAt, altText, contentNote },
        });
      }
      return attached;
    });
  } catch (error) {
    // A refused photo is not kept for another try: the refusal is final (the form's own checks,
    // such as a missing text, come before this call and keep it).
    await unstagePhotos(db, uploadToken, [...PHOTO_POSITIONS]);
    throw error;
  }
}
