import { it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import http from 'node:http';
import { describeEachDatabase, openSecondProcess } from '../helpers/databases.ts';
import { importTimerLog } from '../helpers/import-timer.ts';
import {
  addImportSource,
  DEFAULT_HASHTAG,
  ImportSourceError,
  listImportSources,
  removeImportSource,
  setImportSourceEnabled,
} from '../../src/lib/imports/sources.ts';
import { runDueImports } from '../../src/lib/imports/run.ts';
import { claimDueSource } from '../../src/lib/imports/claim.ts';
import {
  forgetImportedPost,
  listImportedPosts,
  purgeUnconsentedImports,
  storeImportedPosts,
} from '../../src/lib/imports/queue.ts';
import { postFromStatus } from '../../src/lib/imports/mastodon-post.ts';
import { postFromBluesky } from '../../src/lib/imports/bluesky.ts';
import type { BlueskyPostView } from '../../src/lib/imports/bluesky.ts';
import type { MastodonAccount, MastodonStatus } from '../../src/lib/imports/mastodon-post.ts';
import { parseLinkHeader } from '../../src/lib/imports/mastodon-fetch.ts';
import { purgeExpiredPersonalData } from '../../src/lib/privacy/purge.ts';
import { feedSouvenirs } from '../../src/lib/wall/feeds.ts';
import { searchSouvenirs } from '../../src/lib/search/search.ts';
import { archiveChunks } from '../../src/lib/export/archive.ts';
import { readWallFigures } from '../../src/lib/wall/figures.ts';
import { listenLocally, closeServer } from '../helpers/local-server.ts';

// ---- Fixtures in Mastodon's documented JSON shapes (docs.joinmastodon.org/entities/Status, Account, Instance).

function account(acct: string, extra: Partial<MastodonAccount> = {}): MastodonAccount {
  const username = acct.split('@')[0]!;
  const host = acct.includes('@') ? acct.split('@')[1] : 'social.test';
  return {
    acct,
    username,
    display_name: `${username} (concerts)`,
    url: `https://${host}/@${username}`,
    note: '<p>Fan de concerts.</p>',
    bot: false,
    group: false,
    discoverable: true,
    indexable: true,
    noindex: false,
    ...extra,
  };
}

function status(id: string, extra: Partial<MastodonStatus> = {}): MastodonStatus {
  return {
    id,
    uri: `https://social.test/users/ana/statuses/${id}`,
    url: `https://social.test/@ana/${id}`,
    created_at: `2026-11-13T20:${id.slice(-2).padStart(2, '0')}:00.000Z`,
    edited_at: null,
    visibility: 'public',
    language: 'fr',
    spoiler_text: '',
    content: `<p>Souvenir ${id} de la salle, ce soir-là. <a href="https://social.test/tags/MonPlusBeauSouvenirDuBataclan" class="mention hashtag" rel="tag">#<span>MonPlusBeauSouvenirDuBataclan</span></a></p>`,
    account: account('ana'),
    reblog: null,
    media_attachments: [],
    ...extra,
  };
}

const TAG = DEFAULT_HASHTAG;
const NOW = new Date('2026-12-06T08:00:00Z');
const MINUTE = 60_000;

// Page 1 (newest first) backfills into page 2 through `Link: rel="next"`; a later run asks `min_id`.
const PAGE1 = [
  status('110', {
    content:
      '<p>La salle <strong>ce soir-là</strong><script>alert(1)</script><span class="invisible">https://</span>. <a href="https://social.test/@leo" class="u-url mention">@<span>leo</span></a></p>',
    spoiler_text: 'concert, émotion',
    media_attachments: [
      { type: 'image', url: 'https://files.social.test/1.jpg', description: 'La scène, éclairée en bleu' },
    ],
  }),
  status('109', { visibility: 'unlisted' }),
  status('108', { account: account('robot', { bot: true }) }),
  // A boost from someone else folds into the post it boosts (status 105, on page 2).
  status('107', {
    account: account('boosteur@ailleurs.test'),
    content: '',
    reblog: status('105', { account: account('leo@autre.test') }),
  }),
  status('106', { account: account('discret', { discoverable: false }) }),
];
const PAGE2 = [
  status('105', { account: account('leo@autre.test') }),
  status('104', { account: account('cache', { indexable: false }) }),
  status('103', { account: account('noindex', { noindex: true }) }),
  status('102', {
    account: account('nobot', { note: '<p>Pas de robots <a href="x" class="hashtag">#<span>NoBot</span></a></p>' }),
  }),
  status('101', { visibility: 'private' }),
];
const LATER = [
  status('112'),
  // Status 110 edited: the same uri, a new text.
  status('110', { content: '<p>La salle, corrigé.</p>', edited_at: '2026-12-06T08:10:00.000Z' }),
];

function skyPost(rkey: string, handle: string, extra: Partial<BlueskyPostView> = {}): BlueskyPostView {
  return {
    uri: `at://did:plc:${handle.split('.')[0]}/app.bsky.feed.post/${rkey}`,
    cid: 'bafyrei',
    indexedAt: `2026-11-13T21:${rkey.slice(-2)}:00.000Z`,
    author: { did: `did:plc:${handle.split('.')[0]}`, handle, displayName: `${handle} (concerts)`, labels: [] },
    record: {
      $type: 'app.bsky.feed.post',
      text: `Le concert, la salle, ce soir-là <b>ami</b> #${TAG}`,
      createdAt: `2026-11-13T21:${rkey.slice(-2)}:00.000Z`,
      langs: ['fr'],
    },
    embed: {
      $type: 'app.bsky.embed.images#view',
      images: [{ thumb: 'https://cdn.test/t.jpg', fullsize: 'https://cdn.test/f.jpg', alt: 'La foule, de dos' }],
    },
    labels: [],
    ...extra,
  } as BlueskyPostView;
}

// app.bsky.feed.searchPosts hits (PostView), the second from an author hidden from logged-out viewers.
const SKY = [
  skyPost('3k12', 'lea.test'),
  skyPost('3k11', 'discret.test', {
    author: { did: 'did:plc:d', handle: 'discret.test', labels: [{ val: '!no-unauthenticated' }] },
  }),
  skyPost('3k10', 'max.test'),
];

// An RSS 2.0 feed (with dc:creator and an email <author> that must not be kept) and an Atom feed.
const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Carnet de concerts</title><link>https://blog.test/</link>
<item><title>La salle</title><link>https://blog.test/la-salle</link><guid>tag:blog.test,1</guid>
<pubDate>Fri, 13 Nov 2026 21:00:00 GMT</pubDate><author>auteur@blog.test (Jo)</author><dc:creator>Jo</dc:creator>
<content:encoded><![CDATA[<p>Ce soir-là, <em>la salle</em><script>alert(1)</script></p>]]></content:encoded></item>
<item><title>Sans date</title><link>https://blog.test/sans-date</link></item>
</channel></rss>`;
const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Souvenirs</title>
<entry><title>Le concert</title><id>urn:uuid:1</id><link rel="alternate" href="https://atom.test/concert"/>
<link rel="replies" href="https://atom.test/concert/comments"/>
<updated>2026-11-14T10:00:00Z</updated><author><name>Sam</name><email>sam@atom.test</email></author>
<summary type="html">&lt;p&gt;Un souvenir du concert&lt;/p&gt;</summary></entry>
</feed>`;

interface Behaviour {
  instance: number | Record<string, unknown>;
  timeline?: number;
  rateRemaining?: number;
  rateReset?: string;
}

let server: http.Server;
let origin = '';
let seen: string[] = [];
let behaviour: Behaviour = { instance: {} };

function instanceBody(hashtagFeeds?: { local: string; remote: string }) {
  return {
    domain: 'social.test',
    title: 'Social test',
    version: '4.4.0',
    configuration: hashtagFeeds ? { timelines_access: { hashtag_feeds: hashtagFeeds } } : {},
  };
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, origin);
    seen.push(`${url.pathname}${url.search}`);
    const send = (code: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(code, {
        'content-type': 'application/json',
        'x-ratelimit-limit': '300',
        'x-ratelimit-remaining': String(behaviour.rateRemaining ?? 290),
        'x-ratelimit-reset': behaviour.rateReset ?? '2026-12-06T08:05:00.000Z',
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/api/v2/instance') {
      return typeof behaviour.instance === 'number'
        ? send(behaviour.instance, { error: 'nope' })
        : send(200, behaviour.instance);
    }
    if (url.pathname === `/api/v1/timelines/tag/${TAG}`) {
      if (behaviour.timeline === 401) return send(401, { error: 'This API requires an authenticated user' });
      if (behaviour.timeline === 429)
        return send(429, { error: 'Too many requests' }, { 'x-ratelimit-remaining': '0' });
      if (behaviour.timeline) return send(behaviour.timeline, { error: 'boom' });
      const base = `${origin}/api/v1/timelines/tag/${TAG}?limit=40`;
      const max = url.searchParams.get('max_id');
      const min = url.searchParams.get('min_id');
      if (min === '110')
        return send(200, LATER, { link: `<${base}&max_id=110>; rel="next", <${base}&min_id=112>; rel="prev"` });
      if (min) return send(200, []);
      if (max === '106')
        return send(200, PAGE2, { link: `<${base}&max_id=101>; rel="next", <${base}&min_id=105>; rel="prev"` });
      if (max) return send(200, []);
      return send(200, PAGE1, { link: `<${base}&max_id=106>; rel="next", <${base}&min_id=110>; rel="prev"` });
    }
    if (url.pathname === '/xrpc/com.atproto.server.createSession') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const { identifier, password } = JSON.parse(body) as { identifier: string; password: string };
        if (identifier !== 'asso.test' || password !== 'app-pass-word') {
          return send(401, { error: 'AuthenticationRequired', message: 'Invalid identifier or password' });
        }
        send(200, { did: 'did:plc:asso', handle: 'asso.test', accessJwt: 'jwt-access', refreshJwt: 'jwt-refresh' });
      });
      return;
    }
    if (url.pathname === '/xrpc/app.bsky.feed.searchPosts') {
      if (req.headers.authorization !== 'Bearer jwt-access') return send(401, { error: 'AuthMissing' });
      if (url.searchParams.get('since')) return send(200, { posts: [] });
      if (url.searchParams.get('cursor') === 'page2') return send(200, { posts: [SKY[2]] });
      return send(200, { cursor: 'page2', hitsTotal: 3, posts: [SKY[0], SKY[1]] });
    }
    if (url.pathname === '/feed.xml' || url.pathname === '/atom.xml') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      return res.end(url.pathname === '/feed.xml' ? RSS : ATOM);
    }
    send(404, { error: 'Record not found' });
  });
  // Idle connections stay open past a slow test step (PGlite, sharp): a socket the server closed
  // at its default 5 s, reused by fetch at that moment, failed a run with "fetch failed".
  server.keepAliveTimeout = 60_000;
  origin = await listenLocally(server);
});

afterAll(() => closeServer(server));

beforeEach(() => {
  seen = [];
  behaviour = { instance: instanceBody({ local: 'public', remote: 'public' }) };
});

const LOCAL = { allowLocal: true };

it('keeps only public posts from people who did not opt out, folding boosts, sanitising the HTML', () => {
  const kept = [...PAGE1, ...PAGE2].map((s) => postFromStatus(s, 'social.test'));
  expect(kept.map((p) => (typeof p === 'string' ? p : p.remoteUri.split('/').pop()))).toEqual([
    '110',
    'not_public',
    'bot',
    '105',
    'opted_out',
    '105',
    'opted_out',
    'opted_out',
    'opted_out',
    'not_public',
  ]);
  const first = kept[0] as Exclude<(typeof kept)[number], string>;
  expect(first.bodyHtml).not.toMatch(/script|class=|<span/);
  expect(first.bodyHtml).toContain('<strong>ce soir-là</strong>');
  expect(first).toMatchObject({
    accountHandle: 'ana@social.test',
    contentNote: 'concert, émotion',
    media: [{ type: 'image', description: 'La scène, éclairée en bleu', remoteUrl: 'https://files.social.test/1.jpg' }],
  });
  expect(postFromStatus(status('1', { account: account('x', { note: '<p>#nobridge</p>' }) }), 'h')).toBe('opted_out');
  expect(postFromStatus({ id: '1', visibility: 'public' } as MastodonStatus, 'h')).toBe('unreadable');
  expect(postFromStatus(status('1', { created_at: 'hier' }), 'h')).toBe('unreadable');
  expect(postFromBluesky({ uri: 'at://x' } as BlueskyPostView)).toBe('unreadable');
  expect(parseLinkHeader('<https://a/x?max_id=1>; rel="next", <https://a/x?min_id=9>; rel="prev"').get('prev')).toBe(
    'https://a/x?min_id=9',
  );
});

describeEachDatabase('hashtag import into the private queue', (t) => {
  const source = () => addImportSource(t.db, { kind: 'mastodon', url: origin }, LOCAL, NOW);
  const items = () =>
    t.db
      .selectFrom('import_item')
      .select(['remote_uri', 'body_html', 'account_handle'])
      .orderBy('remote_uri')
      .execute();
  const sourceRow = async (id: number) => (await listImportSources(t.db)).find((s) => s.id === id)!;

  it('accepts https sources only, and a local http server only when allowed', async () => {
    await expect(
      addImportSource(t.db, { kind: 'mastodon', url: 'http://mastodon.example' }, LOCAL),
    ).rejects.toBeInstanceOf(ImportSourceError);
    await expect(
      addImportSource(t.db, { kind: 'mastodon', url: origin }, { allowLocal: false }),
    ).rejects.toBeInstanceOf(ImportSourceError);
    await expect(addImportSource(t.db, { kind: 'bluesky', url: 'https://bsky.social' }, LOCAL)).rejects.toBeInstanceOf(
      ImportSourceError,
    );
    const id = await addImportSource(t.db, { kind: 'mastodon', url: 'https://mastodon.example/about' }, LOCAL);
    expect(await sourceRow(id)).toMatchObject({ base_url: 'https://mastodon.example', hashtags: [TAG], status: 'new' });
    const bsky = await addImportSource(
      t.db,
      { kind: 'bluesky', url: 'https://bsky.social', account: 'asso.example', appPassword: 'abcd-efgh-ijkl-mnop' },
      LOCAL,
    );
    expect(JSON.stringify(await sourceRow(bsky))).not.toContain('abcd-efgh');
  });

  it('asks the instance first, backfills through Link, keeps a checkpoint and catches up from it', async () => {
    const id = await source();
    const [run] = await runDueImports(t.db, { ...LOCAL, now: NOW });
    expect(run!.outcome).toEqual({ status: 'ok', items: 2 });
    expect(seen).toEqual([
      '/api/v2/instance',
      `/api/v1/timelines/tag/${TAG}?limit=40`,
      `/api/v1/timelines/tag/${TAG}?limit=40&max_id=106`,
      `/api/v1/timelines/tag/${TAG}?limit=40&max_id=101`,
    ]);
    expect((await items()).map((i) => [i.remote_uri.split('/').pop(), i.account_handle])).toEqual([
      ['105', 'leo@autre.test'],
      ['110', 'ana@social.test'],
    ]);
    expect(await t.db.selectFrom('import_checkpoint').select(['feed', 'since_id']).execute()).toEqual([
      { feed: `tag:${TAG.toLowerCase()}`, since_id: '110' },
    ]);
    expect(await sourceRow(id)).toMatchObject({ status: 'ok', last_items: 2, failures: 0, last_error: null });

    // Not due again before the interval: nothing is fetched.
    seen = [];
    expect(await runDueImports(t.db, { ...LOCAL, now: new Date(NOW.getTime() + 5 * MINUTE) })).toEqual([]);
    expect(seen).toEqual([]);

    const later = new Date(NOW.getTime() + 16 * MINUTE);
    const [again] = await runDueImports(t.db, { ...LOCAL, now: later });
    expect(again!.outcome).toEqual({ status: 'ok', items: 2 });
    expect(seen.slice(1)).toEqual([
      `/api/v1/timelines/tag/${TAG}?limit=40&min_id=110`,
      `/api/v1/timelines/tag/${TAG}?limit=40&min_id=112`,
    ]);
    const rows = await items();
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.remote_uri.endsWith('/110'))!.body_html).toContain('corrigé');
    const queue = await listImportedPosts(t.db);
    expect(queue[0]).toMatchObject({ network: 'mastodon', url: 'https://social.test/@ana/112' });
  });

  it('records a restricted hashtag feed as the source status, from the instance or a 401', async () => {
    const id = await source();
    behaviour.instance = instanceBody({ local: 'authenticated', remote: 'disabled' });
    await runDueImports(t.db, { ...LOCAL, now: NOW });
    expect(seen).toEqual(['/api/v2/instance']);
    expect(await sourceRow(id)).toMatchObject({ status: 'authenticated', last_items: 0 });

    behaviour.instance = instanceBody({ local: 'public', remote: 'disabled' });
    behaviour.timeline = 401;
    seen = [];
    await runDueImports(t.db, { ...LOCAL, now: new Date(NOW.getTime() + 16 * MINUTE) });
    // Only the open side is asked for.
    expect(seen[1]).toBe(`/api/v1/timelines/tag/${TAG}?limit=40&local=true`);
    expect(await sourceRow(id)).toMatchObject({ status: 'authenticated' });
    expect(await items()).toEqual([]);

    // A server without /api/v2/instance (older than Mastodon 4.0) is read as public.
    behaviour = { instance: 404 };
    seen = [];
    await runDueImports(t.db, { ...LOCAL, now: new Date(NOW.getTime() + 32 * MINUTE) });
    expect(seen[1]).toBe(`/api/v1/timelines/tag/${TAG}?limit=40`);
    expect(await sourceRow(id)).toMatchObject({ status: 'ok', last_items: 2 });
  });

  it('backs off on 429 until the rate-limit reset, and exponentially on server errors', async () => {
    const id = await source();
    behaviour.timeline = 429;
    behaviour.rateReset = '2026-12-06T09:00:00.000Z';
    await runDueImports(t.db, { ...LOCAL, now: NOW });
    let row = await sourceRow(id);
    expect(row).toMatchObject({ status: 'rate_limited', failures: 1 });
    expect(row.next_run_at.toISOString()).toBe('2026-12-06T09:00:00.000Z');

    behaviour.timeline = 503;
    const at = new Date('2026-12-06T09:00:00Z');
    await runDueImports(t.db, { ...LOCAL, now: at });
    row = await sourceRow(id);
    expect(row).toMatchObject({ status: 'error', failures: 2, last_error: expect.stringContaining('503') });
    expect(row.next_run_at.getTime() - at.getTime()).toBe(2 * MINUTE);
  });

  it('stops paging when the rate-limit window is used up, and waits for its reset', async () => {
    const id = await source();
    behaviour.rateRemaining = 1;
    behaviour.rateReset = '2026-12-06T08:40:00.000Z';
    await runDueImports(t.db, { ...LOCAL, now: NOW });
    expect(seen).toHaveLength(2);
    const row = await sourceRow(id);
    expect(row).toMatchObject({ status: 'ok', last_items: 2 });
    expect(row.next_run_at.toISOString()).toBe('2026-12-06T08:40:00.000Z');
  });

  it('lets only one of two processes fetch a source', async () => {
    await source();
    const other = await openSecondProcess(t, 2);
    try {
      const claims = await Promise.all([claimDueSource(t.db, NOW), claimDueSource(other.db, NOW)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      await t.db.updateTable('import_source').set({ lease_until: null }).execute();
      const runs = await Promise.all([
        runDueImports(t.db, { ...LOCAL, now: NOW }),
        runDueImports(other.db, { ...LOCAL, now: NOW }),
      ]);
      expect(runs.flat()).toHaveLength(1);
      expect(seen.filter((s) => s === '/api/v2/instance')).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('never shows an imported post in the wall, feeds, search, figures or archive', async () => {
    await source();
    await runDueImports(t.db, { ...LOCAL, now: NOW });
    expect(await items()).toHaveLength(2);
    expect(await feedSouvenirs(t.db)).toEqual([]);
    expect((await searchSouvenirs(t.db, { q: 'salle' })).hits).toEqual([]);
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 0, contributors: 0 });
    let archive = '';
    for await (const chunk of archiveChunks(t.db, 'json', NOW)) archive += chunk;
    expect(archive).not.toMatch(/ana@social|salle|social\.test/);
  });

  it('purges posts nobody consented to 30 days after they were fetched, in the daily purge', async () => {
    const id = await source();
    const post = (n: string) => {
      const p = postFromStatus(status(n), 'social.test');
      if (typeof p === 'string') throw new Error(p);
      return p;
    };
    const DAY = 86_400_000;
    await storeImportedPosts(t.db, id, 'mastodon', [post('1')], new Date(NOW.getTime() - 31 * DAY));
    await storeImportedPosts(t.db, id, 'mastodon', [post('2')], new Date(NOW.getTime() - 31 * DAY));
    await storeImportedPosts(t.db, id, 'mastodon', [post('3')], new Date(NOW.getTime() - 29 * DAY));
    await t.db.updateTable('import_item').set({ consented_at: NOW }).where('remote_uri', 'like', '%/2').execute();
    expect((await purgeExpiredPersonalData(t.db, NOW)).importedPosts).toBe(1);
    expect((await items()).map((i) => i.remote_uri.split('/').pop())).toEqual(['2', '3']);
    expect(await purgeUnconsentedImports(t.db, NOW)).toBe(0);
    const [two] = await t.db.selectFrom('import_item').select('id').where('remote_uri', 'like', '%/2').execute();
    expect(await forgetImportedPost(t.db, two!.id)).toBe(true);
    expect(await forgetImportedPost(t.db, two!.id)).toBe(false);
    expect(await items()).toHaveLength(1);
  });
});

describeEachDatabase('hashtag import on a timer', (t) => {
  it('reads due sources at once, logs one line per run without any account or text, and stops', async () => {
    await addImportSource(t.db, { kind: 'mastodon', url: origin }, LOCAL);
    const lines = await importTimerLog(t.db, LOCAL);
    // The fixture's images are at https://files.social.test, which no test reaches: counted as left out.
    expect(lines).toEqual(['[imports] source 1: ok, 2 post(s), 0 image(s) re-encoded, 1 left out']);
  });
});

describeEachDatabase('Bluesky sources', (t) => {
  it('signs in with the app password, searches the tag page by page, skips !no-unauthenticated, then asks since the newest', async () => {
    const id = await addImportSource(
      t.db,
      { kind: 'bluesky', url: origin, account: 'asso.test', appPassword: 'app-pass-word' },
      LOCAL,
      NOW,
    );
    const [run] = await runDueImports(t.db, { ...LOCAL, now: NOW });
    expect(run!.outcome).toEqual({ status: 'ok', items: 2 });
    const rows = await t.db
      .selectFrom('import_item')
      .select(['url', 'account_handle', 'body_html', 'media'])
      .orderBy('url')
      .execute();
    expect(rows.map((r) => r.url)).toEqual([
      'https://bsky.app/profile/lea.test/post/3k12',
      'https://bsky.app/profile/max.test/post/3k10',
    ]);
    expect(rows[0]!.body_html).not.toContain('<b>');
    expect(rows[0]!.body_html).toContain('&lt;b&gt;ami&lt;/b&gt;');
    expect(rows[0]!.media).toEqual([
      { type: 'image', description: 'La foule, de dos', remoteUrl: 'https://cdn.test/f.jpg' },
    ]);
    expect(seen.filter((s) => s.startsWith('/xrpc/app.bsky.feed.searchPosts'))).toHaveLength(2);
    expect(seen[1]).toContain(`tag=${TAG}`);

    seen = [];
    await runDueImports(t.db, { ...LOCAL, now: new Date(NOW.getTime() + 16 * MINUTE) });
    expect(seen[1]).toContain('since=2026-11-13T21%3A12%3A00.000Z');

    await t.db.updateTable('import_source').set({ app_password: 'wrong', next_run_at: NOW }).execute();
    await runDueImports(t.db, { ...LOCAL, now: new Date(NOW.getTime() + 32 * MINUTE) });
    expect((await listImportSources(t.db)).find((s) => s.id === id)).toMatchObject({ status: 'authenticated' });
  });
});

describeEachDatabase('RSS and Atom sources', (t) => {
  it('reads each feed whole, keeps dated entries with a link, sanitised, and never an email address', async () => {
    await addImportSource(t.db, { kind: 'rss', url: `${origin}/feed.xml` }, LOCAL, NOW);
    await addImportSource(t.db, { kind: 'rss', url: `${origin}/atom.xml` }, LOCAL, NOW);
    const runs = await runDueImports(t.db, { ...LOCAL, now: NOW });
    expect(runs.map((r) => r.outcome)).toEqual([
      { status: 'ok', items: 1 },
      { status: 'ok', items: 1 },
    ]);
    const rows = await t.db
      .selectFrom('import_item')
      .select(['url', 'account_name', 'body_html', 'content_note', 'network'])
      .orderBy('url')
      .execute();
    expect(rows).toEqual([
      {
        url: 'https://atom.test/concert',
        account_name: 'Sam',
        body_html: '<p>Un souvenir du concert</p>',
        content_note: 'Le concert',
        network: 'rss',
      },
      {
        url: 'https://blog.test/la-salle',
        account_name: 'Jo',
        body_html: '<p>Ce soir-là, <em>la salle</em></p>',
        content_note: 'La salle',
        network: 'rss',
      },
    ]);
    expect(JSON.stringify(await t.db.selectFrom('import_item').selectAll().execute())).not.toMatch(
      /@blog\.test|@atom\.test/,
    );
    // Read again later: the same entries fold into their rows.
    await runDueImports(t.db, { ...LOCAL, now: new Date(NOW.getTime() + 16 * MINUTE) });
    expect(await t.db.selectFrom('import_item').select('id').execute()).toHaveLength(2);
  });
});

describeEachDatabase('pausing and removing a source', (t) => {
  it('never reads a paused source, and removes a source with its unconsented posts only', async () => {
    const id = await addImportSource(t.db, { kind: 'mastodon', url: origin }, LOCAL, NOW);
    expect(await setImportSourceEnabled(t.db, id, false)).toBe(true);
    expect(await runDueImports(t.db, { ...LOCAL, now: NOW })).toEqual([]);
    expect(seen).toEqual([]);
    expect(await setImportSourceEnabled(t.db, id, true)).toBe(true);
    await runDueImports(t.db, { ...LOCAL, now: NOW });
    expect(await t.db.selectFrom('import_item').select('id').execute()).toHaveLength(2);

    await t.db.updateTable('import_item').set({ consented_at: NOW }).where('remote_uri', 'like', '%/105').execute();
    await expect(removeImportSource(t.db, id)).rejects.toBeInstanceOf(ImportSourceError);
    await t.db.updateTable('import_item').set({ consented_at: null }).execute();
    expect(await removeImportSource(t.db, id)).toBe(true);
    expect(await t.db.selectFrom('import_item').select('id').execute()).toEqual([]);
    expect(await t.db.selectFrom('import_checkpoint').select('feed').execute()).toEqual([]);
    expect(await removeImportSource(t.db, id)).toBe(false);
    expect(await setImportSourceEnabled(t.db, 999, false)).toBe(false);
  });
});
