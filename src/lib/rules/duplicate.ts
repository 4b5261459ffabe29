import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { contributionsOf } from '../contributions/kinds.ts';
import type { ContributionKind } from '../contributions/kinds.ts';

/** What the duplicate rule compares: the text, who wrote it, and for a comment where. */
export interface DuplicateProbe {
  kind: ContributionKind;
  name: string;
  email: string;
  body: string;
  /** For a comment: the souvenir it answers, and the comment it replies to (or null). */
  souvenirId?: number | null;
  parentId?: number | null;
}

/**
 * The stored texts `probe` would duplicate, as a query still to run (inside `exists`): the same
 * text from the same email or name, on the same souvenir and parent for a comment, anywhere for a
 * souvenir. Trashed texts do not count (as in WordPress). Read alone by the rules when they check
 * flooding too (evaluate.ts), else in the insert itself (contributions/submit.ts).
 */
export function duplicatesOf(db: Kysely<Database>, probe: DuplicateProbe) {
  const sameAuthor = sql<boolean>`(lower(author_email) = lower(${probe.email}) or author_name = ${probe.name})`;
  // A souvenir's text is looked up by its md5 (indexed); a comment's only within its thread.
  const samePlace =
    probe.kind === 'souvenir'
      ? sql<boolean>`md5(body_raw) = md5(${probe.body})`
      : sql<boolean>`souvenir_id = ${probe.souvenirId ?? -1} and parent_id is not distinct from ${probe.parentId ?? null}::int`;
  return contributionsOf(db)
    .selectFrom(probe.kind)
    .select('id')
    .where(samePlace)
    .where('body_raw', '=', probe.body)
    .where(sameAuthor)
    .where('status', '<>', 'trash')
    .limit(1);
}
