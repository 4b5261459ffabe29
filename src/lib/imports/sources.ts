import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, ImportSourceKind } from '../../../db/types.ts';
import { DomainError } from '../errors.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';

/** The movement's hashtag, used when an admin names none. */
export const DEFAULT_HASHTAG = 'MonPlusBeauSouvenirDuBataclan';

export const SOURCE_KINDS: readonly ImportSourceKind[] = ['mastodon', 'bluesky', 'rss'];

/** Who changed a source from the command line, as the journal shows it. */
export const SCRIPT_ACTOR: Actor = { id: null, label: 'script' };

export type ImportSourceErrorCode =
  | 'not_an_address'
  | 'credentials_in_address'
  | 'https_only'
  | 'bad_hashtag'
  | 'unknown_kind'
  | 'bluesky_needs_account'
  | 'has_consented_posts'
  | 'not_found'
  | 'busy';

/** The sentence the command line prints for each refusal (the admin form shows the catalogue's). */
const CLI_SENTENCES: Record<ImportSourceErrorCode, string> = {
  not_an_address: 'Not an address.',
  credentials_in_address: 'The address must not carry a name or password.',
  https_only: 'Only https:// addresses are accepted.',
  bad_hashtag: 'Not a hashtag (letters, digits and _ only).',
  unknown_kind: 'Unknown kind of source.',
  bluesky_needs_account: 'A Bluesky source needs the account and an app password.',
  has_consented_posts: 'Posts from this source were consented to: pause it instead.',
  not_found: 'No such source.',
  busy: 'This source is being read by another process: try again in a moment.',
};

/** A source refused as configured: `code` for the form's message, `message` for the command line. */
export class ImportSourceError extends DomainError<ImportSourceErrorCode> {
  constructor(code: ImportSourceErrorCode) {
    super('ImportSourceError', 'Import source refused', code);
    this.message = CLI_SENTENCES[code];
  }
}

/** What an admin gives to add a source. */
export interface NewImportSource {
  kind: ImportSourceKind;
  url: string;
  hashtags?: string[];
  account?: string | null;
  appPassword?: string | null;
  /** Mastodon: the association's access token, to reply from its account when asking authors. */
  accessToken?: string | null;
}

/** How far a source's address may stray from public HTTPS: only tests allow a local http server. */
export interface AddressPolicy {
  allowLocal: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether the policy lets us ask this address: https, or http to a loopback address in tests. */
export function isAllowedAddress(url: URL, policy: AddressPolicy): boolean {
  if (url.protocol === 'https:') return true;
  return policy.allowLocal && url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
}

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
    throw new ImportSourceError('not_an_address');
  }
  if (url.username || url.password) throw new ImportSourceError('credentials_in_address');
  if (!isAllowedAddress(url, policy)) throw new ImportSourceError('https_only');
  return kind === 'rss' ? url.toString() : url.origin;
}

/** A hashtag without its '#', letters, digits and underscores only (Mastodon's own rule). */
export function checkedHashtag(raw: string): string {
  const tag = raw.trim().replace(/^#/, '');
  if (!/^[\p{L}\p{N}_]{1,100}$/u.test(tag)) throw new ImportSourceError('bad_hashtag');
  return tag;
}

/**
 * Adds a source, due at once, and journals who added it (never its secrets); returns its id.
 * Throws ImportSourceError for an address, hashtag or account it refuses.
 */
export async function addImportSource(
  db: Kysely<Database>,
  input: NewImportSource,
  policy: AddressPolicy,
  now = new Date(),
  actor: Actor = SCRIPT_ACTOR,
): Promise<number> {
  if (!SOURCE_KINDS.includes(input.kind)) throw new ImportSourceError('unknown_kind');
  const baseUrl = checkedSourceUrl(input.kind, input.url, policy);
  const hashtags =
    input.kind === 'rss' ? [] : (input.hashtags?.length ? input.hashtags : [DEFAULT_HASHTAG]).map(checkedHashtag);
  if (input.kind === 'bluesky' && (!input.account || !input.appPassword)) {
    throw new ImportSourceError('bluesky_needs_account');
  }
  const accessToken = input.kind === 'mastodon' ? input.accessToken?.trim() || null : null;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('import_source')
      .values({
        kind: input.kind,
        base_url: baseUrl,
        hashtags,
        account: input.account?.trim() || null,
        app_password: input.appPassword ?? null,
        access_token: accessToken,
        next_run_at: now,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await recordEvent(trx, {
      actor,
      action: 'import_source.add',
      targetType: 'import_source',
      targetId: id,
      after: { kind: input.kind, url: baseUrl, hashtags, secret: Boolean(input.appPassword || accessToken) },
    });
    return id;
  });
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
      // Whether a secret is kept, never the secret: the form says "set / not set".
      sql<boolean>`(app_password is not null or access_token is not null)`.as('has_secret'),
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

/** One row of `listImportSources`: a source and its status line, its secrets reduced to `has_secret`. */
export type ImportSourceRow = Awaited<ReturnType<typeof listImportSources>>[number];

/** Pauses or resumes a source (a paused one is never read), journaled; false when there is no such source. */
export async function setImportSourceEnabled(
  db: Kysely<Database>,
  id: number,
  enabled: boolean,
  actor: Actor = SCRIPT_ACTOR,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('import_source').set({ enabled }).where('id', '=', id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordEvent(trx, {
      actor,
      action: enabled ? 'import_source.resume' : 'import_source.pause',
      targetType: 'import_source',
      targetId: id,
    });
    return true;
  });
}

/**
 * Removes a source with its checkpoints and every post gathered from it that nobody consented to
 * publish (their photos with them), journaled. Throws ImportSourceError('has_consented_posts')
 * while it holds a consented post.
 */
export async function removeImportSource(
  db: Kysely<Database>,
  id: number,
  actor: Actor = SCRIPT_ACTOR,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const kept = await trx
      .selectFrom('import_item')
      .select('id')
      .where('source_id', '=', id)
      .where('consented_at', 'is not', null)
      .executeTakeFirst();
    // A consented post outlives its source only in a later slice; until then the source stays.
    if (kept) throw new ImportSourceError('has_consented_posts');
    const removed = await trx
      .deleteFrom('import_source')
      .where('id', '=', id)
      .returning(['kind', 'base_url'])
      .executeTakeFirst();
    if (!removed) return false;
    await recordEvent(trx, {
      actor,
      action: 'import_source.remove',
      targetType: 'import_source',
      targetId: id,
      before: { kind: removed.kind, url: removed.base_url },
    });
    return true;
  });
}
