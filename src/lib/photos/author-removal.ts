import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { AUTHOR_ACTOR, AuthorLinkError, findByAuthorToken } from '../contributions/author-link.ts';
import { removePhoto } from './manage.ts';

/**
 * The author takes one photo off their souvenir while it still awaits moderation, through their
 * private link. Throws AuthorLinkError (unknown link, withdrawn, no longer pending) or
 * PhotoEditError (not a photo of that souvenir).
 */
export async function removePhotoByAuthor(db: Kysely<Database>, token: string, photoId: number): Promise<void> {
  const souvenir = await findByAuthorToken(db, token, 'souvenir');
  if (!souvenir) throw new AuthorLinkError('not_found');
  if (souvenir.withdrawn) throw new AuthorLinkError('withdrawn');
  if (souvenir.status !== 'pending') throw new AuthorLinkError('not_pending');
  await removePhoto(db, souvenir.id, photoId, AUTHOR_ACTOR);
}
