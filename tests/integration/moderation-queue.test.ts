import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import type { SouvenirSubmission } from '../../src/lib/souvenirs/create-souvenir.ts';
import { listQueue, countByStatus } from '../../src/lib/contributions/queue.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import type { Decision } from '../../src/lib/moderation/decisions.ts';
import { decideMany } from '../../src/lib/contributions/decide.ts';
import { decodeKeysetCursor } from '../../src/lib/pagination/keyset-cursor.ts';
import type { SouvenirStatus } from '../../db/types.ts';

const alice = { id: 1, label: 'alice' };
const bruno = { id: 2, label: 'bruno' };

function submission(overrides: Partial<SouvenirSubmission> = {}): SouvenirSubmission {
  return {
    authorName: 'Camille',
    authorEmail: 'camille@example.org',
    title: 'Un soir de concert',
    body: 'La salle chantait avec nous.',
    memoryYear: null,
    event: null,
    locale: 'fr',
    ...overrides,
  };
}

/** A souvenir sent at minute `minute` of a fixed day, so the queue's order is known. */
function sentAt(t: TestDatabase, minute: number, overrides: Partial<SouvenirSubmission> = {}, status?: SouvenirStatus) {
  return createSouvenir(t.db, submission(overrides), {
    ipHash: null,
    now: new Date(Date.UTC(2026, 10, 1, 10, minute)),
    ...(status ? { status } : {}),
  });
}

const row = (t: TestDatabase, id: number) =>
  t.db.selectFrom('souvenir').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const events = (t: TestDatabase, id: number) =>
  t.db
    .selectFrom('moderation_event')
    .selectAll()
    .where('target_id', '=', id)
    .where('action', '!=', 'submit')
    .orderBy('id')
    .execute();

describeEachDatabase('moderation queue', (t) => {
  it('lists pending souvenirs oldest first, by keyset across pages', async () => {
    const ids = [];
    for (const minute of [5, 1, 3, 4, 2]) ids.push((await sentAt(t, minute, { title: `m${minute}` })).id);
    const first = await listQueue(t.db, { status: 'pending', limit: 2 });
    expect(first.items.map((i) => i.title)).toEqual(['m1', 'm2']);
    const second = await listQueue(t.db, { status: 'pending', limit: 2, cursor: decodeKeysetCursor(first.next) });
    expect(second.items.map((i) => i.title)).toEqual(['m3', 'm4']);
    const third = await listQueue(t.db, { status: 'pending', limit: 2, cursor: decodeKeysetCursor(second.next) });
    expect(third.items.map((i) => i.title)).toEqual(['m5']);
    expect(third.next).toBeNull();
  });

  it('lists every other status newest first, ties broken by id', async () => {
    for (const minute of [1, 3, 2, 3]) await sentAt(t, minute, { title: `r${minute}` }, 'spam');
    const page = await listQueue(t.db, { status: 'spam', limit: 3 });
    expect(page.items.map((i) => i.title)).toEqual(['r3', 'r3', 'r2']);
    expect(page.items[0]!.id).toBeGreaterThan(page.items[1]!.id);
    const rest = await listQueue(t.db, { status: 'spam', limit: 3, cursor: decodeKeysetCursor(page.next) });
    expect(rest.items.map((i) => i.title)).toEqual(['r1']);
  });

  it('gives moderators the sanitised body, the author’s name and email, the time and the rules that flagged it', async () => {
    const s = await createSouvenir(
      t.db,
      submission({ body: 'Bonjour <script>alert(1)</script><strong onclick="x()">fort</strong>' }),
      { ipHash: null, status: 'spam', flagReasons: ['honeypot'] },
    );
    const [item] = (await listQueue(t.db, { status: 'spam' })).items;
    expect(item).toMatchObject({
      targetType: 'souvenir',
      id: s.id,
      authorName: 'Camille',
      authorEmail: 'camille@example.org',
      flagReasons: ['honeypot'],
      status: 'spam',
      pinned: false,
      withdrawn: false,
      title: 'Un soir de concert',
    });
    expect(item!.bodyHtml).toBe('<p>Bonjour <strong>fort</strong></p>');
    expect(item!.createdAt).toBeInstanceOf(Date);
  });

  it('counts every status in one grouped query, zeros included, as numbers', async () => {
    await sentAt(t, 1);
    await sentAt(t, 2);
    await sentAt(t, 3, {}, 'spam');
    t.queries.length = 0;
    const counts = await countByStatus(t.db);
    expect(counts).toEqual({ pending: 2, approved: 0, rejected: 0, spam: 1, trash: 0 });
    expect(typeof counts.pending).toBe('number');
    expect(t.queries).toHaveLength(1);
  });

  it('applies every decision with an audit row holding the actor, the reason, before and after', async () => {
    const s = await sentAt(t, 1);
    const steps: [Decision, SouvenirStatus, boolean][] = [
      ['approve', 'approved', false],
      ['pin', 'approved', true],
      ['unpin', 'approved', false],
      ['reject', 'rejected', false],
      ['spam', 'spam', false],
      ['restore', 'rejected', false],
      ['trash', 'trash', false],
      ['restore', 'rejected', false],
    ];
    let before = { status: 'pending', pinned: false };
    for (const [decision, status, pinned] of steps) {
      const expectedStatus = before.status as SouvenirStatus;
      expect(await decideSouvenir(t.db, { id: s.id, decision, actor: alice, reason: `pour ${decision}`, expectedStatus })).toBe(status);
      const current = await row(t, s.id);
      expect({ decision, status: current.status, pinned: current.pinned }).toEqual({ decision, status, pinned });
      const last = (await events(t, s.id)).at(-1)!;
      expect(last).toMatchObject({ action: decision, actor_id: 1, actor_label: 'alice', reason: `pour ${decision}`, target_type: 'souvenir' });
      expect(last.before).toEqual(before);
      expect(last.after).toEqual({ status, pinned });
      before = { status, pinned };
    }
    expect(await events(t, s.id)).toHaveLength(steps.length);
  });

  it('restores exactly: the status before the bin, even through trash then spam, with its approval time and pin', async () => {
    const s = await sentAt(t, 1);
    const approvedAt = new Date('2026-11-02T09:00:00Z');
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: alice, now: approvedAt });
    await decideSouvenir(t.db, { id: s.id, decision: 'pin', actor: alice });
    await decideSouvenir(t.db, { id: s.id, decision: 'trash', actor: bruno });
    await decideSouvenir(t.db, { id: s.id, decision: 'spam', actor: bruno });
    expect((await row(t, s.id)).previous_status).toBe('approved');
    expect(await decideSouvenir(t.db, { id: s.id, decision: 'restore', actor: alice })).toBe('approved');
    const restored = await row(t, s.id);
    expect(restored).toMatchObject({ status: 'approved', pinned: true, previous_status: null, approved_by: 1 });
    expect(restored.approved_at?.getTime()).toBe(approvedAt.getTime());

    const r = await sentAt(t, 2);
    await decideSouvenir(t.db, { id: r.id, decision: 'reject', actor: alice });
    await decideSouvenir(t.db, { id: r.id, decision: 'spam', actor: alice });
    expect(await decideSouvenir(t.db, { id: r.id, decision: 'restore', actor: alice })).toBe('rejected');

    const robot = await sentAt(t, 3, {}, 'spam');
    expect(await decideSouvenir(t.db, { id: robot.id, decision: 'restore', actor: alice })).toBe('pending');
  });

  it('refuses decisions that would change nothing, and every decision on a withdrawn souvenir', async () => {
    const s = await sentAt(t, 1);
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: alice });
    await expect(decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: alice })).rejects.toMatchObject({ code: 'not_allowed', currentStatus: 'approved' });
    await expect(decideSouvenir(t.db, { id: s.id, decision: 'unpin', actor: alice })).rejects.toMatchObject({ code: 'not_allowed' });
    await t.db.updateTable('souvenir').set({ status: 'trash', withdrawn_at: new Date() }).where('id', '=', s.id).execute();
    await expect(decideSouvenir(t.db, { id: s.id, decision: 'restore', actor: alice })).rejects.toMatchObject({ code: 'not_allowed' });
    expect(await events(t, s.id)).toHaveLength(1);
  });

  it('reports the second of two moderators deciding the same souvenir as a conflict, overwriting nothing', async () => {
    const s = await sentAt(t, 1);
    const results = await Promise.allSettled([
      decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: alice, expectedStatus: 'pending' }),
      decideSouvenir(t.db, { id: s.id, decision: 'spam', actor: bruno, expectedStatus: 'pending' }),
    ]);
    const won = results.findIndex((r) => r.status === 'fulfilled');
    const lost = results[1 - won]!;
    expect(won).not.toBe(-1);
    expect(lost.status).toBe('rejected');
    const winnerStatus = won === 0 ? 'approved' : 'spam';
    expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict', currentStatus: winnerStatus });
    expect((await row(t, s.id)).status).toBe(winnerStatus);
    const log = await events(t, s.id);
    expect(log).toHaveLength(1);
    expect(log[0]!.actor_label).toBe(won === 0 ? 'alice' : 'bruno');
  });

  it('decides a selection item by item: one conflict is reported and the others are done', async () => {
    const a = await sentAt(t, 1);
    const b = await sentAt(t, 2);
    const c = await sentAt(t, 3);
    await decideSouvenir(t.db, { id: b.id, decision: 'trash', actor: bruno });
    const outcomes = await decideMany(t.db, {
      targetType: 'souvenir',
      ids: [a.id, b.id, c.id, 999_999],
      decision: 'approve',
      actor: alice,
      reason: 'lot',
      expectedStatus: 'pending',
    });
    expect(outcomes).toEqual([
      { id: a.id, outcome: 'done', status: 'approved' },
      { id: b.id, outcome: 'conflict', status: 'trash' },
      { id: c.id, outcome: 'done', status: 'approved' },
      { id: 999_999, outcome: 'not_found', status: null },
    ]);
    expect((await row(t, b.id)).status).toBe('trash');
    expect((await row(t, a.id)).status).toBe('approved');
    const approvals = await t.db.selectFrom('moderation_event').select(['target_id', 'reason']).where('action', '=', 'approve').orderBy('target_id').execute();
    expect(approvals).toEqual([
      { target_id: a.id, reason: 'lot' },
      { target_id: c.id, reason: 'lot' },
    ]);
  });

  it('decides each id of a selection once, even when it is sent twice', async () => {
    const a = await sentAt(t, 1);
    const outcomes = await decideMany(t.db, { targetType: 'souvenir', ids: [a.id, a.id], decision: 'spam', actor: alice });
    expect(outcomes).toEqual([{ id: a.id, outcome: 'done', status: 'spam' }]);
  });
});
