import type { Kysely } from 'kysely';
import type { Database, ModerationEventTable } from '../../db/types.ts';

/** Which moderation journal rows a test reads: every field given must match. */
export interface JournalFilter {
  action?: string;
  target_type?: ModerationEventTable['target_type'];
  target_id?: number;
}

function journal(db: Kysely<Database>, filter: JournalFilter) {
  return db
    .selectFrom('moderation_event')
    .selectAll()
    .$if(filter.action !== undefined, (q) => q.where('action', '=', filter.action!))
    .$if(filter.target_type !== undefined, (q) => q.where('target_type', '=', filter.target_type!))
    .$if(filter.target_id !== undefined, (q) => q.where('target_id', '=', filter.target_id!))
    .orderBy('id');
}

/** The first journal row that matches (the test fails when there is none). */
export function journalEntry(db: Kysely<Database>, filter: JournalFilter) {
  return journal(db, filter).executeTakeFirstOrThrow();
}

/** Every journal row that matches, oldest first. */
export function journalEntries(db: Kysely<Database>, filter: JournalFilter) {
  return journal(db, filter).execute();
}
