import { it, expect } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import {
  latestWallChange,
  purgeWallChanges,
  recordWallChange,
  wallChangesSince,
  WALL_CHANGE_RETENTION_MS,
} from '../../src/lib/wall/changes.ts';
import { ScreenHub, screenEventsFor, screenStream } from '../../src/lib/wall/screen-feed.ts';
import type { SequencedEvent } from '../../src/lib/wall/screen-feed.ts';
import { fakeNotifications } from '../helpers/fake-notifications.ts';
import { script } from '../helpers/actors.ts';

describeEachDatabase('the wall change sequence and live screens (issue 18)', (t) => {
  const newSouvenir = (body: string) =>
    createSouvenir(
      t.db,
      {
        authorName: 'Sam',
        authorEmail: 'sam.private@example.org',
        title: null,
        body,
        memoryYear: 2012,
        event: null,
        locale: 'fr',
      },
      { ipHash: 'ip' },
    );
  const approve = (id: number) => decideSouvenir(t.db, { id, decision: 'approve', actor: script });

  it('records each decision in the sequence and replays only the latest change of each souvenir', async () => {
    expect(await latestWallChange(t.db)).toBe(0);
    const a = await newSouvenir('Le premier rappel.');
    const b = await newSouvenir('La salle qui chante.');
    await approve(a.id);
    const position = await latestWallChange(t.db);
    await approve(b.id);
    await decideSouvenir(t.db, { id: a.id, decision: 'trash', actor: script });
    const changes = await wallChangesSince(t.db, position);
    expect(changes.map((c) => c.souvenirId)).toEqual([b.id, a.id]);
    const events = await screenEventsFor(t.db, changes);
    expect(events.map((e) => e.event.type)).toEqual(['souvenir', 'retrait']);
    expect(JSON.stringify(events)).not.toContain('sam.private@example.org');
    expect(await wallChangesSince(t.db, 0, 1)).toEqual([changes.at(-1)]);
  });

  it('gives a screen that connects with its page position what was approved since the page was rendered', async () => {
    const hub = new ScreenHub(t.db, fakeNotifications());
    const renderedAt = await latestWallChange(t.db);
    const s = await newSouvenir('Pendant que l’écran se connectait.');
    await approve(s.id);
    const abort = new AbortController();
    const reader = screenStream({
      hub,
      signal: abort.signal,
      missed: async () => screenEventsFor(t.db, await wallChangesSince(t.db, renderedAt)),
    }).getReader();
    let text = '';
    while (!text.includes(s.publicId)) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(new RegExp(`id: ${renderedAt + 1}\\nevent: souvenir\\n`));
    abort.abort();
    hub.close();
  });

  it('sends nothing from before its start when a process starts, then the next approval alone', async () => {
    const before = [];
    for (const body of ['Avant le redémarrage, un.', 'Avant le redémarrage, deux.', 'Avant, trois.']) {
      const s = await newSouvenir(body);
      await approve(s.id);
      before.push(s);
    }
    const source = fakeNotifications();
    const hub = new ScreenHub(t.db, source);
    const seen: SequencedEvent[] = [];
    hub.subscribe((event) => seen.push(event));
    source.emit({ kind: 'reset' });
    await hub.refresh();
    expect(seen).toEqual([]);
    const after = await newSouvenir('Après le redémarrage.');
    await approve(after.id);
    source.emit({ kind: 'souvenir', id: after.id });
    await hub.refresh();
    expect(seen.map((e) => e.event.type === 'souvenir' && e.event.souvenir.publicId)).toEqual([after.publicId]);
    hub.close();
  });

  it('catches up from the database after its notifications were lost, and delivers a late commit below the highest seen', async () => {
    const source = fakeNotifications();
    const hub = new ScreenHub(t.db, source);
    const seen: SequencedEvent[] = [];
    hub.subscribe((event) => seen.push(event));
    await hub.refresh();
    const a = await newSouvenir('Approuvé pendant une coupure.');
    await approve(a.id);
    // No notification arrived (the LISTEN connection was down): the reconnection says `reset`.
    source.emit({ kind: 'reset' });
    await hub.refresh();
    expect(seen.map((e) => e.event.type === 'souvenir' && e.event.souvenir.publicId)).toEqual([a.publicId]);

    // A change whose number was taken before a higher one, committed after it.
    const b = await newSouvenir('Arrivé en retard.');
    await sql`update souvenir set status = 'approved', approved_at = now() where id = ${b.id}`.execute(t.db);
    const high = seen[0]!.seq;
    await sql`insert into wall_event (seq, kind, souvenir_id, changed_at) overriding system value
              values (${high + 5}, 'souvenir', ${a.id}, now())`.execute(t.db);
    source.emit({ kind: 'souvenir', id: a.id });
    await hub.refresh();
    await sql`insert into wall_event (seq, kind, souvenir_id, changed_at) overriding system value
              values (${high + 2}, 'souvenir', ${b.id}, now())`.execute(t.db);
    source.emit({ kind: 'souvenir', id: b.id });
    await hub.refresh();
    expect(seen.map((e) => e.seq)).toEqual([high, high + 5, high + 2]);
    // Nothing is delivered twice.
    source.emit({ kind: 'reset' });
    await hub.refresh();
    expect(seen).toHaveLength(3);
    hub.close();
  });

  it('ends every open stream at once when the server stops, telling the screen to come back soon', async () => {
    const hub = new ScreenHub(t.db, fakeNotifications());
    const reader = screenStream({ hub, signal: new AbortController().signal, missed: async () => [] }).getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('retry: 2000\n\n');
    hub.endAll();
    expect(decoder.decode((await reader.read()).value)).toBe('retry: 500\n\n');
    expect((await reader.read()).done).toBe(true);
    expect(hub.size).toBe(0);
  });

  it('purges changes older than two days', async () => {
    const s = await newSouvenir('Un soir ancien.');
    await recordWallChange(t.db, 'souvenir', s.id);
    expect(await purgeWallChanges(t.db, new Date(Date.now() + WALL_CHANGE_RETENTION_MS - 60_000))).toBe(0);
    expect(await purgeWallChanges(t.db, new Date(Date.now() + WALL_CHANGE_RETENTION_MS + 60_000))).toBe(1);
  });
});
