import type { Kysely, Transaction } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { hashToken, tokenMatches } from '../security/tokens.ts';
import { sanitizeContributionBody, toPlainText } from '../sanitize/sanitize.ts';
import { recordEvent } from '../moderation/audit.ts';
import { evaluateSubmission } from '../rules/evaluate.ts';
import type { Submission } from '../rules/evaluate.ts';
import { eraseContribution } from './erase.ts';
import { extractHashtags } from '../souvenirs/hashtags.ts';
import { CONTRIBUTION_KINDS, KINDS, contributionsOf } from './kinds.ts';
import type { ContributionKind } from './kinds.ts';
import { DomainError } from '../errors.ts';
import { commentWithSouvenir } from '../comments/with-souvenir.ts';

/** What the author sees of their text behind the private link, whatever its kind. */
interface AuthorViewBase {
  id: number;
  publicId: string;
  status: SouvenirStatus;
  authorName: string;
  body: string;
  bodyHtml: string;
  createdAt: Date;
  withdrawn: boolean;
  /** The language the author wrote in, for the text's `lang`. */
  locale: string;
  /** Approved, but set aside by readers' reports until a moderator decides. */
  hiddenByReports: boolean;
}

/** What each kind shows beyond the shared view. */
interface AuthorViews {
  souvenir: { title: string | null; memoryYear: number | null; event: string | null };
  comment: {
    /** The souvenir it answers; `published` when the public can read it (and so the comment, once approved). */
    souvenir: { publicId: string; title: string | null; authorName: string; published: boolean };
    /** Whether it answers another comment. */
    isReply: boolean;
  };
}

/** What the author may correct while the text awaits moderation, per kind. */
export interface AuthorEdits {
  souvenir: { title: string | null; body: string; memoryYear: number | null; event: string | null };
  comment: { body: string };
}

/** A text opened by its private link: a union discriminated by `kind`. */
export type AuthorItem<K extends ContributionKind = ContributionKind> = {
  [P in K]: AuthorViewBase & { kind: P } & AuthorViews[P];
}[K];
export type AuthorSouvenir = AuthorItem<'souvenir'>;
export type AuthorComment = AuthorItem<'comment'>;

export type AuthorLinkErrorCode = 'not_found' | 'not_pending' | 'withdrawn';

export class AuthorLinkError extends DomainError<AuthorLinkErrorCode> {
  constructor(code: AuthorLinkErrorCode) {
    super('AuthorLinkError', 'author link', code);
  }
}

/** What `newToken()` issues: 24 random bytes in base64url. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;
/** Who acts through a private link, as the journal shows it. */
export const AUTHOR_ACTOR = { id: null, label: 'author' } as const;

/** What the link steps need to know of one kind, besides the columns every kind shares. */
interface AuthorLinkPart<K extends ContributionKind> {
  /** The kind's own part of the author's view. */
  view(db: Kysely<Database>, id: number): Promise<AuthorViews[K]>;
  /** What the discussion rules read besides name, email and text (see `evaluateSubmission`). */
  ruleFields(
    db: Kysely<Database>,
    id: number,
    edit: AuthorEdits[K],
  ): Promise<Omit<Submission, 'kind' | 'name' | 'email' | 'body' | 'ipHash' | 'now'>>;
  /** Writes the kind's own corrected columns, once the shared ones are written. */
  saveOwnColumns(trx: Transaction<Database>, id: number, edit: AuthorEdits[K], bodyHtml: string): Promise<void>;
}

const PARTS: { [K in ContributionKind]: AuthorLinkPart<K> } = {
  souvenir: {
    async view(db, id) {
      const row = await db
        .selectFrom('souvenir')
        .select(['title', 'memory_year', 'event'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return { title: row.title, memoryYear: row.memory_year, event: row.event };
    },
    ruleFields: async (_db, _id, edit) => ({ website: null, otherFields: [edit.title, edit.event] }),
    async saveOwnColumns(trx, id, edit, bodyHtml) {
      await trx
        .updateTable('souvenir')
        .set({
          title: edit.title,
          hashtags: extractHashtags(toPlainText(bodyHtml)),
          memory_year: edit.memoryYear,
          event: edit.event,
        })
        .where('id', '=', id)
        .execute();
    },
  },
  comment: {
    async view(db, id) {
      const row = await commentWithSouvenir(db, id)
        .select(['c.parent_id', 's.public_id', 's.title', 's.author_name', 's.status', 's.hidden_by_reports'])
        .executeTakeFirstOrThrow();
      return {
        souvenir: {
          publicId: row.public_id,
          title: row.title,
          authorName: row.author_name,
          published: row.status === 'approved' && !row.hidden_by_reports,
        },
        isReply: row.parent_id !== null,
      };
    },
    async ruleFields(db, id) {
      const row = await db
        .selectFrom('comment')
        .select(['author_website', 'souvenir_id', 'parent_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return { website: row.author_website, souvenirId: row.souvenir_id, parentId: row.parent_id };
    },
    // A comment has no column of its own to correct: its text is all there is.
    saveOwnColumns: async () => {},
  },
};

async function findOfKind<K extends ContributionKind>(
  db: Kysely<Database>,
  kind: K,
  token: string,
): Promise<AuthorItem<K> | null> {
  const row = await contributionsOf(db)
    .selectFrom(KINDS[kind].table)
    .select([
      'id',
      'public_id',
      'status',
      'author_name',
      'body_raw',
      'body_html',
      'created_at',
      'withdrawn_at',
      'token_hash',
      'locale',
      'hidden_by_reports',
    ])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  // The index finds the row by hash; the constant-time comparison keeps the check itself timing-safe.
  if (!row?.token_hash || !tokenMatches(token, row.token_hash)) return null;
  const base: AuthorViewBase = {
    id: row.id,
    publicId: row.public_id,
    status: row.status,
    authorName: row.author_name,
    body: row.body_raw,
    bodyHtml: row.body_html,
    createdAt: row.created_at,
    withdrawn: row.withdrawn_at !== null,
    locale: row.locale,
    hiddenByReports: row.hidden_by_reports,
  };
  const own: AuthorViews[K] = await PARTS[kind].view(db, row.id);
  // The same object for every K; TypeScript cannot see that a generic K picks one member of the
  // mapped union (microsoft/TypeScript#30581), hence the cast.
  return { ...base, kind, ...own } as unknown as AuthorItem<K>;
}

/**
 * The text a private link opens, or null for any token we did not issue. Every text has a link of
 * its own, shown once to whoever wrote it: one link never reaches another text, so a leaked or
 * forwarded link exposes exactly what was written with it. With `kind`, only a text of that kind.
 */
export async function findByAuthorToken<K extends ContributionKind = ContributionKind>(
  db: Kysely<Database>,
  token: string,
  kind?: K,
): Promise<AuthorItem<K> | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const kinds = (kind ? [kind] : CONTRIBUTION_KINDS) as readonly K[];
  for (const each of kinds) {
    const item = await findOfKind(db, each, token);
    if (item) return item;
  }
  return null;
}

/**
 * The author corrects their text while it still awaits moderation: re-sanitised, and re-checked
 * by the discussion rules as a new submission would be (a disallowed word sends it to spam, a
 * moderation word or too many links flags it for the moderators; an edit never publishes).
 * Returns the status it now has. Throws AuthorLinkError or SanitizeError, before any write.
 */
export async function editPendingByAuthor<K extends ContributionKind>(
  db: Kysely<Database>,
  kind: K,
  token: string,
  edit: AuthorEdits[K],
  now = new Date(),
): Promise<SouvenirStatus> {
  const current = await findByAuthorToken(db, token, kind);
  if (!current) throw new AuthorLinkError('not_found');
  if (current.withdrawn) throw new AuthorLinkError('withdrawn');
  if (current.status !== 'pending') throw new AuthorLinkError('not_pending');
  const part: AuthorLinkPart<K> = PARTS[kind];
  const bodyHtml = sanitizeContributionBody(edit.body).html;
  const author = await contributionsOf(db)
    .selectFrom(KINDS[kind].table)
    .select(['author_name', 'author_email'])
    .where('id', '=', current.id)
    .executeTakeFirstOrThrow();
  const verdict = await evaluateSubmission(
    db,
    {
      kind,
      name: author.author_name,
      email: author.author_email,
      body: edit.body,
      ipHash: null,
      now,
      ...(await part.ruleFields(db, current.id, edit)),
    },
    { recheck: true },
  );
  const status = verdict.outcome === 'spam' ? 'spam' : 'pending';
  await db.transaction().execute(async (trx) => {
    const updated = await contributionsOf(trx)
      .updateTable(KINDS[kind].table)
      .set({
        body_raw: edit.body,
        body_html: bodyHtml,
        status,
        // Spam is a bin: a moderator's "restore" puts it back in the queue.
        previous_status: status === 'spam' ? 'pending' : null,
        flag_reasons: verdict.reasons,
        updated_at: now,
      })
      .where('id', '=', current.id)
      .where('status', '=', 'pending')
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new AuthorLinkError('not_pending');
    await part.saveOwnColumns(trx, current.id, edit, bodyHtml);
    await recordEvent(trx, {
      actor: AUTHOR_ACTOR,
      action: 'author_edit',
      targetType: kind,
      targetId: current.id,
      before: { status: 'pending' },
      after: { status, flagReasons: verdict.reasons },
    });
  });
  return status;
}

/**
 * Withdraws whatever the link opens, for good, whatever its status, and says what it was.
 * Erased as `eraseContribution` says: text, name and email gone, also from earlier audit rows; a
 * tombstone event stays; counts follow and the wall is told when the public saw it.
 * Withdrawing twice changes nothing. Throws AuthorLinkError `not_found`.
 */
export async function withdrawByAuthor(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<ContributionKind> {
  const current = await findByAuthorToken(db, token);
  if (!current) throw new AuthorLinkError('not_found');
  if (!current.withdrawn) {
    await db
      .transaction()
      .execute((trx) =>
        eraseContribution(trx, current.kind, current.id, { actor: AUTHOR_ACTOR, action: 'withdraw', now }),
      );
  }
  return current.kind;
}
