import { sql } from 'kysely';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { hashToken, tokenMatches } from '../security/tokens.ts';
import { sanitizeContributionBody, toPlainText } from '../sanitize/sanitize.ts';
import { recordEvent } from '../moderation/audit.ts';
import { evaluateSubmission } from '../rules/evaluate.ts';
import type { Submission } from '../rules/evaluate.ts';
import { eraseContribution } from './erase.ts';
import { extractHashtags } from '../souvenirs/hashtags.ts';
import { CONTRIBUTION_KINDS, KINDS, contributionsOf } from './kinds.ts';
import type { ContributionKind, ContributionTable } from './kinds.ts';
import { DomainError } from '../errors.ts';
import { commentsWithSouvenirs } from '../comments/with-souvenir.ts';

/** What the author sees of their text behind the private link, whatever its kind. */
interface AuthorViewBase {
  id: number;
  publicId: string;
  status: SouvenirStatus;
  authorName: string;
  body: string;
  bodyHtml: string;
  createdAt: Date;
  /** When its text last changed (by its author or a moderator): a correction is made on this version. */
  updatedAt: Date;
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

export type AuthorLinkErrorCode = 'not_found' | 'not_pending' | 'withdrawn' | 'changed';

export class AuthorLinkError extends DomainError<AuthorLinkErrorCode> {
  constructor(code: AuthorLinkErrorCode) {
    super('AuthorLinkError', 'author link', code);
  }
}

/** What `newToken()` issues: 24 random bytes in base64url. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;
/** Who acts through a private link, as the journal shows it. */
export const AUTHOR_ACTOR = { id: null, label: 'author' } as const;

/** The columns of a text the link reads, whatever its kind. */
const LINK_COLUMNS = [
  'id',
  'public_id',
  'status',
  'author_name',
  'author_email',
  'body_raw',
  'body_html',
  'created_at',
  'updated_at',
  'withdrawn_at',
  'token_hash',
  'locale',
  'hidden_by_reports',
] as const;
type LinkRow = Pick<Selectable<ContributionTable>, (typeof LINK_COLUMNS)[number]>;

/** What the discussion rules read besides name, email and text (see `evaluateSubmission`). */
type RuleFields = Omit<Submission, 'kind' | 'name' | 'email' | 'body' | 'ipHash' | 'now'>;

/** A text found by its link, as its kind reads it: the shared row and the kind's own part. */
interface Opened<K extends ContributionKind> {
  row: LinkRow;
  own: AuthorViews[K];
  ruleFields(edit: AuthorEdits[K]): RuleFields;
}

/** What the link steps need to know of one kind, besides the columns every kind shares. */
interface AuthorLinkPart<K extends ContributionKind> {
  /** The text whose token hashes to `tokenHash`, shared and own columns in one query. */
  open(db: Kysely<Database>, tokenHash: string): Promise<Opened<K> | undefined>;
  /** Writes the kind's own corrected columns, once the shared ones are written. */
  saveOwnColumns(trx: Transaction<Database>, id: number, edit: AuthorEdits[K], bodyHtml: string): Promise<void>;
}

const PARTS: { [K in ContributionKind]: AuthorLinkPart<K> } = {
  souvenir: {
    async open(db, tokenHash) {
      const row = await db
        .selectFrom('souvenir')
        .select([...LINK_COLUMNS, 'title', 'memory_year', 'event'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return (
        row && {
          row,
          own: { title: row.title, memoryYear: row.memory_year, event: row.event },
          ruleFields: (edit) => ({ website: null, otherFields: [edit.title, edit.event] }),
        }
      );
    },
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
    async open(db, tokenHash) {
      const row = await commentsWithSouvenirs(db)
        .select(LINK_COLUMNS.map((column) => `c.${column}` as const))
        .select(['c.author_website', 'c.souvenir_id', 'c.parent_id'])
        .select([
          's.public_id as souvenir_public_id',
          's.title as souvenir_title',
          's.author_name as souvenir_author_name',
          's.status as souvenir_status',
          's.hidden_by_reports as souvenir_hidden_by_reports',
        ])
        .where('c.token_hash', '=', tokenHash)
        .executeTakeFirst();
      return (
        row && {
          row,
          own: {
            souvenir: {
              publicId: row.souvenir_public_id,
              title: row.souvenir_title,
              authorName: row.souvenir_author_name,
              published: row.souvenir_status === 'approved' && !row.souvenir_hidden_by_reports,
            },
            isReply: row.parent_id !== null,
          },
          ruleFields: () => ({ website: row.author_website, souvenirId: row.souvenir_id, parentId: row.parent_id }),
        }
      );
    },
    // A comment has no column of its own to correct: its text is all there is.
    saveOwnColumns: async () => {},
  },
};

/**
 * The text of one kind a private link opens, with its author's address and what the rules read
 * of it (neither is part of the author's view), or null for any token we did not issue.
 */
async function openOfKind<K extends ContributionKind>(
  db: Kysely<Database>,
  kind: K,
  token: string,
): Promise<{ item: AuthorItem<K>; authorEmail: string; ruleFields: Opened<K>['ruleFields'] } | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const part: AuthorLinkPart<K> = PARTS[kind];
  const opened = await part.open(db, hashToken(token));
  // The index finds the row by hash; the constant-time comparison keeps the check itself timing-safe.
  if (!opened?.row.token_hash || !tokenMatches(token, opened.row.token_hash)) return null;
  const { row, own } = opened;
  const base: AuthorViewBase = {
    id: row.id,
    publicId: row.public_id,
    status: row.status,
    authorName: row.author_name,
    body: row.body_raw,
    bodyHtml: row.body_html,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    withdrawn: row.withdrawn_at !== null,
    locale: row.locale,
    hiddenByReports: row.hidden_by_reports,
  };
  // The same object for every K; TypeScript cannot see that a generic K picks one member of the
  // mapped union (microsoft/TypeScript#30581), hence the cast.
  const item = { ...base, kind, ...own } as unknown as AuthorItem<K>;
  return { item, authorEmail: row.author_email, ruleFields: opened.ruleFields };
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
  const kinds = (kind ? [kind] : CONTRIBUTION_KINDS) as readonly K[];
  for (const each of kinds) {
    const opened = await openOfKind(db, each, token);
    if (opened) return opened.item;
  }
  return null;
}

/**
 * The author corrects their text while it still awaits moderation: re-sanitised, and re-checked
 * by the discussion rules as a new submission would be (a disallowed word sends it to spam, a
 * moderation word or too many links flags it for the moderators; an edit never publishes).
 * Returns the status it now has. With `expectedUpdatedAt`, refused as `changed` when the text
 * changed since that version (a moderator corrected it). Throws AuthorLinkError or SanitizeError,
 * before any write.
 */
export async function editPendingByAuthor<K extends ContributionKind>(
  db: Kysely<Database>,
  kind: K,
  token: string,
  edit: AuthorEdits[K],
  now = new Date(),
  expectedUpdatedAt?: Date,
): Promise<SouvenirStatus> {
  const opened = await openOfKind(db, kind, token);
  if (!opened) throw new AuthorLinkError('not_found');
  const current = opened.item;
  if (current.withdrawn) throw new AuthorLinkError('withdrawn');
  if (current.status !== 'pending') throw new AuthorLinkError('not_pending');
  const bodyHtml = sanitizeContributionBody(edit.body).html;
  const verdict = await evaluateSubmission(
    db,
    {
      kind,
      name: current.authorName,
      email: opened.authorEmail,
      body: edit.body,
      ipHash: null,
      now,
      ...opened.ruleFields(edit),
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
      // The version the author corrected (the form's, to the millisecond): a moderator's
      // correction made since is never overwritten unseen.
      .$if(expectedUpdatedAt !== undefined, (qb) =>
        qb.where(sql<boolean>`abs(extract(epoch from updated_at - ${expectedUpdatedAt!}::timestamptz)) < 0.001`),
      )
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      const still = await contributionsOf(trx)
        .selectFrom(KINDS[kind].table)
        .select('status')
        .where('id', '=', current.id)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      throw new AuthorLinkError(still?.status === 'pending' ? 'changed' : 'not_pending');
    }
    const part: AuthorLinkPart<K> = PARTS[kind];
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
