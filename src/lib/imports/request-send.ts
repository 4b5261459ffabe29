import type { ImportSourceKind } from '../../../db/types.ts';
import { blueskySession, blueskyThread } from './bluesky-session.ts';

/** The post to reply to and the account to reply from (its source's credentials). */
export interface AskedPost {
  network: ImportSourceKind;
  remote_uri: string;
  account_handle: string;
  base_url: string;
  account: string | null;
  app_password: string | null;
  access_token: string | null;
}

export interface SendOptions {
  /** Tests only: the fake servers listen on http://127.0.0.1. */
  allowLocal: boolean;
}

/** What the reply says: the consent page and the word that proves the account. */
export interface RequestText {
  link: string;
  keyword: string;
}

/** Mastodon allows 500 characters: French first, then English, both whole. */
export function mastodonRequestText(handle: string, { link, keyword }: RequestText): string {
  return [
    `@${handle} Bonjour ! Le Mur des Souvenirs du Bataclan aimerait publier ce message, avec votre accord seulement.`,
    `Ce qui serait publié, où, et comment le retirer : ${link}`,
    `Pour confirmer que c’est bien vous, répondez « ${keyword} ».`,
    `(EN) May we publish this post on the memorial wall? Details: the link above. Reply “${keyword}” to confirm it is you.`,
  ].join('\n\n');
}

/** Bluesky allows 300 graphemes: one short French sentence, one short English one. */
export function blueskyRequestText({ link, keyword }: RequestText): string {
  return `Le Mur des Souvenirs du Bataclan aimerait publier ce message, avec votre accord : ${link} Répondez « ${keyword} » pour confirmer. (EN) Reply “${keyword}” to agree; details at the link.`;
}

function request(base: string, path: string, init: RequestInit): Promise<Response> {
  return fetch(`${base}${path}`, { ...init, redirect: 'error', signal: AbortSignal.timeout(20_000) });
}

async function okJson<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/**
 * Mastodon: the post's id on the association's server (found by its uri, resolved if remote),
 * then a direct-visibility status mentioning the author, in reply to it. The Idempotency-Key
 * makes a retried request one status, not two.
 */
async function sendOnMastodon(post: AskedPost, text: RequestText): Promise<string> {
  const auth = { authorization: `Bearer ${post.access_token}`, accept: 'application/json' };
  const query = new URLSearchParams({ q: post.remote_uri, type: 'statuses', resolve: 'true', limit: '1' });
  const found = await okJson<{ statuses?: { id: string }[] }>(
    await request(post.base_url, `/api/v2/search?${query}`, { headers: auth }),
    'search',
  );
  const inReplyTo = found.statuses?.[0]?.id;
  if (!inReplyTo) throw new Error('post not found on the server');
  const created = await okJson<{ id: string }>(
    await request(post.base_url, '/api/v1/statuses', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': text.link.slice(-43) },
      body: JSON.stringify({
        status: mastodonRequestText(post.account_handle, text),
        in_reply_to_id: inReplyTo,
        visibility: 'direct',
        language: 'fr',
      }),
    }),
    'post',
  );
  return created.id;
}

/** UTF-8 byte offsets of `part` in `text`: Bluesky's facets index bytes, not characters. */
function byteSlice(text: string, part: string): { byteStart: number; byteEnd: number } {
  const start = Buffer.byteLength(text.slice(0, text.indexOf(part)));
  return { byteStart: start, byteEnd: start + Buffer.byteLength(part) };
}

/** Bluesky: a reply (direct messages are usually refused) with the link as a link facet. */
async function sendOnBluesky(post: AskedPost, text: RequestText): Promise<string> {
  const session = await blueskySession(post.base_url, post.account!, post.app_password!);
  const thread = await blueskyThread(post.base_url, session, post.remote_uri, 0);
  const parent = { uri: thread.post.uri, cid: thread.post.cid };
  const root = thread.post.record.reply?.root ?? parent;
  const body = blueskyRequestText(text);
  const created = await okJson<{ uri: string }>(
    await request(post.base_url, '/xrpc/com.atproto.repo.createRecord', {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessJwt}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        repo: session.did,
        collection: 'app.bsky.feed.post',
        record: {
          $type: 'app.bsky.feed.post',
          text: body,
          createdAt: new Date().toISOString(),
          langs: ['fr', 'en'],
          reply: { root, parent },
          facets: [
            {
              index: byteSlice(body, text.link),
              features: [{ $type: 'app.bsky.richtext.facet#link', uri: text.link }],
            },
          ],
        },
      }),
    }),
    'createRecord',
  );
  return created.uri;
}

/** Sends the request as a reply from the association's account; returns the reply's id (Mastodon) or uri (Bluesky). */
export async function sendConsentRequest(post: AskedPost, text: RequestText, options: SendOptions): Promise<string> {
  const base = new URL(post.base_url);
  if (base.protocol !== 'https:' && !options.allowLocal) throw new Error('https only');
  if (post.network === 'mastodon') return sendOnMastodon(post, text);
  if (post.network === 'bluesky') return sendOnBluesky(post, text);
  throw new Error(`cannot reply on ${post.network}`);
}
