import type { Transaction, UpdateResult } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { contributionsOf } from './kinds.ts';
import type { ContributionKind } from './kinds.ts';
import { shownChanged } from './notify.ts';
import { deletePhotosOf } from '../photos/manage.ts';
import { eraseMailOf } from '../mail/erase.ts';
import { eraseSubscriptionsTo } from '../mail/subscriptions.ts';

/** Why an item is erased: its author withdrew it through their link, or an admin erased an address's data. */
export type ErasureAction = 'withdraw' | 'erase';

export interface Erasure {
  actor: Actor;
  action: ErasureAction;
  now: Date;
}

/** What an erasure found; null when the item does not exist or was already erased. */
export interface Erased {
  status: SouvenirStatus;
  /** It was on the public pages until now (approved and not hidden by reports). */
  wasPublic: boolean;
}

/** Stands in for a name or an address a moderator typed in a reason. */
const SCRUBBED = '[…]';

/** `text` without any occurrence (any case) of the given words. */
export function scrub(text: string, needles: readonly string[]): string {
  let result = text;
  // Longest first: a name that contains another ("Léa Dubois", "Léa") is blanked whole.
  for (const needle of [...needles].sort((a, b) => b.length - a.length)) {
    if (needle.trim().length < 2) continue;
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    result = result.replace(new RegExp(escaped, 'giu'), SCRUBBED);
  }
  return result;
}

/**
 * The journal keeps that something happened to the item, not what it said: the snapshots of
 * earlier rows (texts before and after an edit, flags) are dropped, and the name or address a
 * moderator may have typed in a reason is blanked. Reports about the item go: their notes may
 * quote it, and there is nothing left to decide.
 */
async function forgetHistory(trx: Transaction<Database>, kind: ContributionKind, id: number, current: string[]) {
  // A name a moderator changed is in the edits' snapshots: a reason may quote it as well as the current one.
  const needles = [...current, ...(await earlierNames(trx, kind, id))];
  await trx
    .updateTable('moderation_event')
    .set({ before: null, after: null })
    .where('target_type', '=', kind)
    .where('target_id', '=', id)
    .execute();
  const reasons = await trx
    .selectFrom('moderation_event')
    .select(['id', 'reason'])
    .where('target_type', '=', kind)
    .where('target_id', '=', id)
    .where('reason', 'is not', null)
    .execute();
  for (const row of reasons) {
    const cleaned = scrub(row.reason!, needles);
    if (cleaned !== row.reason)
      await trx.updateTable('moderation_event').set({ reason: cleaned }).where('id', '=', row.id).execute();
  }
  await trx.deleteFrom('report').where('target_type', '=', kind).where('target_id', '=', id).execute();
}

/** The author names the item's edits replaced or set (their snapshots' `name`, edit.ts), before those snapshots go. */
async function earlierNames(trx: Transaction<Database>, kind: ContributionKind, id: number): Promise<string[]> {
  const edits = await trx
    .selectFrom('moderation_event')
    .select(['before', 'after'])
    .where('target_type', '=', kind)
    .where('target_id', '=', id)
    .where('action', '=', 'edit')
    .execute();
  const names = new Set<string>();
  for (const snapshot of edits.flatMap((edit) => [edit.before, edit.after])) {
    const name = (snapshot as { name?: unknown } | null)?.name;
    if (typeof name === 'string') names.add(name);
  }
  return [...names];
}

/** What every kind loses: text, name, email, flags and IP hash; the row stays as a tombstone. */
function erasedColumns(now: Date) {
  return {
    status: 'trash' as const,
    previous_status: null,
    hidden_by_reports: false,
    author_name: '',
    author_email: '',
    body_raw: '',
    body_html: '',
    flag_reasons: [],
    ip_hash: null,
    approved_at: null,
    withdrawn_at: now,
    updated_at: now,
  };
}

type ErasedColumns = ReturnType<typeof erasedColumns>;

/**
 * Each kind's own columns that can say who wrote it or what: a souvenir's title, event, year and
 * hashtags (and its pin), a comment's website. One update per erasure, so the wall's triggers
 * (migrations 004/006) see the row leave `approved` with its old hashtags and year in one step.
 */
const ERASE_ROW: Record<
  ContributionKind,
  (trx: Transaction<Database>, id: number, erased: ErasedColumns) => Promise<UpdateResult>
> = {
  // A souvenir's photos go with their bytes: a picture can say more about its author than a name.
  souvenir: async (trx, id, erased) => {
    await deletePhotosOf(trx, id);
    return trx
      .updateTable('souvenir')
      .set({ ...erased, pinned: false, title: null, event: null, memory_year: null, hashtags: [] })
      .where('id', '=', id)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
  },
  comment: (trx, id, erased) =>
    trx
      .updateTable('comment')
      .set({ ...erased, author_website: null })
      .where('id', '=', id)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst(),
};

/**
 * Erases a contribution for good inside the caller's transaction: its text, its author's name
 * and email, its own identifying columns, flags and IP hash go; the row stays in the trash as a
 * tombstone (its public id answers 404) with one audit row saying who erased it, and the history
 * forgets what it said. When the public saw it, it leaves the public pages as any decision would:
 * the wall is told of a souvenir; a comment leaves its souvenir's kept count. The wall's figures,
 * years, hashtags and contributors follow by trigger.
 * What others wrote around it stays theirs (each text has its own link): comments under an erased
 * souvenir are no longer shown, as under any souvenir taken off the wall; replies to an erased
 * comment stay under "this comment was removed" (list-comments.ts), unlike `deleteComment`, which
 * removes a thread on a moderator's order.
 */
export async function eraseContribution(
  trx: Transaction<Database>,
  kind: ContributionKind,
  id: number,
  erasure: Erasure,
): Promise<Erased | null> {
  const current = await contributionsOf(trx)
    .selectFrom(kind)
    .select(['status', 'author_name', 'author_email', 'hidden_by_reports', 'withdrawn_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current || current.withdrawn_at !== null) return null;
  const wasPublic = current.status === 'approved' && !current.hidden_by_reports;
  const erased = await ERASE_ROW[kind](trx, id, erasedColumns(erasure.now));
  if (erased.numUpdatedRows === 0n) return null;
  await forgetHistory(trx, kind, id, [current.author_email, current.author_name]);
  // Nobody is written to about it any more, and its author's address is forgotten by the outbox too.
  await eraseSubscriptionsTo(trx, kind, id);
  await eraseMailOf(trx, current.author_email);
  await recordEvent(trx, {
    actor: erasure.actor,
    action: erasure.action,
    targetType: kind,
    targetId: id,
    before: { status: current.status },
    after: { status: 'trash', withdrawn: true },
  });
  if (wasPublic) await shownChanged(trx, kind, id, -1);
  return { status: current.status, wasPublic };
}
