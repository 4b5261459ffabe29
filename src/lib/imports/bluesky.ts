import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { sanitizeBody, SanitizeError } from '../sanitize/sanitize.ts';
import type { ClaimedSource, RunOutcome } from './claim.ts';
import { checkpointOf, renewLease, saveCheckpoint } from './claim.ts';
import type { ImportedPost, SkipReason } from './mastodon-post.ts';
import { storeImportedPosts } from './queue.ts';
import { MAX_PAGES } from './mastodon-fetch.ts';
import type { FetchOptions } from './mastodon-fetch.ts';

/** The parts of app.bsky.feed.defs#postView we read (https://docs.bsky.app/docs/api/app-bsky-feed-search-posts). */
export interface BlueskyPostView {
  uri: string;
  indexedAt: string;
  author: { did: string; handle: string; displayName?: string; labels?: { val: string }[] };
  record: { text?: string; createdAt?: string; langs?: string[] };
  embed?: { $type?: string; images?: { alt?: string; fullsize?: string; thumb?: string }[] };
  labels?: { val: string }[];
}

/** Bluesky's own opt-out: the author asked not to be shown to logged-out viewers. */
const NO_UNAUTHENTICATED = '!no-unauthenticated';

/** A Bluesky post is plain text: what looks like a tag in it is text, kept as such. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The post a search hit stands for, or why it is left out. */
export function postFromBluesky(view: BlueskyPostView): ImportedPost | SkipReason {
  if (typeof view?.uri !== 'string' || typeof view.author?.handle !== 'string' || typeof view.record !== 'object') {
    return 'unreadable';
  }
  const labels = [...(view.author.labels ?? []), ...(view.labels ?? [])].map((l) => l.val);
  if (labels.includes(NO_UNAUTHENTICATED)) return 'opted_out';
  if (labels.includes('bot')) return 'bot';
  const postedAt = new Date(view.record.createdAt ?? view.indexedAt);
  if (Number.isNaN(postedAt.getTime()) || !view.uri.startsWith('at://')) return 'unreadable';
  let bodyHtml = '';
  try {
    bodyHtml = view.record.text?.trim() ? sanitizeBody(escapeText(view.record.text)) : '';
  } catch (error) {
    if (error instanceof SanitizeError) return 'unreadable';
    throw error;
  }
  const rkey = view.uri.split('/').pop()!;
  const profile = `https://bsky.app/profile/${encodeURIComponent(view.author.handle)}`;
  const language = view.record.langs?.[0];
  return {
    remoteUri: view.uri,
    url: `${profile}/post/${encodeURIComponent(rkey)}`,
    accountHandle: view.author.handle,
    accountName: view.author.displayName?.trim() || view.author.handle,
    accountUrl: profile,
    bodyHtml,
    contentNote: null,
    media: (view.embed?.images ?? []).map((image) => ({
      type: 'image',
      description: image.alt?.trim() || null,
      remoteUrl: image.fullsize ?? image.thumb ?? '',
    })),
    language: language && /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(language) ? language : null,
    postedAt,
    editedAt: null,
  };
}

function failure(response: Response, what: string): RunOutcome {
  if (response.status === 429) {
    const reset = Number(response.headers.get('ratelimit-reset'));
    return {
      status: 'rate_limited',
      items: 0,
      error: 'HTTP 429',
      ...(Number.isFinite(reset) && reset > 0 ? { notBefore: new Date(reset * 1000) } : {}),
    };
  }
  if (response.status === 401 || response.status === 403) return { status: 'authenticated', items: 0, error: what };
  return { status: 'error', items: 0, error: `HTTP ${response.status} (${what})` };
}

/**
 * One run of a Bluesky source: signs in with the association's app password (anonymous search
 * is often refused), then `app.bsky.feed.searchPosts` with `tag`, newest first, `since` the last
 * post seen, following `cursor` for at most MAX_PAGES pages.
 */
export async function runBlueskySource(
  db: Kysely<Database>,
  source: ClaimedSource,
  options: FetchOptions,
): Promise<RunOutcome> {
  const now = options.now ?? new Date();
  const base = source.base_url;
  const request = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, redirect: 'error', signal: AbortSignal.timeout(20_000) });
  let items = 0;
  try {
    const login = await request('/xrpc/com.atproto.server.createSession', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: source.account, password: source.app_password }),
    });
    if (!login.ok) return failure(login, 'sign-in refused');
    const { accessJwt } = (await login.json()) as { accessJwt: string };
    for (const tag of source.hashtags) {
      const feed = `tag:${tag.toLowerCase()}`;
      const since = (await checkpointOf(db, source.id, feed))?.since_id ?? null;
      let newest = since;
      let cursor: string | undefined;
      for (let page = 0; page < (options.maxPages ?? MAX_PAGES); page++) {
        const query = new URLSearchParams({ q: `#${tag}`, tag, sort: 'latest', limit: '100' });
        if (since) query.set('since', since);
        if (cursor) query.set('cursor', cursor);
        const response = await request(`/xrpc/app.bsky.feed.searchPosts?${query}`, {
          headers: { authorization: `Bearer ${accessJwt}`, accept: 'application/json' },
        });
        if (!response.ok) return { ...failure(response, 'search'), items };
        const body = (await response.json()) as { cursor?: string; posts?: BlueskyPostView[] };
        const views = body.posts ?? [];
        const posts: ImportedPost[] = [];
        for (const view of views) {
          if (!newest || view.indexedAt > newest) newest = view.indexedAt;
          const post = postFromBluesky(view);
          if (typeof post !== 'string') posts.push(post);
        }
        items += await storeImportedPosts(db, source.id, 'bluesky', posts, now);
        await renewLease(db, source.id, now);
        if (views.length === 0 || !body.cursor) break;
        cursor = body.cursor;
      }
      // Saved once the walk is done: it goes newest to oldest, so a half walk must be redone.
      if (newest !== since) await saveCheckpoint(db, source.id, feed, { sinceId: newest }, now);
    }
    return { status: 'ok', items };
  } catch (error) {
    return { status: 'error', items, error: error instanceof Error ? error.message : String(error) };
  }
}
