import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';

/**
 * One comment (`c`) read with the souvenir it answers (`s`), for the caller to pick the columns
 * of both: the author's link, the author's message and the replies' messages each read some.
 */
export function commentWithSouvenir(db: Kysely<Database>, commentId: number) {
  return db
    .selectFrom('comment as c')
    .innerJoin('souvenir as s', 's.id', 'c.souvenir_id')
    .where('c.id', '=', commentId);
}
