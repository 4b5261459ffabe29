import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { ContributionKind } from './kinds.ts';

/**
 * Whether a text as stored was last written by a moderator's correction (an `edit` of the journal
 * that changed the text) rather than by its author (its submission or an `author_edit`). The
 * author's private page then says the moderators corrected it, and names no markup "removed from
 * your text": what the sanitiser took out of a correction is the moderator's, not theirs.
 */
export async function correctedByModerators(
  db: Kysely<Database>,
  kind: ContributionKind,
  id: number,
): Promise<boolean> {
  const last = await db
    .selectFrom('moderation_event')
    .select('action')
    .where('target_type', '=', kind)
    .where('target_id', '=', id)
    .where((eb) =>
      eb.or([
        eb('action', '=', 'author_edit'),
        // A correction of the title or the name alone leaves the author's words, whatever line
        // endings the moderator's browser sent them back with (a form sends CRLF).
        eb.and([
          eb('action', '=', 'edit'),
          sql<boolean>`translate("before"->>'body', E'\r', '') is distinct from translate("after"->>'body', E'\r', '')`,
        ]),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.action === 'edit';
}
