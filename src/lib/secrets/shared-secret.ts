import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/index.ts';

/** The secrets every host shares, by their row name. */
export type SecretName = 'ip_hash' | 'astro_key';

/**
 * The value of a shared secret: the row if one exists, else `candidate` inserted. Two hosts
 * starting together both try to insert; `on conflict do nothing` lets exactly one win, and both
 * then read the winner's value, so they never disagree.
 */
export async function sharedSecret(db: Kysely<Database>, name: SecretName, candidate: string): Promise<string> {
  await db
    .insertInto('app_secret')
    .values({ name, value: candidate, created_at: new Date() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('app_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}

/** A fresh random secret in the form each one needs. */
export function newSecret(name: SecretName): string {
  // Astro's ASTRO_KEY is a raw AES-256-GCM key in base64 (what `astro create-key` prints).
  return name === 'astro_key' ? randomBytes(32).toString('base64') : randomBytes(32).toString('base64url');
}

/**
 * The key Astro bakes into a build to encrypt server-island props and Action results. Every host
 * must build with the same one, or an island rendered by one host cannot be opened by another
 * (measured: 400). ASTRO_KEY in the environment overrides the shared one.
 */
export function astroKey(db: Kysely<Database>, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return Promise.resolve(fromEnv);
  return sharedSecret(db, 'astro_key', newSecret('astro_key'));
}
