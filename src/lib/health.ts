import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

export interface Health {
  ok: boolean;
  database: 'up' | 'down';
  engine: string;
}

/** Whether the database answers a trivial query within `timeoutMs`. */
export async function checkHealth(db: Kysely<Database>, engine: string, timeoutMs = 2_000): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('health check timed out')), timeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(db), timeout]);
    return { ok: true, database: 'up', engine };
  } catch (error) {
    console.warn('[health] database check failed:', (error as Error).message);
    return { ok: false, database: 'down', engine };
  } finally {
    clearTimeout(timer);
  }
}
