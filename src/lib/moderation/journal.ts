import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, ModerationEventRow } from '../../../db/types.ts';
import { DECISIONS } from './souvenir-decisions.ts';
import { encodeKeysetCursor } from '../pagination/keyset-cursor.ts';
import type { KeysetCursor } from '../pagination/keyset-cursor.ts';

export const JOURNAL_PAGE_SIZE = 50;

/** The actions the journal's filter offers; the log itself accepts any name. */
export const JOURNAL_ACTIONS: readonly string[] = [
  'submit',
  ...DECISIONS,
  'edit',
  'author_edit',
  'withdraw',
  'erase',
  'author_link.regenerate',
  'data.search',
  'data.export',
  'data.erase',
  'reports.hide',
  'reports.dismiss',
  'user.create',
  'user.disable',
  'user.enable',
  'user.role',
  'user.password_reset',
  'user.password_change',
];

export interface JournalEvent {
  id: number;
  occurredAt: Date;
  actorId: number | null;
  /** The account's current display name, or the label written at the time (script, public, demo). */
  actorName: string;
  action: string;
  targetType: ModerationEventRow['target_type'];
  targetId: number;
  reason: string | null;
  before: unknown;
  after: unknown;
}

export interface JournalQuery {
  actorId?: number | null;
  action?: string | null;
  /** Inclusive lower bound. */
  from?: Date | null;
  /** Exclusive upper bound. */
  to?: Date | null;
  cursor?: KeysetCursor | null;
  limit?: number;
}

export interface JournalPage {
  events: JournalEvent[];
  next: string | null;
}

/** The audit log, newest first, by keyset on (occurred_at, id), with each actor's display name. */
export async function listEvents(db: Kysely<Database>, query: JournalQuery = {}): Promise<JournalPage> {
  const limit = query.limit ?? JOURNAL_PAGE_SIZE;
  let select = db
    .selectFrom('moderation_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select([
      'e.id',
      'e.occurred_at',
      'e.actor_id',
      sql<string>`coalesce(u.display_name, e.actor_label)`.as('actor_name'),
      'e.action',
      'e.target_type',
      'e.target_id',
      'e.reason',
      'e.before',
      'e.after',
    ])
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit + 1);
  if (query.actorId != null) select = select.where('e.actor_id', '=', query.actorId);
  if (query.action) select = select.where('e.action', '=', query.action);
  if (query.from) select = select.where('e.occurred_at', '>=', query.from);
  if (query.to) select = select.where('e.occurred_at', '<', query.to);
  if (query.cursor) {
    select = select.where(sql<boolean>`(e.occurred_at, e.id) < (${query.cursor.at}, ${query.cursor.id})`);
  }
  const rows = await select.execute();
  const events = rows.slice(0, limit).map(
    (row): JournalEvent => ({
      id: row.id,
      occurredAt: row.occurred_at,
      actorId: row.actor_id,
      actorName: row.actor_name,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      reason: row.reason,
      before: row.before,
      after: row.after,
    }),
  );
  const last = events.at(-1);
  const next = rows.length > limit && last ? encodeKeysetCursor({ at: last.occurredAt, id: last.id }) : null;
  return { events, next };
}

export interface JournalActor {
  id: number;
  displayName: string;
  username: string;
}

/** Every account, disabled ones included (their past decisions stay in the log), for the filter. */
export async function listJournalActors(db: Kysely<Database>): Promise<JournalActor[]> {
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'username'])
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, username: r.username }));
}
