import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, ForgottenReason } from '../../../db/types.ts';

/** A post's address as we keep it once forgotten: recognisable, not readable. */
export function forgottenKey(remoteUri: string): string {
  return createHash('sha256').update(remoteUri).digest('hex');
}

/**
 * Deletes one gathered post for good, in the caller's transaction: its row goes (and with it the
 * request, its re-encoded photos and variants, by cascade) and the hash of its address stays, so no
 * source ever gathers it again and nobody can ask its author twice. False when it was already gone.
 */
export async function forgetPostForGood(
  trx: Transaction<Database>,
  itemId: number,
  reason: ForgottenReason,
  now = new Date(),
): Promise<boolean> {
  const item = await trx.deleteFrom('import_item').where('id', '=', itemId).returning('remote_uri').executeTakeFirst();
  if (!item) return false;
  await trx
    .insertInto('import_forgotten')
    .values({ remote_uri_sha256: forgottenKey(item.remote_uri), reason, forgotten_at: now })
    .onConflict((oc) => oc.column('remote_uri_sha256').doNothing())
    .execute();
  return true;
}

/** Of these addresses, the ones forgotten for good (gathering leaves them out). */
export async function forgottenAmong(db: Kysely<Database>, remoteUris: readonly string[]): Promise<Set<string>> {
  if (remoteUris.length === 0) return new Set();
  const byKey = new Map(remoteUris.map((uri) => [forgottenKey(uri), uri]));
  const rows = await db
    .selectFrom('import_forgotten')
    .select('remote_uri_sha256')
    .where('remote_uri_sha256', 'in', [...byKey.keys()])
    .execute();
  return new Set(rows.map((row) => byKey.get(row.remote_uri_sha256)!));
}
