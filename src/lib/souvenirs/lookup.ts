import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';

/** A souvenir's id from its number or its public id, whatever its status; null when unknown. */
export async function findSouvenirId(
  db: Kysely<Database>,
  ref: string,
): Promise<{ id: number; publicId: string } | null> {
  const byNumber = /^\d{1,9}$/.test(ref);
  const row = await db
    .selectFrom('souvenir')
    .select(['id', 'public_id'])
    .where(byNumber ? 'id' : 'public_id', '=', byNumber ? Number(ref) : ref)
    .executeTakeFirst();
  return row ? { id: row.id, publicId: row.public_id } : null;
}
