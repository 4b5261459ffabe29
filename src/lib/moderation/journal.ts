import { sql } from 'kysely';
import type { InferResult, Kysely } from 'kysely';
import type { Database, ModerationEventRow } from '../../../db/types.ts';
import { DECISIONS } from './decisions.ts';
import { keyset, keysetPage } from '../pagination/keyset.ts';
import type { KeysetCursor } from '../pagination/keyset-cursor.ts';

export const JOURNAL_PAGE_SIZE = 50;

/** The actions the journal's filter offers; the log itself accepts any name. */
export const JOURNAL_ACTIONS: readonly string[] = [
  'submit',
  ...DECISIONS,
  'revert',
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
  // The venue's screen and the anniversary (issue 21).
  'screen.add',
  'screen.remove',
  'screen.arrange',
  'screen.skip',
  'screen.pause',
  'screen.resume',
  'screen.freeze',
  'screen.unfreeze',
  'screen.mode',
  'screen.silence',
  'anniversary.schedule',
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

function selectEvents(db: Kysely<Database>) {
  return db
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
    ]);
}

function toJournalEvent(row: InferResult<ReturnType<typeof selectEvents>>[number]): JournalEvent {
  return {
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
  };
}

/** The audit log, newest first, by keyset on (occurred_at, id), with each actor's display name. */
export async function listEvents(db: Kysely<Database>, query: JournalQuery = {}): Promise<JournalPage> {
  const limit = query.limit ?? JOURNAL_PAGE_SIZE;
  let select = selectEvents(db).$call(
    keyset({ at: 'e.occurred_at', id: 'e.id', direction: 'desc', cursor: query.cursor, limit }),
  );
  if (query.actorId != null) select = select.where('e.actor_id', '=', query.actorId);
  if (query.action) select = select.where('e.action', '=', query.action);
  if (query.from) select = select.where('e.occurred_at', '>=', query.from);
  if (query.to) select = select.where('e.occurred_at', '<', query.to);
  const page = keysetPage((await select.execute()).map(toJournalEvent), limit, (e) => ({ at: e.occurredAt, id: e.id }));
  return { events: page.items, next: page.next };
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
