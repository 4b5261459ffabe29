import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { blueskySession } from './bluesky-session.ts';
import type { BlueskySession } from './bluesky-session.ts';
import { unpublishImported } from './publish.ts';
import { isAllowedAddress } from './sources.ts';
import type { AddressPolicy } from './sources.ts';
import { forgetPostForGood } from './forgotten.ts';
import { claimJob } from '../mail/job-row.ts';

/** The job row (in `mail_job`, the table of named jobs any process may claim) of the daily check. */
export const CHECK_JOB = 'imports.check-originals';
export const CHECK_INTERVAL_MS = 24 * 3_600_000;
/** Who unpublishes a post whose original went away, as the journal shows it. */
export const CHECK_ACTOR: Actor = { id: null, label: 'system' };
/** app.bsky.feed.getPosts takes at most 25 uris at once. */
const BLUESKY_BATCH = 25;

/** What the original looks like now: still public, gone, no longer public, or not known this time. */
export type OriginalState = 'public' | 'deleted' | 'private' | 'unknown';

/** The consent record's reason for each way an original goes away. */
export const WITHDRAWAL_REASONS = { deleted: 'original deleted', private: 'made private' } as const;

/** What one check did, for the log line. */
export interface CheckOutcome {
  checked: number;
  withdrawn: number;
  /** Originals the server did not answer about (asked again tomorrow). */
  unknown: number;
}

/**
 * Takes today's check for this process (claimJob: one process of all gets true). A process that
 * dies mid-check leaves the rest for the next day.
 */
export async function claimDailyCheck(db: Kysely<Database>, now = new Date()): Promise<boolean> {
  return claimJob(db, CHECK_JOB, CHECK_INTERVAL_MS, now);
}

function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    headers: { accept: 'application/json', ...headers },
    redirect: 'error',
    signal: AbortSignal.timeout(20_000),
  });
}

/**
 * A Mastodon status as its server shows it to anyone: 404 or 410 when deleted (or when only its
 * author's followers may see it: Mastodon hides those from the public with a 404 too), its
 * visibility otherwise.
 */
export async function mastodonOriginal(baseUrl: string, statusId: string): Promise<OriginalState> {
  try {
    const response = await get(`${baseUrl}/api/v1/statuses/${encodeURIComponent(statusId)}`);
    if (response.status === 404 || response.status === 410) return 'deleted';
    if (!response.ok) return 'unknown';
    const status = (await response.json()) as { visibility?: string };
    return status.visibility === 'public' ? 'public' : 'private';
  } catch {
    return 'unknown';
  }
}

/**
 * Bluesky posts by uri (app.bsky.feed.getPosts, signed in as the association): a post missing from
 * the answer is deleted; one whose author now asks to be hidden from logged-out viewers is private.
 */
export async function blueskyOriginals(
  baseUrl: string,
  session: BlueskySession,
  uris: readonly string[],
): Promise<Map<string, OriginalState>> {
  const states = new Map<string, OriginalState>();
  for (let at = 0; at < uris.length; at += BLUESKY_BATCH) {
    const batch = uris.slice(at, at + BLUESKY_BATCH);
    const query = new URLSearchParams(batch.map((uri) => ['uris', uri]));
    let posts: { uri: string; author?: { labels?: { val: string }[] }; labels?: { val: string }[] }[] | null = null;
    try {
      const response = await get(`${baseUrl}/xrpc/app.bsky.feed.getPosts?${query}`, {
        authorization: `Bearer ${session.accessJwt}`,
      });
      if (response.ok) posts = ((await response.json()) as { posts?: typeof posts }).posts ?? [];
    } catch {
      posts = null;
    }
    for (const uri of batch) {
      if (!posts) {
        states.set(uri, 'unknown');
        continue;
      }
      const post = posts.find((p) => p.uri === uri);
      const labels = [...(post?.author?.labels ?? []), ...(post?.labels ?? [])].map((l) => l.val);
      states.set(uri, !post ? 'deleted' : labels.includes('!no-unauthenticated') ? 'private' : 'public');
    }
  }
  return states;
}

/**
 * Unpublishes a consented post whose original went away, at once and for good: the consent record
 * says when and why, the souvenir it became is withdrawn like any (contributions' erasure: off
 * every page, text erased, photos deleted), the journal says so, and our copy is deleted.
 */
export async function unpublishGoneOriginal(
  db: Kysely<Database>,
  itemId: number,
  state: 'deleted' | 'private',
  now = new Date(),
): Promise<void> {
  const reason = WITHDRAWAL_REASONS[state];
  await db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom('import_item').select('souvenir_id').where('id', '=', itemId).executeTakeFirst();
    if (!item) return;
    // Before the item goes: its deletion sets the consent's item_id to null.
    await trx
      .updateTable('import_consent')
      .set({ withdrawn_at: now, withdrawal_reason: reason })
      .where('item_id', '=', itemId)
      .where('withdrawn_at', 'is', null)
      .execute();
    if (item.souvenir_id !== null) await unpublishImported(trx, item.souvenir_id, CHECK_ACTOR, now);
    await forgetPostForGood(trx, itemId, 'original_gone', now);
    await recordEvent(trx, {
      actor: CHECK_ACTOR,
      action: 'import.unpublish',
      targetType: 'import',
      targetId: itemId,
      reason,
      after: { souvenir: item.souvenir_id },
    });
  });
}

/**
 * The daily check (issue 20, item 7): follows the original of every post its author consented to
 * publish, and unpublishes at once those deleted or no longer public. Mastodon: the status on the
 * source's server; Bluesky: getPosts with the source's account. Feeds are not followed (an entry
 * has no state to ask). An original the server does not answer about is left for tomorrow.
 */
export async function checkOriginals(
  db: Kysely<Database>,
  now = new Date(),
  policy: AddressPolicy = { allowLocal: false },
): Promise<CheckOutcome> {
  const items = await db
    .selectFrom('import_item')
    .innerJoin('import_source', 'import_source.id', 'import_item.source_id')
    .select(['import_item.id', 'import_item.remote_uri', 'import_item.remote_id', 'import_item.source_id'])
    .select(['import_source.kind', 'import_source.base_url', 'import_source.account', 'import_source.app_password'])
    .where('import_item.consented_at', 'is not', null)
    .where('import_source.kind', 'in', ['mastodon', 'bluesky'])
    .orderBy('import_item.id')
    .execute();
  const outcome: CheckOutcome = { checked: 0, withdrawn: 0, unknown: 0 };
  const states = new Map<number, OriginalState>();
  for (const item of items) {
    if (!isAllowedAddress(new URL(item.base_url), policy)) states.set(item.id, 'unknown');
    else if (item.kind === 'mastodon')
      states.set(item.id, item.remote_id ? await mastodonOriginal(item.base_url, item.remote_id) : 'unknown');
  }
  const blueskySources = new Map(
    items.filter((i) => i.kind === 'bluesky' && !states.has(i.id)).map((i) => [i.source_id, i]),
  );
  for (const source of blueskySources.values()) {
    const ofSource = items.filter((i) => i.source_id === source.source_id);
    let found: Map<string, OriginalState> = new Map();
    try {
      const session = await blueskySession(source.base_url, source.account ?? '', source.app_password ?? '');
      found = await blueskyOriginals(
        source.base_url,
        session,
        ofSource.map((i) => i.remote_uri),
      );
    } catch {
      // Signed out or unreachable today: every post of this source is asked again tomorrow.
    }
    for (const item of ofSource) states.set(item.id, found.get(item.remote_uri) ?? 'unknown');
  }
  for (const [itemId, state] of states) {
    outcome.checked++;
    if (state === 'unknown') outcome.unknown++;
    if (state !== 'deleted' && state !== 'private') continue;
    await unpublishGoneOriginal(db, itemId, state, now);
    outcome.withdrawn++;
  }
  return outcome;
}
