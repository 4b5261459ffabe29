import type { Kysely } from 'kysely';
import type { Database, ImportSourceKind } from '../../../db/types.ts';

/** The movement's hashtag, used when an admin names none. */
export const DEFAULT_HASHTAG = 'MonPlusBeauSouvenirDuBataclan';

export const SOURCE_KINDS: readonly ImportSourceKind[] = ['mastodon', 'bluesky', 'rss'];

/** A source refused as configured, with the reason for the admin. */
export class ImportSourceError extends Error {}

/** What an admin gives to add a source. */
export interface NewImportSource {
  kind: ImportSourceKind;
  url: string;
  hashtags?: string[];
  account?: string | null;
  appPassword?: string | null;
}

/** How far a source's address may stray from public HTTPS: only tests allow a local http server. */
export interface AddressPolicy {
  allowLocal: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The source's address, normalised to its origin (plus path for a feed), or ImportSourceError:
 * HTTPS only, no credentials in the URL; `http://` to a loopback address only when the policy
 * allows it (tests speak to a server of their own on 127.0.0.1).
 */
export function checkedSourceUrl(kind: ImportSourceKind, raw: string, policy: AddressPolicy): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ImportSourceError(`Not an address: ${raw}`);
  }
  if (url.username || url.password) throw new ImportSourceError('The address must not carry a name or password.');
  const local = url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(local && policy.allowLocal)) {
    throw new ImportSourceError('Only https:// addresses are accepted.');
  }
  return kind === 'rss' ? url.toString() : url.origin;
}

/** A hashtag without its '#', letters, digits and underscores only (Mastodon's own rule). */
export function checkedHashtag(raw: string): string {
  const tag = raw.trim().replace(/^#/, '');
  if (!/^[\p{L}\p{N}_]{1,100}$/u.test(tag)) throw new ImportSourceError(`Not a hashtag: ${raw}`);
  return tag;
}

/** Adds a source, due at once; returns its id. */
export async function addImportSource(
  db: Kysely<Database>,
  input: NewImportSource,
  policy: AddressPolicy,
  now = new Date(),
): Promise<number> {
  if (!SOURCE_KINDS.includes(input.kind)) throw new ImportSourceError(`Unknown kind: ${String(input.kind)}`);
  const baseUrl = checkedSourceUrl(input.kind, input.url, policy);
  const hashtags =
    input.kind === 'rss' ? [] : (input.hashtags?.length ? input.hashtags : [DEFAULT_HASHTAG]).map(checkedHashtag);
  if (input.kind === 'bluesky' && (!input.account || !input.appPassword)) {
    throw new ImportSourceError('A Bluesky source needs the account and an app password.');
  }
  const row = await db
    .insertInto('import_source')
    .values({
      kind: input.kind,
      base_url: baseUrl,
      hashtags,
      account: input.account ?? null,
      app_password: input.appPassword ?? null,
      next_run_at: now,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Every source with its status line, for the admin; the app password never leaves the database. */
export function listImportSources(db: Kysely<Database>) {
  return db
    .selectFrom('import_source')
    .select([
      'id',
      'kind',
      'base_url',
      'hashtags',
      'account',
      'enabled',
      'status',
      'last_run_at',
      'last_items',
      'last_error',
      'failures',
      'next_run_at',
    ])
    .orderBy('id')
    .execute();
}

/** Pauses or resumes a source (a paused one is never read); false when there is no such source. */
export async function setImportSourceEnabled(db: Kysely<Database>, id: number, enabled: boolean): Promise<boolean> {
  const result = await db.updateTable('import_source').set({ enabled }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Removes a source with its checkpoints and every post gathered from it that nobody consented to publish. */
export async function removeImportSource(db: Kysely<Database>, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const kept = await trx
      .selectFrom('import_item')
      .select('id')
      .where('source_id', '=', id)
      .where('consented_at', 'is not', null)
      .executeTakeFirst();
    // A consented post outlives its source only in a later slice; until then the source stays.
    if (kept) throw new ImportSourceError('Posts from this source were consented to: pause it instead.');
    const result = await trx.deleteFrom('import_source').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  });
}
