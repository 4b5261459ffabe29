import http from 'node:http';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { runDueImports } from '../../src/lib/imports/run.ts';
import { listenLocally } from './local-server.ts';

/**
 * A local server speaking the parts of Mastodon's and Bluesky's APIs that asking for consent
 * uses, with their documented JSON shapes (docs.joinmastodon.org, docs.bsky.app): the association
 * replies to a post, the author answers with the keyword, we read it back. No network.
 */
export const MASTODON_TOKEN = 'masto-token';
/** The address policy that lets the code under test reach this server, which listens on 127.0.0.1. */
export const LOCAL = { allowLocal: true };
export const SKY_ACCOUNT = 'asso.test';
export const SKY_PASSWORD = 'app-pass-word';
const SKY_ASSO_DID = 'did:plc:asso';

export interface FakeStatus {
  id: string;
  uri: string;
  url: string;
  created_at: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  language: string;
  spoiler_text: string;
  content: string;
  account: { acct: string; username: string; display_name: string; url: string; note: string };
  media_attachments: { type: string; url: string; description: string | null }[];
}

export interface FakeSkyPost {
  uri: string;
  cid: string;
  indexedAt: string;
  author: { did: string; handle: string; displayName: string; labels: [] };
  record: { $type: 'app.bsky.feed.post'; text: string; createdAt: string; langs: string[] };
  labels: [];
}

export interface FakeSocial {
  origin: string;
  /** Every request, as `METHOD path?query`. */
  seen: string[];
  /** Bodies of the statuses and records the association posted. */
  posted: { path: string; body: Record<string, unknown> }[];
  statuses: FakeStatus[];
  skyPosts: FakeSkyPost[];
  /** The author replies to our last request with `text` (Mastodon: a mention notification). */
  mastodonReply(fromAccountUrl: string, text: string): void;
  /** The author replies to our last Bluesky request with `text`. */
  blueskyReply(fromDid: string, text: string): void;
  /** The original post is deleted (GET /api/v1/statuses/:id answers 404). */
  deleteStatus(id: string): void;
  /** Images served at `${origin}/media/<name>` (a post's media attachments point there). */
  media: Map<string, Buffer>;
  /** A Bluesky post is deleted (app.bsky.feed.getPosts leaves it out). */
  deleteSkyPost(uri: string): void;
  /** Forgets every post, every deletion and every request seen or posted (a test's fresh start). */
  reset(): void;
  close(): Promise<void>;
}

export function fakeStatus(id: string, acct = 'ana', text = 'Le concert, ce soir-là, la salle entière chantait.') {
  return {
    id,
    uri: `https://social.test/users/${acct}/statuses/${id}`,
    url: `https://social.test/@${acct}/${id}`,
    created_at: '2026-11-13T20:30:00.000Z',
    visibility: 'public',
    language: 'fr',
    spoiler_text: '',
    content: `<p>${text} <a href="https://social.test/tags/MonPlusBeauSouvenirDuBataclan" class="mention hashtag" rel="tag">#<span>MonPlusBeauSouvenirDuBataclan</span></a></p>`,
    account: {
      acct,
      username: acct,
      display_name: `${acct[0]!.toUpperCase()}${acct.slice(1)} des concerts`,
      url: `https://social.test/@${acct}`,
      note: '<p>Fan de concerts.</p>',
    },
    media_attachments: [{ type: 'image', url: 'https://files.social.test/1.jpg', description: 'La scène en bleu' }],
  } satisfies FakeStatus;
}

export function fakeSkyPost(rkey: string, handle = 'lea.test'): FakeSkyPost {
  const did = `did:plc:${handle.split('.')[0]}`;
  return {
    uri: `at://${did}/app.bsky.feed.post/${rkey}`,
    cid: `bafy-${rkey}`,
    indexedAt: '2026-11-13T21:00:00.000Z',
    author: { did, handle, displayName: 'Léa', labels: [] },
    record: {
      $type: 'app.bsky.feed.post',
      text: 'La salle, la musique, les amis. #MonPlusBeauSouvenirDuBataclan',
      createdAt: '2026-11-13T21:00:00.000Z',
      langs: ['fr'],
    },
    labels: [],
  };
}

function readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolve(body ? (JSON.parse(body) as Record<string, unknown>) : {}));
  });
}

/** The server, not yet listening: `listen()` gives it a free local port and sets its `origin`. */
function fakeSocialServer(): { social: FakeSocial; listen(): Promise<void> } {
  const mentions: unknown[] = [];
  const skyReplies = new Map<string, unknown[]>();
  const deleted = new Set<string>();
  const deletedSky = new Set<string>();
  let lastMastodonReply = '';
  let lastSkyReply = '';
  let n = 0;
  const state: FakeSocial = {
    origin: '',
    seen: [],
    posted: [],
    statuses: [],
    skyPosts: [],
    mastodonReply(fromAccountUrl, text) {
      mentions.unshift({
        id: String(mentions.length + 1),
        type: 'mention',
        created_at: new Date().toISOString(),
        account: { acct: 'x', url: fromAccountUrl },
        status: { id: `m${mentions.length + 1}`, in_reply_to_id: lastMastodonReply, content: `<p>${text}</p>` },
      });
    },
    blueskyReply(fromDid, text) {
      const list = skyReplies.get(lastSkyReply) ?? [];
      list.push({
        post: {
          uri: `at://${fromDid}/app.bsky.feed.post/r${list.length}`,
          cid: 'c',
          author: { did: fromDid, handle: 'x' },
          record: { text },
        },
      });
      skyReplies.set(lastSkyReply, list);
    },
    deleteStatus(id) {
      deleted.add(id);
    },
    media: new Map(),
    deleteSkyPost(uri) {
      deletedSky.add(uri);
    },
    reset() {
      state.statuses.length = 0;
      state.skyPosts.length = 0;
      deleted.clear();
      deletedSky.clear();
      state.seen.length = 0;
      state.posted.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A response the client stopped reading (a refused image) would hold close() for the keep-alive time.
        server.closeAllConnections();
      }),
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    state.seen.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const mastodonAuth = req.headers.authorization === `Bearer ${MASTODON_TOKEN}`;
    const skyAuth = req.headers.authorization === 'Bearer jwt-access';
    if (url.pathname.startsWith('/media/')) {
      const bytes = state.media.get(url.pathname.slice('/media/'.length));
      if (!bytes) return send(404, { error: 'Record not found' });
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(bytes.length) });
      return res.end(bytes);
    }
    if (url.pathname === '/xrpc/app.bsky.feed.getPosts') {
      if (!skyAuth) return send(401, { error: 'AuthMissing' });
      const uris = url.searchParams.getAll('uris');
      return send(200, { posts: state.skyPosts.filter((p) => uris.includes(p.uri) && !deletedSky.has(p.uri)) });
    }
    if (url.pathname === '/api/v2/instance') {
      return send(200, { domain: 'social.test', version: '4.4.0', configuration: {} });
    }
    if (url.pathname.startsWith('/api/v1/timelines/tag/')) {
      return send(200, url.searchParams.get('min_id') ? [] : state.statuses);
    }
    if (url.pathname.startsWith('/api/v1/statuses/') && req.method === 'GET') {
      const id = url.pathname.split('/').pop()!;
      const found = state.statuses.find((s) => s.id === id && !deleted.has(id));
      return found ? send(200, found) : send(404, { error: 'Record not found' });
    }
    if (url.pathname === '/api/v2/search') {
      if (!mastodonAuth) return send(401, { error: 'The access token is invalid' });
      const found = state.statuses.filter((s) => s.uri === url.searchParams.get('q') && !deleted.has(s.id));
      return send(200, { accounts: [], hashtags: [], statuses: found });
    }
    if (url.pathname === '/api/v1/statuses' && req.method === 'POST') {
      if (!mastodonAuth) return send(401, { error: 'The access token is invalid' });
      const body = await readBody(req);
      state.posted.push({ path: url.pathname, body });
      lastMastodonReply = `9000${++n}`;
      return send(200, { id: lastMastodonReply, visibility: body.visibility, content: body.status });
    }
    if (url.pathname === '/api/v1/notifications') {
      if (!mastodonAuth) return send(401, { error: 'The access token is invalid' });
      return send(200, mentions);
    }
    if (url.pathname === '/xrpc/com.atproto.server.createSession') {
      const { identifier, password } = await readBody(req);
      if (identifier !== SKY_ACCOUNT || password !== SKY_PASSWORD)
        return send(401, { error: 'AuthenticationRequired' });
      return send(200, { did: SKY_ASSO_DID, handle: SKY_ACCOUNT, accessJwt: 'jwt-access', refreshJwt: 'r' });
    }
    if (url.pathname === '/xrpc/app.bsky.feed.searchPosts') {
      if (!skyAuth) return send(401, { error: 'AuthMissing' });
      return send(200, { posts: url.searchParams.get('since') ? [] : state.skyPosts });
    }
    if (url.pathname === '/xrpc/app.bsky.feed.getPostThread') {
      if (!skyAuth) return send(401, { error: 'AuthMissing' });
      const uri = url.searchParams.get('uri')!;
      const post = state.skyPosts.find((p) => p.uri === uri);
      if (post) return send(200, { thread: { $type: 'app.bsky.feed.defs#threadViewPost', post, replies: [] } });
      if (skyReplies.has(uri) || uri === lastSkyReply) {
        const ours = { uri, cid: 'ours', author: { did: SKY_ASSO_DID, handle: SKY_ACCOUNT }, record: { text: '' } };
        return send(200, { thread: { post: ours, replies: skyReplies.get(uri) ?? [] } });
      }
      return send(400, { error: 'NotFound', message: `Post not found: ${uri}` });
    }
    if (url.pathname === '/xrpc/com.atproto.repo.createRecord') {
      if (!skyAuth) return send(401, { error: 'AuthMissing' });
      const body = await readBody(req);
      state.posted.push({ path: url.pathname, body });
      lastSkyReply = `at://${SKY_ASSO_DID}/app.bsky.feed.post/reply${++n}`;
      return send(200, { uri: lastSkyReply, cid: `bafy-reply${n}` });
    }
    send(404, { error: 'Record not found' });
  });
  // Idle connections stay open past a slow test step (PGlite, sharp): a socket the server closed
  // at its default 5 s, reused by fetch at that moment, failed a run with "fetch failed".
  server.keepAliveTimeout = 60_000;
  const listen = async () => {
    state.origin = await listenLocally(server);
  };
  return { social: state, listen };
}

export async function startFakeSocial(): Promise<FakeSocial> {
  const { social, listen } = fakeSocialServer();
  await listen();
  return social;
}

/**
 * The test file's server: started before its first test, closed after its last, and reset before
 * each test, since both engines' suites run against it. `media` is served from the start.
 */
export function useFakeSocial(media: Record<string, () => Promise<Buffer>> = {}): FakeSocial {
  const { social, listen } = fakeSocialServer();
  beforeAll(async () => {
    await listen();
    for (const [name, bytes] of Object.entries(media)) social.media.set(name, await bytes());
  });
  afterAll(() => social.close());
  beforeEach(() => social.reset());
  return social;
}

/** The fake server's posts as the private queue holds them: a Mastodon and a Bluesky source, read once each. */
export async function gatherFromFakeSocial(db: Kysely<Database>, social: FakeSocial): Promise<Map<string, number>> {
  await db
    .insertInto('import_source')
    .values([
      {
        kind: 'mastodon',
        base_url: social.origin,
        hashtags: ['MonPlusBeauSouvenirDuBataclan'],
        access_token: MASTODON_TOKEN,
      },
      {
        kind: 'bluesky',
        base_url: social.origin,
        hashtags: ['MonPlusBeauSouvenirDuBataclan'],
        account: SKY_ACCOUNT,
        app_password: SKY_PASSWORD,
      },
    ])
    .execute();
  await runDueImports(db, { allowLocal: true });
  await runDueImports(db, { allowLocal: true });
  const items = await db.selectFrom('import_item').select(['id', 'remote_uri']).execute();
  return new Map(items.map((item) => [item.remote_uri, item.id]));
}

/** The consent page's token in the last request the association posted. */
export function lastRequestToken(social: FakeSocial): string {
  const body = social.posted.at(-1)!.body;
  const text = typeof body.status === 'string' ? body.status : (body.record as { text: string }).text;
  return /\/accord\/([A-Za-z0-9_-]{32})/.exec(text)![1]!;
}
