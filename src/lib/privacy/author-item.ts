import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { findByAuthorToken } from '../souvenirs/author-link.ts';
import type { AuthorSouvenir } from '../souvenirs/author-link.ts';
import { findCommentByAuthorToken } from '../comments/author-link.ts';
import type { AuthorComment } from '../comments/author-link.ts';

/**
 * What a private link opens. Every text has a link of its own, shown once to whoever wrote it:
 * a souvenir's opens the souvenir, a comment's opens the comment. One link never reaches another
 * text, so a leaked or forwarded link exposes exactly what was written with it.
 */
export type AuthorItem = { kind: 'souvenir'; souvenir: AuthorSouvenir } | { kind: 'comment'; comment: AuthorComment };

/** The souvenir or the comment this token was issued for, or null. */
export async function findAuthorItem(db: Kysely<Database>, token: string): Promise<AuthorItem | null> {
  const souvenir = await findByAuthorToken(db, token);
  if (souvenir) return { kind: 'souvenir', souvenir };
  const comment = await findCommentByAuthorToken(db, token);
  return comment ? { kind: 'comment', comment } : null;
}
