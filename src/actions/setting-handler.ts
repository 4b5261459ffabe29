import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { getDb } from '../lib/runtime.ts';
import type { Actor } from '../lib/moderation/audit.ts';
import { actorOf, adminHandler } from './admin-handler.ts';

/**
 * The handler by which an admin saves one of the site's settings (settings/setting-row.ts): the
 * Action's schema has validated the form; `save` checks, stores and journals it in one transaction.
 */
export function settingHandler<Value>(
  where: string,
  save: (db: Kysely<Database>, value: Value, actor: Actor) => Promise<unknown>,
) {
  return adminHandler(where, async (value: Value, admin) => {
    await save(await getDb(), value, actorOf(admin));
    return { saved: true };
  });
}
