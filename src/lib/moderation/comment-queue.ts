import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { findQueueItem } from '../contributions/queue.ts';

// The comment edit page's entry point, until that page reads `findQueueItem` itself.
export const findQueueComment = (db: Kysely<Database>, id: number) => findQueueItem(db, 'comment', id);
