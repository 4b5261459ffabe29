import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database, ReportTargetType, SouvenirStatus } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { WALL_CHANNEL } from '../moderation/decisions.ts';
import { adjustCommentCount } from '../comments/comment-count.ts';

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
  for (const needle of needles) {
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
async function forgetHistory(trx: Transaction<Database>, type: ReportTargetType, id: number, needles: string[]) {
  await trx
    .updateTable('moderation_event')
    .set({ before: null, after: null })
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .execute();
  const reasons = await trx
    .selectFrom('moderation_event')
    .select(['id', 'reason'])
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .where('reason', 'is not', null)
    .execute();
  for (const row of reasons) {
    const cleaned = scrub(row.reason!, needles);
    if (cleaned !== row.reason) await trx.updateTable('moderation_event').set({ reason: cleaned }).where('id', '=', row.id).execute();
  }
  await trx.deleteFrom('report').where('target_type', '=', type).where('target_id', '=', id).execute();
}

/**
 * Erases a souvenir for good inside the caller's transaction: text, name, email, title, event,
 * hashtags, flags and IP hash go, the row stays in the trash as a tombstone (its public id
 * answers 404) with one audit row saying who erased it. The wall's figures, years, hashtags and
 * contributors follow by trigger (migration 004/006: the row leaves `approved`); the wall is told
 * when the public saw it. Comments other people left under it stay theirs (each has its own
 * link) and are no longer shown, as under any souvenir taken off the wall.
 */
export async function eraseSouvenir(trx: Transaction<Database>, id: number, erasure: Erasure): Promise<Erased | null> {
  const current = await trx
    .selectFrom('souvenir')
    .select(['status', 'author_name', 'author_email', 'hidden_by_reports', 'withdrawn_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current || current.withdrawn_at !== null) return null;
  const wasPublic = current.status === 'approved' && !current.hidden_by_reports;
  const erased = await trx
    .updateTable('souvenir')
    .set({
      status: 'trash',
      previous_status: null,
      pinned: false,
      hidden_by_reports: false,
      author_name: '',
      author_email: '',
      title: null,
      body_raw: '',
      body_html: '',
      event: null,
      memory_year: null,
      hashtags: [],
      flag_reasons: [],
      ip_hash: null,
      approved_at: null,
      withdrawn_at: erasure.now,
      updated_at: erasure.now,
    })
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (erased.numUpdatedRows === 0n) return null;
  await forgetHistory(trx, 'souvenir', id, [current.author_email, current.author_name]);
  await recordEvent(trx, {
    actor: erasure.actor,
    action: erasure.action,
    targetType: 'souvenir',
    targetId: id,
    before: { status: current.status },
    after: { status: 'trash', withdrawn: true },
  });
  if (wasPublic) await sql`select pg_notify(${WALL_CHANNEL}, ${String(id)})`.execute(trx);
  return { status: current.status, wasPublic };
}

/**
 * Erases a comment for good inside the caller's transaction: text, name, email, website, flags
 * and IP hash go, the row stays in the trash as a tombstone. Its replies are other people's words
 * and stay where they are, under "this comment was removed" (list-comments.ts), unlike
 * `deleteComment`, which removes a thread on a moderator's order. The souvenir's kept count
 * loses it if the public saw it (which also tells the wall); the wall's figures follow by trigger.
 */
export async function eraseComment(trx: Transaction<Database>, id: number, erasure: Erasure): Promise<Erased | null> {
  const current = await trx
    .selectFrom('comment')
    .select(['souvenir_id', 'status', 'author_name', 'author_email', 'hidden_by_reports', 'withdrawn_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current || current.withdrawn_at !== null) return null;
  const wasPublic = current.status === 'approved' && !current.hidden_by_reports;
  const erased = await trx
    .updateTable('comment')
    .set({
      status: 'trash',
      previous_status: null,
      hidden_by_reports: false,
      author_name: '',
      author_email: '',
      author_website: null,
      body_raw: '',
      body_html: '',
      flag_reasons: [],
      ip_hash: null,
      approved_at: null,
      withdrawn_at: erasure.now,
      updated_at: erasure.now,
    })
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (erased.numUpdatedRows === 0n) return null;
  await forgetHistory(trx, 'comment', id, [current.author_email, current.author_name]);
  await recordEvent(trx, {
    actor: erasure.actor,
    action: erasure.action,
    targetType: 'comment',
    targetId: id,
    before: { status: current.status },
    after: { status: 'trash', withdrawn: true },
  });
  if (wasPublic) await adjustCommentCount(trx, current.souvenir_id, -1);
  return { status: current.status, wasPublic };
}
