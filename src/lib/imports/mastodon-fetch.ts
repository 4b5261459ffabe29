import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { ClaimedSource, RunOutcome } from './claim.ts';
import { checkpointOf, renewLease, saveCheckpoint } from './claim.ts';
import { postFromStatus } from './mastodon-post.ts';
import type { ImportedPost, MastodonStatus } from './mastodon-post.ts';
import { storeImportedPosts } from './queue.ts';

/** Pages read per hashtag and run: a first run backfills this far, a later one catches up this far. */
export const MAX_PAGES = 5;
const PAGE_SIZE = 40;
const USER_AGENT = 'MurDesSouvenirs/1 (+hashtag import, posts kept private until their authors consent)';

export interface FetchOptions {
  /** Tests only: lets a source at http://127.0.0.1 be read. */
  allowLocal: boolean;
  now?: Date;
  maxPages?: number;
}

type Access = 'public' | 'authenticated' | 'disabled';

/** A response the run cannot go past: its outcome says why. */
class Stop extends Error {
  readonly outcome: Omit<RunOutcome, 'items'>;
  constructor(outcome: Omit<RunOutcome, 'items'>) {
    super(outcome.error ?? outcome.status);
    this.outcome = outcome;
  }
}

/** Mastodon ids are numbers too big for JS numbers, sent as strings: compare them as such. */
export function newerId(a: string | null | undefined, b: string): string {
  if (!a) return b;
  return a.length !== b.length ? (a.length > b.length ? a : b) : a > b ? a : b;
}

/** The URLs of a `Link` header by their rel ("next" = older posts, "prev" = newer ones). */
export function parseLinkHeader(header: string | null): Map<string, string> {
  const links = new Map<string, string>();
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([a-z]+)"?/i.exec(part);
    if (match) links.set(match[2]!.toLowerCase(), match[1]!);
  }
  return links;
}

/** When the server's rate-limit window ends, if this response used it up (or nearly). */
function rateLimitReset(response: Response): Date | null {
  const remaining = Number(response.headers.get('x-ratelimit-remaining'));
  const reset = response.headers.get('x-ratelimit-reset');
  if (!reset || !Number.isFinite(remaining) || response.headers.get('x-ratelimit-remaining') === null) return null;
  if (remaining > 1 && response.status !== 429) return null;
  const at = new Date(reset);
  return Number.isNaN(at.getTime()) ? null : at;
}

async function getJson(url: string, origin: string): Promise<{ body: unknown; response: Response }> {
  if (new URL(url).origin !== origin) throw new Stop({ status: 'error', error: `A link left the server: ${url}` });
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', 'user-agent': USER_AGENT },
      redirect: 'error',
      signal: AbortSignal.timeout(20_000),
    });
  } catch (error) {
    throw new Stop({
      status: 'error',
      error: `No answer from ${origin}: ${error instanceof Error ? error.message : error}`,
    });
  }
  if (response.status === 429) {
    const reset = rateLimitReset(response);
    throw new Stop({ status: 'rate_limited', error: 'HTTP 429', ...(reset ? { notBefore: reset } : {}) });
  }
  if (response.status === 401 || response.status === 403) throw new Stop({ status: 'authenticated' });
  if (response.status === 404 || response.status === 410) throw new Stop({ status: 'disabled' });
  if (!response.ok) throw new Stop({ status: 'error', error: `HTTP ${response.status} from ${new URL(url).pathname}` });
  try {
    return { body: await response.json(), response };
  } catch {
    throw new Stop({ status: 'error', error: `Not JSON from ${new URL(url).pathname}` });
  }
}

/**
 * Who may read this server's hashtag feeds without an account (Mastodon 4.4+'s
 * `configuration.timelines_access.hashtag_feeds`; older servers say nothing, or have no v2: public).
 */
async function hashtagAccess(origin: string): Promise<{ local: Access; remote: Access }> {
  let body: unknown;
  try {
    ({ body } = await getJson(`${origin}/api/v2/instance`, origin));
  } catch (error) {
    // Servers older than Mastodon 4.0, and some other fediverse servers, have no v2 instance: their feeds are public.
    if (error instanceof Stop && error.outcome.status === 'disabled') return { local: 'public', remote: 'public' };
    throw error;
  }
  const feeds = (
    body as { configuration?: { timelines_access?: { hashtag_feeds?: { local?: Access; remote?: Access } } } }
  )?.configuration?.timelines_access?.hashtag_feeds;
  return { local: feeds?.local ?? 'public', remote: feeds?.remote ?? 'public' };
}

/**
 * One hashtag's new posts: from the checkpoint on, walking `prev` links (newer pages, `min_id`);
 * the first time, the newest pages walking `next`. The checkpoint moves after each stored page.
 * Stops early when the rate-limit window is nearly used up (returns its reset).
 */
async function readHashtag(
  db: Kysely<Database>,
  source: ClaimedSource,
  tag: string,
  scope: string,
  options: Required<FetchOptions>,
): Promise<{ items: number; notBefore: Date | null }> {
  const origin = source.base_url;
  const host = new URL(origin).host;
  const feed = `tag:${tag.toLowerCase()}`;
  let sinceId = (await checkpointOf(db, source.id, feed))?.since_id ?? null;
  const rel = sinceId ? 'prev' : 'next';
  const first = new URL(`${origin}/api/v1/timelines/tag/${encodeURIComponent(tag)}`);
  first.searchParams.set('limit', String(PAGE_SIZE));
  if (scope) first.searchParams.set(scope, 'true');
  if (sinceId) first.searchParams.set('min_id', sinceId);
  let url: string | undefined = first.toString();
  let items = 0;
  for (let page = 0; url && page < options.maxPages; page++) {
    const { body, response } = await getJson(url, origin);
    if (!Array.isArray(body) || body.length === 0) break;
    const posts: ImportedPost[] = [];
    for (const status of body as MastodonStatus[]) {
      sinceId = newerId(sinceId, status.id);
      const post = postFromStatus(status, host);
      if (typeof post !== 'string') posts.push(post);
    }
    items += await storeImportedPosts(db, source.id, 'mastodon', posts, options.now);
    await saveCheckpoint(db, source.id, feed, { sinceId }, options.now);
    await renewLease(db, source.id, options.now);
    const reset = rateLimitReset(response);
    if (reset) return { items, notBefore: reset };
    url = parseLinkHeader(response.headers.get('link')).get(rel);
  }
  return { items, notBefore: null };
}

/**
 * One run of a Mastodon source: asks the server whether its hashtag feeds are open (recording
 * `authenticated` or `disabled` as the source's status when not), then reads each hashtag.
 * Never throws for what the server answers: the outcome carries it, for the status line.
 */
export async function runMastodonSource(
  db: Kysely<Database>,
  source: ClaimedSource,
  options: FetchOptions,
): Promise<RunOutcome> {
  const settings = { now: new Date(), maxPages: MAX_PAGES, ...options };
  let items = 0;
  try {
    const access = await hashtagAccess(source.base_url);
    const open = (['local', 'remote'] as const).filter((side) => access[side] === 'public');
    if (open.length === 0) {
      return {
        status: access.local === 'disabled' && access.remote === 'disabled' ? 'disabled' : 'authenticated',
        items,
      };
    }
    // When only one side is open, ask for that side alone rather than be refused the whole feed.
    const scope = open.length === 1 ? open[0]! : '';
    let notBefore: Date | null = null;
    for (const tag of source.hashtags) {
      const read = await readHashtag(db, source, tag, scope, settings);
      items += read.items;
      if (read.notBefore) {
        notBefore = read.notBefore;
        break;
      }
    }
    return { status: 'ok', items, ...(notBefore ? { notBefore } : {}) };
  } catch (error) {
    if (error instanceof Stop) return { ...error.outcome, items };
    throw error;
  }
}
