import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { findQueueItem } from '../contributions/queue.ts';

// The souvenir edit page's entry point, until that page reads `findQueueItem` itself.
export const findQueueSouvenir = (db: Kysely<Database>, id: number) => findQueueItem(db, 'souvenir', id);
