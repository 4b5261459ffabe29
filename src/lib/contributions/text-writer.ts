import { sql } from 'kysely';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { ContributionKind } from './kinds.ts';

/** Who wrote a text's words as stored, as its author's private page tells it. */
export interface TextWriter {
  /**
   * The words were last written by a moderator's correction (an `edit` of the journal that changed
   * them) rather than by their author (the submission or an `author_edit`).
   */
  correctedByModerators: boolean;
  /**
   * The moderators' last correction of the words, if any: markup it held is theirs, and an author
   * who corrected their text from it never typed it.
   */
  moderatorsText: string | null;
}

type Events = SelectQueryBuilder<Database, 'moderation_event', object>;

/**
 * Who wrote the words of a text as stored (see TextWriter). The author's private page then says
 * the moderators corrected it rather than naming markup "removed from your text" that was theirs.
 */
export async function textWriter(db: Kysely<Database>, kind: ContributionKind, id: number): Promise<TextWriter> {
  const ofText = (query: Events) => query.where('target_type', '=', kind).where('target_id', '=', id);
  // A correction of the title or the name alone leaves the author's words, whatever line endings
  // the moderator's browser sent them back with (a form sends CRLF).
  const wordsChanged = sql<boolean>`action = 'edit' and translate("before"->>'body', E'\\r', '') is distinct from translate("after"->>'body', E'\\r', '')`;
  const [last, correction] = await Promise.all([
    ofText(db.selectFrom('moderation_event'))
      .select('action')
      .where((eb) => eb.or([eb('action', '=', 'author_edit'), wordsChanged]))
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
    ofText(db.selectFrom('moderation_event'))
      .select(sql<string | null>`"after"->>'body'`.as('body'))
      .where(wordsChanged)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { correctedByModerators: last?.action === 'edit', moderatorsText: correction?.body ?? null };
}
