import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { Actor } from '../moderation/audit.ts';
import { changeScreenItem } from './venue-control.ts';

/** Of these souvenirs, those chosen for the venue's screen (one query for a page of the queue). */
export async function onScreenIds(db: Kysely<Database>, souvenirIds: readonly number[]): Promise<Set<number>> {
  if (souvenirIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('screen_item')
    .select('souvenir_id')
    .where('souvenir_id', 'in', [...souvenirIds])
    .execute();
  return new Set(rows.map((row) => row.souvenir_id));
}

/**
 * The queue's "put on the venue's screen" and its undo: marks an approved souvenir for the screen
 * (at the end of the rundown, 12 s) or takes it off. Asking for what already is changes nothing
 * and writes no journal row, so a double click or a reload does no harm. Throws VenueError
 * `not_approved` when marking a souvenir the wall does not show.
 */
export async function markForScreen(
  db: Kysely<Database>,
  souvenirId: number,
  onScreen: boolean,
  context: { actor: Actor; now?: Date },
): Promise<'changed' | 'unchanged'> {
  const already = (await onScreenIds(db, [souvenirId])).has(souvenirId);
  if (already === onScreen) return 'unchanged';
  try {
    await changeScreenItem(db, souvenirId, { type: onScreen ? 'add' : 'remove' }, context);
  } catch (error) {
    // Another moderator took it off between the read and the change: it is off, as asked.
    if (!onScreen && (error as { code?: string }).code === 'not_on_screen') return 'unchanged';
    throw error;
  }
  return 'changed';
}
