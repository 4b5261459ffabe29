import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';

const VERSION = sql<string>`((select coalesce(max(seq), 0) from wall_event)::int || '.' || coalesce((select candles from wall_stat where id = 1), 0)::int)`;

/**
 * What the public pages show, as one string: the wall's change sequence (wall/changes.ts) and the
 * candle total, both read from the database in one statement, so every host reads the same
 * version for the same content.
 */
export async function contentVersion(db: Kysely<Database>): Promise<string> {
  const row = await sql<{ version: string }>`select ${VERSION} as version`.execute(db);
  return row.rows[0]?.version ?? '0.0';
}

/** The same version as a column (`content_version`) of the statement that reads what it versions: one snapshot, one round trip. */
export function contentVersionColumn() {
  return VERSION.as('content_version');
}

/**
 * A strong ETag from what a page is made of rather than from its bytes: the page (its cache key),
 * the build that rendered it and the content version. Two hosts serving one build thus give the
 * same tag (bytes differ between renders: island props are encrypted with a fresh nonce), and a
 * 304 is possible whichever host a revalidation reaches.
 */
export function versionEtag(pageKey: string, build: string, version: string): string {
  const digest = createHash('sha256').update(`${build}\n${version}\n${pageKey}`).digest('base64url');
  return `"v${digest.slice(0, 26)}"`;
}

const KEY = Symbol.for('mur-des-souvenirs.build-identity');
type Holder = { [KEY]?: string };

/** Set once by the start script from the build's files (scripts/lib/builds.ts). */
export function setBuildIdentity(identity: string): void {
  (globalThis as Holder)[KEY] = identity;
}

/** The identity of the build this process serves, or null (astro dev, tests): tags then come from bytes. */
export function buildIdentity(): string | null {
  return (globalThis as Holder)[KEY] ?? null;
}
