import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { WALL_CHANNEL } from '../moderation/decisions.ts';
import { adjustCommentCount } from '../comments/comment-count.ts';
import { recordWallChange } from '../wall/changes.ts';
import type { ContributionKind } from './kinds.ts';

/**
 * Tells every app process that the wall shows something new about this souvenir (its id, or a
 * prefixed payload such as `candle:<id>`). Inside a transaction, PostgreSQL delivers it at commit.
 * The change is also written to the change sequence (wall/changes.ts), in the same transaction:
 * live screens must not miss it, and ETags are made from it. Candles are counted in wall_stat.
 */
export async function notifyWall(db: Kysely<Database>, payload: number | string): Promise<void> {
  if (typeof payload === 'number') await recordWallChange(db, 'souvenir', payload);
  else if (!payload.startsWith('candle:')) await recordWallChange(db, 'other', null);
  await sql`select pg_notify(${WALL_CHANNEL}, ${String(payload)})`.execute(db);
}

/**
 * What follows when a contribution starts (+1) or stops (-1) being shown to the public, inside
 * the transaction of that change: a souvenir is the wall's own news; a comment moves its
 * souvenir's kept count (which tells the wall in turn).
 */
export async function shownChanged(
  trx: Transaction<Database>,
  kind: ContributionKind,
  id: number,
  delta: 1 | -1,
): Promise<void> {
  if (kind === 'souvenir') return notifyWall(trx, id);
  const { souvenir_id } = await trx
    .selectFrom('comment')
    .select('souvenir_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await adjustCommentCount(trx, souvenir_id, delta);
}
