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
    })
    .execute();
}
