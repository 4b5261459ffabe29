import type { Insertable, Kysely, Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { CommentTable, Database, SouvenirStatus, SouvenirTable } from '../../../db/types.ts';
import { newPublicId, newToken, hashToken } from '../security/tokens.ts';
import { auditColumns } from '../moderation/audit.ts';
import { contributionsOf } from './kinds.ts';
import type { ContributionKind, ContributionTable } from './kinds.ts';
import { queueReceived, queueReplies } from '../mail/contribution-mail.ts';
import type { MailRequest } from '../mail/contribution-mail.ts';
import { NEW_ITEM_MODES, queueNewItemNotices, teamRecipientsQuery } from '../mail/team.ts';
import { toPlainText } from '../sanitize/sanitize.ts';

/** What every kind's form asks of its author. */
export interface ContributionDraft {
  authorName: string;
  authorEmail: string;
  body: string;
  locale: string;
}

export interface SubmissionContext {
  ipHash: string | null;
  /** Status the discussion rules decided; a fresh contribution waits for moderation. */
  status?: SouvenirStatus;
  flagReasons?: string[];
  /** Demo data (`npm run seed:demo`): journaled as the demo's, not the public's. */
  isDemo?: boolean;
  now?: Date;
  /**
   * Writes to the author (the *received* message with the private link, and an unconfirmed
   * subscription when `subscribe`), in the same transaction as the row. The public's forms set
   * it; scripts and demo data do not, and spam is never written to.
   */
  mail?: MailRequest & { subscribe?: boolean };
}

export interface Submitted {
  id: number;
  publicId: string;
  status: SouvenirStatus;
  /** The author's private link token, shown once and stored only as a hash. */
  token: string;
}

/** The columns the shared step fills; each kind passes the rest (its own columns) itself. */
type FilledColumn =
  | 'public_id'
  | 'author_name'
  | 'author_email'
  | 'body_raw'
  | 'body_html'
  | 'locale'
  | 'status'
  | 'flag_reasons'
  | 'ip_hash'
  | 'token_hash'
  | 'created_at'
  | 'updated_at'
  | 'approved_at';

/** A kind's own columns of a new row: a souvenir's title and hashtags, a comment's souvenir and parent. */
export interface OwnColumns {
  souvenir: Omit<Insertable<SouvenirTable>, FilledColumn>;
  comment: Omit<Insertable<CommentTable>, FilledColumn>;
}

/**
 * Stores a new contribution with its audit row (`submit`, the status and the rules' reasons), in
 * one statement: as atomic as a transaction, one round trip instead of two (sharing is the
 * busiest write, see `npm run bench`). The body is stored as written and as sanitised (`bodyHtml`,
 * which the caller made, so that a refusal comes before any write). Approving at once (a known
 * author) sets `approved_at`; telling the wall is the caller's, once its transaction commits.
 * With `context.mail`, the row and its messages (mail/contribution-mail.ts) are one transaction:
 * the caller's when `db` is one, else a transaction of its own.
 */
export async function insertContribution<K extends ContributionKind>(
  db: Kysely<Database>,
  kind: K,
  draft: ContributionDraft & { bodyHtml: string },
  own: OwnColumns[K],
  context: SubmissionContext,
): Promise<Submitted> {
  const token = newToken();
  const now = context.now ?? new Date();
  const status = context.status ?? 'pending';
  const flagReasons = context.flagReasons ?? [];
  const publicId = newPublicId();
  const row: Insertable<ContributionTable> = {
    ...own,
    public_id: publicId,
    author_name: draft.authorName,
    author_email: draft.authorEmail,
    body_raw: draft.body,
    body_html: draft.bodyHtml,
    locale: draft.locale,
    status,
    flag_reasons: flagReasons,
    ip_hash: context.ipHash,
    token_hash: hashToken(token),
    created_at: now,
    updated_at: now,
    approved_at: status === 'approved' ? now : null,
  };
  const tellsTeam = Boolean(context.mail) && status === 'pending' && !context.isDemo;
  const insertRow = (into: Kysely<Database>) =>
    contributionsOf(into)
      // Widened to the union: with a generic kind, Kysely's per-table overloads are not callable.
      .with('created', (qb) =>
        qb
          .insertInto(kind as ContributionKind)
          .values(row)
          .returning('id'),
      )
      .insertInto('moderation_event')
      .columns(['actor_id', 'actor_label', 'action', 'target_type', 'reason', 'before', 'after', 'target_id'])
      .expression((eb) =>
        eb.selectFrom('created').select([
          ...auditColumns({
            actor: { id: null, label: context.isDemo ? 'demo' : 'public' },
            action: 'submit',
            targetType: kind,
            after: { status, flagReasons },
          }),
          'created.id as target_id',
        ]),
      )
      .returning('target_id')
      // The members of the team to tell of a text waiting for moderation, read in the same round
      // trip (sharing is the busiest write, issue 19).
      .$if(tellsTeam, (qb) => qb.returning(jsonArrayFrom(teamRecipientsQuery(into, NEW_ITEM_MODES)).as('team')))
      .executeTakeFirstOrThrow();
  const mail = context.mail;
  if (!mail || status === 'spam' || context.isDemo) {
    const created = await insertRow(db);
    return { id: created.target_id, publicId, status, token };
  }
  const withMail = async (trx: Transaction<Database>) => {
    const { target_id: id, team } = await insertRow(trx);
    const author = { name: draft.authorName, email: draft.authorEmail, locale: draft.locale };
    await queueReceived(trx, kind, { id, token, published: status === 'approved' }, author, mail, now);
    // Approved at once (a known author): whoever follows the conversation hears of it now.
    if (kind === 'comment' && status === 'approved') await queueReplies(trx, id, mail, now);
    // Waiting for moderation: members of the team who chose every new item hear of it now.
    if (status === 'pending') {
      await queueNewItemNotices(trx, kind, { id, text: toPlainText(draft.bodyHtml) }, mail.origin, team ?? [], now);
    }
    return { id, publicId, status, token };
  };
  return db.isTransaction ? withMail(db as Transaction<Database>) : db.transaction().execute(withMail);
}
