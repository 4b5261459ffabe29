import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';

/**
 * Comments (`c`) read with the souvenirs they answer (`s`), for the caller to pick the rows and the
 * columns of both: the author's link (by token), the author's and the replies' messages (by id).
 */
export function commentsWithSouvenirs(db: Kysely<Database>) {
  return db.selectFrom('comment as c').innerJoin('souvenir as s', 's.id', 'c.souvenir_id');
}

/** One comment read with the souvenir it answers. */
export function commentWithSouvenir(db: Kysely<Database>, commentId: number) {
  return commentsWithSouvenirs(db).where('c.id', '=', commentId);
}
