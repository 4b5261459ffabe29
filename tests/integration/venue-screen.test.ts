import { it, expect } from 'vitest';
import { describeEachDatabase, openSecondProcess } from '../helpers/databases.ts';
import { approvedSouvenir } from '../helpers/contribution-fixtures.ts';
import {
  changeScreenItem,
  controlVenue,
  SILENCE_LEAD_MS,
  VenueError,
} from '../../src/lib/commemoration/venue-control.ts';
import { readVenueState } from '../../src/lib/commemoration/venue-state.ts';
import { loopPosition } from '../../src/lib/commemoration/venue-loop.ts';
import type { VenueState } from '../../src/lib/commemoration/venue-state.ts';
import { silenceFeed, VenueHub, venueEvents } from '../../src/lib/commemoration/venue-feed.ts';
import { fakeNotifications } from '../helpers/fake-notifications.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { submission } from '../helpers/contribution-fixtures.ts';
import { listenForWallChanges, parseWallPayload } from '../../src/lib/wall/notifications.ts';
import { readVenueConsole } from '../../src/lib/commemoration/venue-console.ts';
import { venueControl as actor } from '../helpers/actors.ts';

const T0 = Date.UTC(2026, 10, 13, 20, 0, 0);
const at = (ms: number) => ({ actor, now: new Date(T0 + ms) });
const shownAt = (state: VenueState, ms: number) => {
  const items = state.items.map((i) => ({ id: i.souvenir.publicId, durationMs: i.durationMs }));
  const position = loopPosition(items, state, T0 + ms);
  return position ? state.items[position.index]!.souvenir.title : null;
};

describeEachDatabase('the venue screen (issue 21)', (t) => {
  const three = async () => {
    const a = await approvedSouvenir(t.db, { title: 'Le premier rappel' });
    const b = await approvedSouvenir(t.db, { title: 'La fosse' });
    const c = await approvedSouvenir(t.db, { title: 'Le balcon' });
    await changeScreenItem(t.db, a.id, { type: 'add', durationMs: 12_000 }, at(0));
    await changeScreenItem(t.db, b.id, { type: 'add', durationMs: 5_000 }, at(0));
    await changeScreenItem(t.db, c.id, { type: 'add' }, at(0));
    return { a, b, c };
  };

  it('plays the rundown in order, each item for its duration (12 s by default), then loops', async () => {
    await three();
    const state = await readVenueState(t.db, new Date(T0));
    expect(state.items.map((i) => [i.souvenir.title, i.durationMs])).toEqual([
      ['Le premier rappel', 12_000],
      ['La fosse', 5_000],
      ['Le balcon', 12_000],
    ]);
    expect([0, 11_999, 12_000, 16_999, 17_000, 28_999, 29_000].map((ms) => shownAt(state, ms))).toEqual([
      'Le premier rappel',
      'Le premier rappel',
      'La fosse',
      'La fosse',
      'Le balcon',
      'Le balcon',
      'Le premier rappel',
    ]);
  });

  it('keeps what is shown when an item is added, moves items, skips, pauses and resumes', async () => {
    const { a, c } = await three();
    const d = await approvedSouvenir(t.db, { title: 'Le dernier morceau' });
    // At 13 s "La fosse" plays; adding an item at the end leaves it playing.
    await changeScreenItem(t.db, d.id, { type: 'add', durationMs: 1_000 }, at(13_000));
    expect(shownAt(await readVenueState(t.db), 13_000)).toBe('La fosse');
    await changeScreenItem(t.db, c.id, { type: 'up' }, at(13_000));
    expect((await readVenueState(t.db)).items.map((i) => i.souvenir.title)).toEqual([
      'Le premier rappel',
      'Le balcon',
      'La fosse',
      'Le dernier morceau',
    ]);
    await controlVenue(t.db, { type: 'skip' }, at(20_000));
    const skipped = shownAt(await readVenueState(t.db), 20_000);
    await controlVenue(t.db, { type: 'pause' }, at(20_500));
    expect(shownAt(await readVenueState(t.db), 500_000)).toBe(skipped);
    await controlVenue(t.db, { type: 'resume' }, at(600_000));
    const resumed = await readVenueState(t.db);
    expect(shownAt(resumed, 600_000)).toBe(skipped);
    await changeScreenItem(t.db, a.id, { type: 'remove' }, at(600_000));
    expect((await readVenueState(t.db)).items.map((i) => i.souvenir.title)).not.toContain('Le premier rappel');
    const journal = await t.db
      .selectFrom('moderation_event')
      .select('action')
      .where('action', 'like', 'screen.%')
      .execute();
    expect(journal.map((j) => j.action)).toEqual([
      'screen.add',
      'screen.add',
      'screen.add',
      'screen.add',
      'screen.arrange',
      'screen.skip',
      'screen.pause',
      'screen.resume',
      'screen.remove',
    ]);
  });

  it('refuses a souvenir the wall does not show, and drops one withdrawn from the wall at once', async () => {
    const pending = await createSouvenir(t.db, submission({ body: 'En attente.' }), { ipHash: null });
    await expect(changeScreenItem(t.db, pending.id, { type: 'add' }, at(0))).rejects.toThrow(VenueError);
    const { b } = await three();
    await decideSouvenir(t.db, { id: b.id, decision: 'trash', actor });
    expect((await readVenueState(t.db)).items.map((i) => i.souvenir.title)).toEqual(['Le premier rappel', 'Le balcon']);
  });

  it('shows nothing added while frozen, the loop going on, and everything once unfrozen', async () => {
    await three();
    await controlVenue(t.db, { type: 'freeze' }, at(1_000));
    const e = await approvedSouvenir(t.db, { title: 'Ajouté pendant le gel' });
    await changeScreenItem(t.db, e.id, { type: 'add' }, at(2_000));
    const frozen = await readVenueState(t.db);
    expect(frozen.frozen).toBe(true);
    expect(frozen.items.map((i) => i.souvenir.title)).not.toContain('Ajouté pendant le gel');
    expect(shownAt(frozen, 13_000)).toBe('La fosse');
    await controlVenue(t.db, { type: 'unfreeze' }, at(3_000));
    expect((await readVenueState(t.db)).items.map((i) => i.souvenir.title)).toContain('Ajouté pendant le gel');
  });

  it('shuffles every screen the same way, and a new shuffle starts from its first item', async () => {
    await three();
    await controlVenue(t.db, { type: 'mode', mode: 'shuffle' }, at(50_000));
    const one = await readVenueState(t.db);
    const two = await readVenueState(t.db);
    expect(one.mode).toBe('shuffle');
    expect(one.items.map((i) => i.souvenir.publicId)).toEqual(two.items.map((i) => i.souvenir.publicId));
    expect(shownAt(one, 50_000)).toBe(one.items[0]!.souvenir.title);
  });

  it('schedules a silence a little ahead (60 s by default), or at a set time, and forgets it once over', async () => {
    await controlVenue(t.db, { type: 'silence' }, at(0));
    expect((await readVenueState(t.db, new Date(T0))).silence).toEqual({
      startsAt: T0 + SILENCE_LEAD_MS,
      durationMs: 60_000,
    });
    expect((await readVenueState(t.db, new Date(T0 + SILENCE_LEAD_MS + 60_000))).silence).toBeNull();
    await controlVenue(t.db, { type: 'silence', startsAt: new Date(T0 + 3_600_000), durationMs: 30_000 }, at(0));
    expect((await readVenueState(t.db, new Date(T0 + 100_000))).silence).toEqual({
      startsAt: T0 + 3_600_000,
      durationMs: 30_000,
    });
  });

  it('hands every screen one read per change, with the server clock stamped at each send', async () => {
    await three();
    const source = fakeNotifications();
    const hub = new VenueHub(t.db, source, 60_000);
    const got: string[][] = [[], []];
    hub.subscribe((frames) => got[0]!.push(venueEvents(frames, 42)));
    hub.subscribe((frames) => got[1]!.push(venueEvents(frames, 42)));
    const startsAt = Date.now() + 60_000;
    await controlVenue(t.db, { type: 'silence', startsAt: new Date(startsAt) }, at(0));
    source.emit({ kind: 'venue' });
    await hub.refresh();
    hub.close();
    expect(got[0]).toEqual(got[1]);
    expect(got[0]![0]).toMatch(/^event: salle\ndata: \{"now":42,"state":\{"mode":"rundown"/);
    expect(got[0]![0]).toContain(`event: silence\ndata: {"now":42,"silence":{"startsAt":${startsAt}`);
    expect(got[0]![0]).not.toContain('example.org');
  });

  it('tells the console what is on screen and next, what waits for the freeze to end, and what could be added', async () => {
    const { a } = await three();
    await controlVenue(t.db, { type: 'freeze' }, at(1_000));
    const late = await approvedSouvenir(t.db, { title: 'Arrivé pendant le gel' });
    await changeScreenItem(t.db, late.id, { type: 'add' }, at(2_000));
    const spare = await approvedSouvenir(t.db, { title: 'Pas encore choisi' });
    const reading = await readVenueConsole(t.db, new Date(T0 + 13_000));
    expect(reading.current?.title).toBe('La fosse');
    expect(reading.next?.title).toBe('Le balcon');
    expect(reading.currentEndsAt).toEqual(new Date(T0 + 17_000));
    expect(reading.frozen).toBe(true);
    expect(reading.rundown.map((e) => [e.title, e.waiting])).toEqual([
      ['Le premier rappel', false],
      ['La fosse', false],
      ['Le balcon', false],
      ['Arrivé pendant le gel', true],
    ]);
    expect(reading.candidates.map((c) => c.publicId)).toEqual([spare.publicId]);
    expect(reading.candidates.map((c) => c.publicId)).not.toContain(a.publicId);
  });

  it('gives the public live screen the silence alone, the latest at once and then each change', async () => {
    const hub = new VenueHub(t.db, fakeNotifications(), 60_000);
    const sent: string[] = [];
    const stop = silenceFeed(hub)((text) => sent.push(text));
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]).toMatch(/^event: silence\ndata: \{"now":\d+,"silence":null\}\n\n$/);
    const startsAt = Date.now() + 60_000;
    await controlVenue(t.db, { type: 'silence', startsAt: new Date(startsAt) }, at(0));
    await hub.refresh();
    stop();
    await hub.refresh();
    hub.close();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toContain(`"silence":{"startsAt":${startsAt},"durationMs":60000}`);
  });

  it('wakes venue screens without emptying any page cache', () => {
    expect(parseWallPayload('salle')).toEqual({ kind: 'venue' });
  });

  it.runIf(t.engine === 'postgres')(
    'gives two processes, each with its own connection and LISTEN, the same silence from the database',
    async () => {
      await three();
      const other = await openSecondProcess(t);
      const listening = [1, 2].map(() =>
        listenForWallChanges({ engine: 'postgres', databaseUrl: process.env.DATABASE_URL }),
      );
      await Promise.all(listening.map((l) => l.ready));
      const hubs = [new VenueHub(t.db, listening[0]!, 60_000), new VenueHub(other.db, listening[1]!, 60_000)];
      const seen: string[][] = [[], []];
      hubs.forEach((hub, i) => hub.subscribe((frames) => seen[i]!.push(frames.silence)));
      const startsAt = Date.now() + 60_000;
      try {
        await controlVenue(t.db, { type: 'silence', startsAt: new Date(startsAt) }, at(0));
        const expected = JSON.stringify({ startsAt, durationMs: 60_000 });
        await expect.poll(() => seen.map((s) => s.at(-1)), { timeout: 3_000 }).toEqual([expected, expected]);
      } finally {
        hubs.forEach((hub) => hub.close());
        await Promise.all(listening.map((l) => l.close()));
        await other.close();
      }
    },
  );
});
