import { it, expect } from 'vitest';
import pg from 'pg';
import { describeEachDatabase } from '../helpers/databases.ts';
import { cacheablePage, eventually, wallListener } from '../helpers/wall-cache.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { editContribution } from '../../src/lib/contributions/edit.ts';
import { withdrawByAuthor } from '../../src/lib/contributions/author-link.ts';
import { LISTENER_NAME } from '../../src/lib/wall/notifications.ts';
import type { WallSignal } from '../../src/lib/wall/notifications.ts';
import { RenderCache } from '../../src/lib/wall/render-cache.ts';
import { connectCacheToNotifications } from '../../src/lib/wall/invalidation.ts';
import { ScreenHub, screenStream } from '../../src/lib/wall/screen-feed.ts';
import { lightCandle } from '../../src/lib/wall/candles.ts';
import { script } from '../helpers/actors.ts';

const page = () => cacheablePage('<p>le mur</p>');

describeEachDatabase('wall invalidation through LISTEN/NOTIFY', (t) => {
  const listen = wallListener(t);

  const newSouvenir = (body = 'Un concert.') =>
    createSouvenir(
      t.db,
      {
        authorName: 'Léa',
        authorEmail: 'lea.private@example.org',
        title: null,
        body,
        memoryYear: null,
        event: null,
        locale: 'fr',
      },
      { ipHash: 'ip-hash-private' },
    );

  it('empties the render cache when a souvenir is approved, pinned, edited, trashed or withdrawn', async () => {
    const cache = new RenderCache();
    connectCacheToNotifications(cache, await listen());
    expect(cache.accepting).toBe(true);
    const created = await newSouvenir();
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['approve', () => decideSouvenir(t.db, { id: created.id, decision: 'approve', actor: script })],
      ['pin', () => decideSouvenir(t.db, { id: created.id, decision: 'pin', actor: script })],
      [
        'edit',
        () =>
          editContribution(t.db, 'souvenir', {
            id: created.id,
            actor: script,
            title: 'Corrigé',
            body: 'Un concert, corrigé.',
          }),
      ],
      ['trash', () => decideSouvenir(t.db, { id: created.id, decision: 'trash', actor: script })],
      ['restore', () => decideSouvenir(t.db, { id: created.id, decision: 'restore', actor: script })],
      ['withdraw', () => withdrawByAuthor(t.db, created.token)],
    ];
    for (const [name, step] of steps) {
      expect(cache.store('/', page(), cache.generation), name).not.toBeNull();
      await step();
      await eventually(() => cache.lookup('/') === undefined, `${name} empties the cache`);
    }
  });

  it('refuses to store a page rendered before an invalidation it did not see', async () => {
    const cache = new RenderCache();
    connectCacheToNotifications(cache, await listen());
    const s = await newSouvenir();
    const renderStarted = cache.generation;
    const before = cache.generation;
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    await eventually(() => cache.generation !== before, 'the approval is heard');
    expect(cache.store('/', page(), renderStarted)).toBeNull();
    expect(cache.lookup('/')).toBeUndefined();
  });

  it('tells the subscribers of each signal, candles and comments included', async () => {
    const notifications = await listen();
    const seen: WallSignal[] = [];
    notifications.subscribe((signal) => seen.push(signal));
    const s = await newSouvenir();
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    await lightCandle(t.db, { publicId: s.publicId, ipHash: 'ip' });
    await eventually(
      () =>
        seen.some((x) => x.kind === 'souvenir' && x.id === s.id) &&
        seen.some((x) => x.kind === 'candle' && x.id === s.id),
      'both signals',
    );
  });

  it('streams a newly approved souvenir to an open screen, public fields only, and lets go when it closes', async () => {
    const hub = new ScreenHub(t.db, await listen());
    const abort = new AbortController();
    const reader = screenStream({ hub, signal: abort.signal, missed: async () => [] }).getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('retry: 2000\n\n');
    expect(hub.size).toBe(1);
    const s = await newSouvenir('Le plus beau soir. #jazz');
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    let text = '';
    while (!text.includes(s.publicId)) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    expect(text).toMatch(/^id: \d+\nevent: souvenir\ndata: \{/);
    const data = JSON.parse(/data: (.*)\n/.exec(text)![1]!);
    expect(data).toMatchObject({
      publicId: s.publicId,
      authorName: 'Léa',
      bodyHtml: '<p>Le plus beau soir. #jazz</p>',
    });
    expect(Object.keys(data).sort()).toEqual([
      'approvedAt',
      'authorName',
      'bodyHtml',
      'event',
      'locale',
      'memoryYear',
      'photo',
      'publicId',
      'title',
    ]);
    expect(data.photo).toBeNull();
    expect(text).not.toContain('lea.private@example.org');
    expect(text).not.toContain('ip-hash-private');

    abort.abort();
    expect(hub.size).toBe(0);
    expect((await reader.read()).done).toBe(true);
    hub.close();
  });

  it.runIf(t.engine === 'postgres')(
    'listens again after its connection is killed, and drops the cache meanwhile',
    async () => {
      const cache = new RenderCache();
      const notifications = await listen();
      connectCacheToNotifications(cache, notifications);
      cache.store('/', page(), cache.generation);
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      try {
        await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = current_database() and pid <> pg_backend_pid()',
          [LISTENER_NAME],
        );
      } finally {
        await admin.end();
      }
      await eventually(() => !cache.accepting, 'the loss is noticed');
      expect(cache.lookup('/')).toBeUndefined();
      await eventually(() => notifications.listening && cache.accepting, 'LISTEN again');
      cache.store('/', page(), cache.generation);
      const s = await newSouvenir();
      await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
      await eventually(() => cache.lookup('/') === undefined, 'the new connection hears approvals');
    },
  );
});
