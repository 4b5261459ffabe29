import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { sanitizeContributionBody, toPlainText } from '../sanitize/sanitize.ts';
import { extractHashtags } from '../souvenirs/hashtags.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { DecisionError } from '../moderation/decisions.ts';
import { KINDS, contributionsOf } from './kinds.ts';
import { sameWords } from './same-words.ts';
import { notifyWall } from './notify.ts';
import { commentsChanged } from '../comments/comment-count.ts';
import type { ContributionKind } from './kinds.ts';

/** What a moderator may correct besides the text and the name, per kind; a year or an event left out stays. */
export interface ModeratorEdits {
  souvenir: { title: string | null; memoryYear?: number | null | undefined; event?: string | null | undefined };
  comment: Record<never, never>;
}

export type EditRequest<K extends ContributionKind> = ModeratorEdits[K] & {
  id: number;
  actor: Actor;
  /** The name shown with it (a phone number or an insult typed there is public too); left out, it stays. */
  authorName?: string | undefined;
  /** The new text as typed; sanitised here exactly as a submission is (the stored one kept when only line ends differ). */
  body: string;
  /** When the moderator opened the edit form; a later change by anyone is reported as a conflict. */
  expectedUpdatedAt?: Date | null;
  reason?: string | null;
  now?: Date;
};

/** A kind's own corrected columns, read and written inside the edit's transaction. */
interface OwnColumns {
  /** As the journal records them, before and after (nothing for a kind without any). */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  unchanged: boolean;
  save(): Promise<void>;
}

interface EditPart<K extends ContributionKind> {
  ownColumns(trx: Transaction<Database>, id: number, edit: ModeratorEdits[K], bodyHtml: string): Promise<OwnColumns>;
  /** Tells the public pages that a published item now reads otherwise, inside the edit's transaction. */
  publishedChanged(trx: Transaction<Database>, id: number): Promise<void>;
}

const PARTS: { [K in ContributionKind]: EditPart<K> } = {
  souvenir: {
    async ownColumns(trx, id, edit, bodyHtml) {
      const hashtags = extractHashtags(toPlainText(bodyHtml));
      const current = await trx
        .selectFrom('souvenir')
        .select(['title', 'hashtags', 'memory_year', 'event'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const year = edit.memoryYear === undefined ? current.memory_year : edit.memoryYear;
      const event = edit.event === undefined ? current.event : edit.event;
      // The year and the event are journaled when they change, the title and the text always (as before).
      const yearChanged = year !== current.memory_year;
      const eventChanged = event !== current.event;
      return {
        before: {
          title: current.title,
          hashtags: current.hashtags,
          ...(yearChanged ? { year: current.memory_year } : {}),
          ...(eventChanged ? { event: current.event } : {}),
        },
        after: { title: edit.title, hashtags, ...(yearChanged ? { year } : {}), ...(eventChanged ? { event } : {}) },
        unchanged: current.title === edit.title && !yearChanged && !eventChanged,
        save: async () => {
          await trx
            .updateTable('souvenir')
            .set({ title: edit.title, hashtags, memory_year: year, event })
            .where('id', '=', id)
            .execute();
        },
      };
    },
    publishedChanged: (trx, id) => notifyWall(trx, id),
  },
  comment: {
    ownColumns: async () => ({ before: {}, after: {}, unchanged: true, save: async () => {} }),
    // Its souvenir's page shows the text.
    async publishedChanged(trx, id) {
      const { souvenir_id } = await trx
        .selectFrom('comment')
        .select('souvenir_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await commentsChanged(trx, souvenir_id);
    },
  },
};

/**
 * A moderator's correction of a contribution's text and name (and a souvenir's title, year and
 * event): the text re-sanitised, a
 * souvenir's hashtags extracted again, with an `edit` audit row holding what changed before and
 * after, in one transaction. Returns whether anything changed: when every field already reads
 * so (the text's line ends aside), nothing is written or logged. Throws SanitizeError (before any write) or
 * DecisionError (not_found, conflict, not_allowed when withdrawn).
 */
export async function editContribution<K extends ContributionKind>(
  db: Kysely<Database>,
  kind: K,
  request: EditRequest<K>,
): Promise<{ changed: boolean }> {
  const bodyHtml = sanitizeContributionBody(request.body).html;
  const now = request.now ?? new Date();
  const part: EditPart<K> = PARTS[kind];

  return db.transaction().execute(async (trx) => {
    const current = await contributionsOf(trx)
      .selectFrom(KINDS[kind].table)
      .select(['status', 'body_raw', 'author_name', 'updated_at', 'withdrawn_at'])
      .where('id', '=', request.id)
      // Holds the row until commit on PostgreSQL, so two edits cannot both pass the check below.
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new DecisionError('not_found');
    // Erased by its author or an admin: a moderator must not write text back under their name.
    if (current.withdrawn_at) throw new DecisionError('not_allowed', current.status);
    // Timestamps reach the form with millisecond precision; the column may hold microseconds.
    const expected = request.expectedUpdatedAt;
    if (expected && Math.abs(current.updated_at.getTime() - expected.getTime()) >= 1) {
      throw new DecisionError('conflict', current.status);
    }
    // The same words sent back by a browser's form (CRLF line ends): kept as stored, so that a
    // correction of the title alone changes neither the text nor the journal's account of it.
    // The sanitiser reads both alike (sameWords), so the HTML made of the text sent is the stored text's.
    const keptWords = sameWords(current.body_raw, request.body);
    const body = keptWords ? current.body_raw : request.body;
    const own = await part.ownColumns(trx, request.id, request, bodyHtml);
    const authorName = request.authorName ?? current.author_name;
    const renamed = authorName !== current.author_name;
    if (own.unchanged && keptWords && !renamed) {
      return { changed: false };
    }

    await contributionsOf(trx)
      .updateTable(KINDS[kind].table)
      .set({ body_raw: body, body_html: bodyHtml, author_name: authorName, updated_at: now })
      .where('id', '=', request.id)
      .execute();
    await own.save();
    await recordEvent(trx, {
      actor: request.actor,
      action: 'edit',
      targetType: kind,
      targetId: request.id,
      reason: request.reason ?? null,
      before: { ...(renamed ? { name: current.author_name } : {}), ...own.before, body: current.body_raw },
      after: { ...(renamed ? { name: authorName } : {}), ...own.after, body },
    });
    if (current.status === 'approved') await part.publishedChanged(trx, request.id);
    return { changed: true };
  });
}
