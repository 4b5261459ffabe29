import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { hashToken, tokenMatches } from '../security/tokens.ts';
import { sanitizeBody, toPlainText } from '../sanitize/sanitize.ts';
import { recordEvent } from '../moderation/audit.ts';
import { WALL_CHANNEL } from '../moderation/souvenir-decisions.ts';
import { extractHashtags } from './hashtags.ts';

/** What the author sees behind their private link. */
export interface AuthorSouvenir {
  id: number;
  publicId: string;
  status: SouvenirStatus;
  authorName: string;
  title: string | null;
  body: string;
  bodyHtml: string;
  memoryYear: number | null;
  event: string | null;
  createdAt: Date;
  withdrawn: boolean;
}

export type AuthorLinkErrorCode = 'not_found' | 'not_pending' | 'withdrawn';

export class AuthorLinkError extends Error {
  readonly code: AuthorLinkErrorCode;
  constructor(code: AuthorLinkErrorCode) {
    super(`author link: ${code}`);
    this.name = 'AuthorLinkError';
    this.code = code;
  }
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;
const AUTHOR_ACTOR = { id: null, label: 'author' } as const;

/** The souvenir a private link opens, or null for any token we did not issue. */
export async function findByAuthorToken(db: Kysely<Database>, token: string): Promise<AuthorSouvenir | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await db
    .selectFrom('souvenir')
    .select(['id', 'public_id', 'status', 'author_name', 'title', 'body_raw', 'body_html', 'memory_year', 'event', 'created_at', 'withdrawn_at', 'token_hash'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  // The index finds the row by hash; the constant-time comparison keeps the check itself timing-safe.
  if (!row || !tokenMatches(token, row.token_hash)) return null;
  return {
    id: row.id,
    publicId: row.public_id,
    status: row.status,
    authorName: row.author_name,
    title: row.title,
    body: row.body_raw,
    bodyHtml: row.body_html,
    memoryYear: row.memory_year,
    event: row.event,
    createdAt: row.created_at,
    withdrawn: row.withdrawn_at !== null,
  };
}

export interface AuthorEdit {
  title: string | null;
  body: string;
  memoryYear: number | null;
  event: string | null;
}

/** The author corrects their souvenir while it still awaits moderation; re-sanitised on write. */
export async function editPendingByAuthor(db: Kysely<Database>, token: string, edit: AuthorEdit, now = new Date()): Promise<void> {
  const current = await findByAuthorToken(db, token);
  if (!current) throw new AuthorLinkError('not_found');
  if (current.withdrawn) throw new AuthorLinkError('withdrawn');
  if (current.status !== 'pending') throw new AuthorLinkError('not_pending');
  const bodyHtml = sanitizeBody(edit.body);
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('souvenir')
      .set({
        title: edit.title,
        body_raw: edit.body,
        body_html: bodyHtml,
        hashtags: extractHashtags(toPlainText(bodyHtml)),
        memory_year: edit.memoryYear,
        event: edit.event,
        updated_at: now,
      })
      .where('id', '=', current.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new AuthorLinkError('not_pending');
    await recordEvent(trx, { actor: AUTHOR_ACTOR, action: 'author_edit', targetType: 'souvenir', targetId: current.id });
  });
}

/**
 * Withdraws a souvenir for good: its text, name and email are erased (also from earlier audit
 * rows), only a tombstone event stays. Works whatever the status.
 */
export async function withdrawByAuthor(db: Kysely<Database>, token: string, now = new Date()): Promise<void> {
  const current = await findByAuthorToken(db, token);
  if (!current) throw new AuthorLinkError('not_found');
  if (current.withdrawn) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('souvenir')
      .set({
        status: 'trash',
        previous_status: null,
        pinned: false,
        author_name: '',
        author_email: '',
        title: null,
        body_raw: '',
        body_html: '',
        event: null,
        hashtags: [],
        ip_hash: null,
        approved_at: null,
        withdrawn_at: now,
        updated_at: now,
      })
      .where('id', '=', current.id)
      .execute();
    await trx
      .updateTable('moderation_event')
      .set({ before: null, after: null })
      .where('target_type', '=', 'souvenir')
      .where('target_id', '=', current.id)
      .execute();
    await recordEvent(trx, {
      actor: AUTHOR_ACTOR,
      action: 'withdraw',
      targetType: 'souvenir',
      targetId: current.id,
      before: { status: current.status },
      after: { status: 'trash', withdrawn: true },
    });
    if (current.status === 'approved') await sql`select pg_notify(${WALL_CHANNEL}, ${String(current.id)})`.execute(trx);
  });
}
