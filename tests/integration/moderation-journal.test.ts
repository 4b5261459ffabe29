import { it, expect, beforeEach } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { recordEvent } from '../../src/lib/moderation/audit.ts';
import { listEvents, listJournalActors } from '../../src/lib/moderation/journal.ts';
import { decodeKeysetCursor } from '../../src/lib/pagination/keyset-cursor.ts';
import { parseJournalFilters } from '../../src/lib/moderation/journal-filters.ts';

describeEachDatabase('moderation journal', (t) => {
  let alice = 0;
  let bruno = 0;

  beforeEach(async () => {
    const users = await t.db
      .insertInto('app_user')
      .values([
        { username: 'alice', display_name: 'Alice Martin', role: 'admin', password_hash: 'x' },
        { username: 'bruno', display_name: 'Bruno Petit', role: 'moderator', password_hash: 'x' },
      ])
      .returning('id')
      .execute();
    alice = users[0]!.id;
    bruno = users[1]!.id;
  });

  /** An event at hour `hour` (UTC) of 10 November 2026. */
  async function event(hour: number, actor: 'alice' | 'bruno' | 'public', action: string, targetId = 1) {
    const ids = { alice, bruno, public: null };
    await t.db
      .insertInto('moderation_event')
      .values({
        occurred_at: new Date(Date.UTC(2026, 10, 10, hour)),
        actor_id: ids[actor],
        actor_label: actor,
        action,
        target_type: 'souvenir',
        target_id: targetId,
        before: JSON.stringify({ status: 'pending' }),
        after: JSON.stringify({ status: 'approved' }),
      })
      .execute();
  }

  it('lists events newest first with the actor’s display name, or the label written for a non-account', async () => {
    await event(1, 'public', 'submit');
    await event(2, 'alice', 'approve');
    await recordEvent(t.db, {
      actor: { id: bruno, label: 'bruno' },
      action: 'reject',
      targetType: 'souvenir',
      targetId: 2,
      reason: 'hors sujet',
      before: { status: 'pending' },
    });
    const { events, next } = await listEvents(t.db);
    expect(events.map((e) => [e.action, e.actorName])).toEqual([
      ['reject', 'Bruno Petit'],
      ['approve', 'Alice Martin'],
      ['submit', 'public'],
    ]);
    expect(events[0]).toMatchObject({
      reason: 'hors sujet',
      targetType: 'souvenir',
      targetId: 2,
      before: { status: 'pending' },
      after: null,
    });
    expect(events[1]!.after).toEqual({ status: 'approved' });
    expect(next).toBeNull();
  });

  it('pages by keyset without skipping or repeating events that share a time', async () => {
    for (let i = 0; i < 7; i++) await event(i < 4 ? 3 : i, 'alice', 'approve', i + 1);
    const seen: number[] = [];
    let cursor = null;
    for (let page = 0; page < 10; page++) {
      const result = await listEvents(t.db, { limit: 3, cursor });
      seen.push(...result.events.map((e) => e.targetId));
      if (!result.next) break;
      cursor = decodeKeysetCursor(result.next);
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('filters by moderator, by action and by a date range of whole days in Paris time', async () => {
    await event(1, 'alice', 'approve', 1);
    await event(2, 'bruno', 'approve', 2);
    await event(3, 'bruno', 'spam', 3);
    await t.db
      .insertInto('moderation_event')
      .values([
        // 23:30 UTC on 9 November is 00:30 on 10 November in Paris.
        {
          occurred_at: new Date('2026-11-09T23:30:00Z'),
          actor_id: alice,
          actor_label: 'alice',
          action: 'trash',
          target_type: 'souvenir',
          target_id: 4,
        },
        // 23:30 UTC on 10 November is already 11 November in Paris.
        {
          occurred_at: new Date('2026-11-10T23:30:00Z'),
          actor_id: alice,
          actor_label: 'alice',
          action: 'trash',
          target_type: 'souvenir',
          target_id: 5,
        },
      ])
      .execute();
    const ids = async (params: Record<string, string>) =>
      (await listEvents(t.db, parseJournalFilters(new URLSearchParams(params)).query)).events.map((e) => e.targetId);

    expect(await ids({ moderateur: String(bruno) })).toEqual([3, 2]);
    expect(await ids({ action: 'approve' })).toEqual([2, 1]);
    expect(await ids({ moderateur: String(bruno), action: 'approve' })).toEqual([2]);
    expect(await ids({ du: '2026-11-10', au: '2026-11-10' })).toEqual([3, 2, 1, 4]);
    expect(await ids({ du: '2026-11-11' })).toEqual([5]);
    expect(await ids({ au: '2026-11-09' })).toEqual([]);
  });

  it('offers every account, disabled ones too, for the moderator filter', async () => {
    await t.db.updateTable('app_user').set({ disabled_at: new Date() }).where('id', '=', bruno).execute();
    expect(await listJournalActors(t.db)).toEqual([
      { id: alice, displayName: 'Alice Martin', username: 'alice' },
      { id: bruno, displayName: 'Bruno Petit', username: 'bruno' },
    ]);
  });
});
