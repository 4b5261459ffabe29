import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { ContributionKind } from './kinds.ts';
import { sameWords } from './same-words.ts';

/** Who wrote a text's words as stored, as its author's private page tells it. */
export interface TextWriter {
  /** The words as stored are the moderators' last correction of them, unchanged since. */
  correctedByModerators: boolean;
  /**
   * The moderators' last correction of the words, if any: markup it held is theirs, and an author
   * who corrected their text from it never typed it.
   */
  moderatorsText: string | null;
}

/**
 * Who wrote the words of a text as stored (`body`, its `body_raw`): the moderators when they are
 * those of the journal's last `edit` that changed them, else its author. The author's private page
 * then says the moderators corrected it rather than naming markup "removed from your text" that
 * was theirs. Compared by the words themselves: an author's correction of the title alone leaves
 * the moderators' words, and a moderator's of the title alone leaves the author's.
 */
export async function textWriter(
  db: Kysely<Database>,
  kind: ContributionKind,
  id: number,
  body: string,
): Promise<TextWriter> {
  const correction = await db
    .selectFrom('moderation_event')
    .select(sql<string | null>`"after"->>'body'`.as('body'))
    .where('target_type', '=', kind)
    .where('target_id', '=', id)
    .where('action', '=', 'edit')
    .where(
      sql<boolean>`regexp_replace("before"->>'body', E'\\r\\n?', E'\\n', 'g') is distinct from regexp_replace("after"->>'body', E'\\r\\n?', E'\\n', 'g')`,
    )
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const moderatorsText = correction?.body ?? null;
  return {
    correctedByModerators: moderatorsText !== null && sameWords(moderatorsText, body),
    moderatorsText,
  };
}
