import type { Insertable, Kysely, Transaction } from 'kysely';
import type { CommentTable, Database, SouvenirStatus, SouvenirTable } from '../../../db/types.ts';
import { newPublicId, newToken, hashToken } from '../security/tokens.ts';
import type { ContributionKind, ContributionTable } from './kinds.ts';
import { queueReceived, queueReplies, receivedMessage } from '../mail/contribution-mail.ts';
import type { MailRequest } from '../mail/contribution-mail.ts';
import { isDeliverable } from '../mail/outbox.ts';
import { queueNewItemNotices } from '../mail/team.ts';
import type { TeamRecipient } from '../mail/team.ts';
import { RuleRefusal } from '../rules/refusal.ts';
import { toPlainText } from '../sanitize/sanitize.ts';
import { insertNewRow, insertWithReceivedMail } from './submit-statement.ts';
import type { NewRow } from './submit-statement.ts';
import type { SealedThankYou } from '../flash/thank-you.ts';

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
  /**
   * Refuse the text when it duplicates a stored one (RuleRefusal `duplicate`), in the insert
   * itself: the public's forms set it, with evaluate.ts's `duplicatesRefusedOnInsert`.
   */
  refuseDuplicates?: boolean;
  /**
   * The thanks the author's next page shows, sealed from what was stored (its private link),
   * stored with the row (one round trip less for a share, issue 19); `Submitted.thanksSecret`
   * then finds them.
   */
  thanks?: (submitted: Omit<Submitted, 'id' | 'thanksSecret'>) => SealedThankYou;
}

export interface Submitted {
  id: number;
  publicId: string;
  status: SouvenirStatus;
  /** The author's private link token, shown once and stored only as a hash. */
  token: string;
  /** With `SubmissionContext.thanks`: the cookie's value that finds the thanks stored. */
  thanksSecret?: string;
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
 * one statement (submit-statement.ts). The body is stored as written and as sanitised (`bodyHtml`,
 * which the caller made, so that a refusal comes before any write). Approving at once (a known
 * author) sets `approved_at`; telling the wall is the caller's, once its transaction commits.
 * With `context.mail`, the row and its messages (mail/contribution-mail.ts) are stored together:
 * in the same statement when the *received* message is the only one (sharing is the busiest
 * write, issue 19), else in one transaction, the caller's when `db` is one. With
 * `context.refuseDuplicates`, throws RuleRefusal `duplicate` and stores nothing when the text
 * duplicates a stored one (rules/duplicate.ts).
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
  const placed = own as { souvenir_id?: number; parent_id?: number | null };
  const refuse = context.refuseDuplicates
    ? {
        kind,
        name: draft.authorName,
        email: draft.authorEmail,
        body: draft.body,
        souvenirId: placed.souvenir_id ?? null,
        parentId: placed.parent_id ?? null,
      }
    : null;
  const sealed = context.thanks?.({ publicId, status, token });
  const target: NewRow = { kind, row, isDemo: context.isDemo ?? false, refuse, thanks: sealed?.row ?? null, now };
  const submitted = { publicId, status, token, ...(sealed ? { thanksSecret: sealed.secret } : {}) };
  const mail = context.mail;
  const tellsTeam = Boolean(mail) && status === 'pending' && !context.isDemo;
  const stored = async (into: Kysely<Database>) => {
    const created = await insertNewRow(into, target, tellsTeam);
    if (!created) throw new RuleRefusal('duplicate');
    return { id: created.target_id, team: (created as { team?: TeamRecipient[] }).team ?? [] };
  };
  if (!mail || status === 'spam' || context.isDemo) return { id: (await stored(db)).id, ...submitted };

  const author = { name: draft.authorName, email: draft.authorEmail, locale: draft.locale };
  const published = status === 'approved';
  // Only the *received* message to write (no subscription to confirm, no reply to tell, an
  // address a header may carry): all in one statement.
  if (!mail.subscribe && !(kind === 'comment' && published) && isDeliverable(author.email)) {
    const received = receivedMessage(kind, { token, published }, author, mail);
    const once = await insertWithReceivedMail(db, target, received, tellsTeam, now);
    if (once.id !== null) return { id: once.id, ...submitted };
    if (once.duplicate) throw new RuleRefusal('duplicate');
    // A member of the team is to be told too: stored below with their messages.
  }
  const withMail = async (trx: Transaction<Database>) => {
    const { id, team } = await stored(trx);
    await queueReceived(trx, kind, { id, token, published }, author, mail, now);
    // Approved at once (a known author): whoever follows the conversation hears of it now.
    if (kind === 'comment' && published) await queueReplies(trx, id, mail, now);
    // Waiting for moderation: members of the team who chose every new item hear of it now.
    if (status === 'pending') {
      await queueNewItemNotices(trx, kind, { id, text: toPlainText(draft.bodyHtml) }, mail.origin, team, now);
    }
    return { id, ...submitted };
  };
  return db.isTransaction ? withMail(db as Transaction<Database>) : db.transaction().execute(withMail);
}
