import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database, NewModerationEvent } from '../../../db/types.ts';

export interface Actor {
  /** An app_user id, or null for a script, the system or the public. */
  id: number | null;
  /** Who acted, as the journal shows it ("script", "public", a username). */
  label: string;
}

export interface AuditEntry {
  actor: Actor;
  action: string;
  targetType: NewModerationEvent['target_type'];
  targetId: number;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
  /** The whole state a decision started from, for "restore the previous state" (moderation/revert.ts). */
  restoreState?: unknown;
}

/** Appends one row to the audit log; call it inside the transaction of the change it records. */
export async function recordEvent(trx: Transaction<Database> | Kysely<Database>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('moderation_event')
    .values({
      actor_id: entry.actor.id,
      actor_label: entry.actor.label,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      reason: entry.reason ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      restore_state: entry.restoreState === undefined ? null : JSON.stringify(entry.restoreState),
    })
    .execute();
}

/**
 * An audit row's columns but `target_id`, as the select list of an `insert … select` over a
 * `with created as (insert … returning id)`: a text inserted and its audit row in one statement,
 * as atomic as a transaction and one round trip instead of four (sharing is the busiest write,
 * see `npm run bench`). The casts type what PostgreSQL would otherwise read as text.
 */
export function auditColumns(entry: Omit<AuditEntry, 'targetId'>) {
  return [
    sql<number | null>`${entry.actor.id}::int`.as('actor_id'),
    sql<string>`${entry.actor.label}::text`.as('actor_label'),
    sql<string>`${entry.action}::text`.as('action'),
    sql<string>`${entry.targetType}::text`.as('target_type'),
    sql<string | null>`${entry.reason ?? null}::text`.as('reason'),
    sql<string | null>`${entry.before === undefined ? null : JSON.stringify(entry.before)}::jsonb`.as('before'),
    sql<string | null>`${entry.after === undefined ? null : JSON.stringify(entry.after)}::jsonb`.as('after'),
  ] as const;
}
