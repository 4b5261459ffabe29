import { it, expect } from 'vitest';
import { journalEntry } from '../helpers/journal.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { sentAt, shareSouvenir } from '../helpers/contribution-fixtures.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { DecisionError } from '../../src/lib/moderation/decisions.ts';
import type { Decision } from '../../src/lib/moderation/decisions.ts';
import { decideContribution, decideMany, decideSouvenir, settleEach } from '../../src/lib/contributions/decide.ts';
import type { SouvenirStatus } from '../../db/types.ts';
import { script } from '../helpers/actors.ts';
import { editPendingByAuthor } from '../../src/lib/contributions/author-link.ts';

describeEachDatabase('souvenir decisions', (t) => {
  const newSouvenir = () =>
    shareSouvenir(t.db, { authorName: 'Léa', authorEmail: 'lea@example.org', title: null, body: 'Un concert.' });

  it('approves with an audit row recording before and after', async () => {
    const s = await newSouvenir();
    expect(await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script, reason: 'ok' })).toBe('approved');
    const event = await journalEntry(t.db, { action: 'approve' });
    expect(event).toMatchObject({ actor_label: 'script', target_id: s.id, reason: 'ok' });
    expect(event.before).toEqual({ status: 'pending', pinned: false });
    expect(event.after).toEqual({ status: 'approved', pinned: false });
    const row = await t.db
      .selectFrom('souvenir')
      .select(['status', 'approved_at'])
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(row.approved_at).toBeInstanceOf(Date);
  });

  it('restores spam and trash to exactly the status they came from', async () => {
    const s = await newSouvenir();
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    await decideSouvenir(t.db, { id: s.id, decision: 'trash', actor: script });
    expect(await decideSouvenir(t.db, { id: s.id, decision: 'restore', actor: script })).toBe('approved');
    const p = await newSouvenir();
    await decideSouvenir(t.db, { id: p.id, decision: 'spam', actor: script });
    expect(await decideSouvenir(t.db, { id: p.id, decision: 'restore', actor: script })).toBe('pending');
  });

  it('reports a conflict instead of overwriting a decision someone else made', async () => {
    const s = await newSouvenir();
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script, expectedStatus: 'pending' });
    const second = decideSouvenir(t.db, { id: s.id, decision: 'reject', actor: script, expectedStatus: 'pending' });
    await expect(second).rejects.toMatchObject({ code: 'conflict', currentStatus: 'approved' });
    const row = await t.db.selectFrom('souvenir').select('status').where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('approved');
    const events = await t.db.selectFrom('moderation_event').select('action').execute();
    expect(events.map((e) => e.action).sort()).toEqual(['approve', 'submit']);
  });

  it('refuses to publish a text its author changed after the moderator read it', async () => {
    const s = await newSouvenir();
    const read = async () =>
      (await t.db.selectFrom('souvenir').select('updated_at').where('id', '=', s.id).executeTakeFirstOrThrow())
        .updated_at;
    const shown = await read();
    await editPendingByAuthor(
      t.db,
      'souvenir',
      s.token,
      { title: null, body: 'Un autre texte, jamais relu.', memoryYear: null, event: null },
      new Date(shown.getTime() + 5_000),
    );
    const approve = (expectedUpdatedAt: Date) =>
      decideSouvenir(t.db, {
        id: s.id,
        decision: 'approve',
        actor: script,
        expectedStatus: 'pending',
        expectedUpdatedAt,
      });
    await expect(approve(shown)).rejects.toMatchObject({ code: 'changed', currentStatus: 'pending' });
    expect((await t.db.selectFrom('souvenir').select('status').executeTakeFirstOrThrow()).status).toBe('pending');
    // Read again, it can be decided.
    await expect(approve(await read())).resolves.toBe('approved');
  });

  it('refuses to pin what is not published and to restore what is not in spam or trash', async () => {
    const s = await newSouvenir();
    await expect(decideSouvenir(t.db, { id: s.id, decision: 'pin', actor: script })).rejects.toBeInstanceOf(
      DecisionError,
    );
    await expect(decideSouvenir(t.db, { id: s.id, decision: 'restore', actor: script })).rejects.toMatchObject({
      code: 'not_allowed',
    });
    await expect(decideSouvenir(t.db, { id: 999_999, decision: 'approve', actor: script })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

const alice = { id: 1, label: 'alice' };
const bruno = { id: 2, label: 'bruno' };

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

describeEachDatabase('deciding in the moderation queue', (t) => {
  it('applies every decision with an audit row holding the actor, the reason, before and after', async () => {
    const s = await sentAt(t.db, 1);
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
      expect(
        await decideSouvenir(t.db, { id: s.id, decision, actor: alice, reason: `pour ${decision}`, expectedStatus }),
      ).toBe(status);
      const current = await row(t, s.id);
      expect({ decision, status: current.status, pinned: current.pinned }).toEqual({ decision, status, pinned });
      const last = (await events(t, s.id)).at(-1)!;
      expect(last).toMatchObject({
        action: decision,
        actor_id: 1,
        actor_label: 'alice',
        reason: `pour ${decision}`,
        target_type: 'souvenir',
      });
      expect(last.before).toEqual(before);
      expect(last.after).toEqual({ status, pinned });
      before = { status, pinned };
    }
    expect(await events(t, s.id)).toHaveLength(steps.length);
  });

  it('restores exactly: the status before the bin, even through trash then spam, with its approval time and pin', async () => {
    const s = await sentAt(t.db, 1);
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

    const r = await sentAt(t.db, 2);
    await decideSouvenir(t.db, { id: r.id, decision: 'reject', actor: alice });
    await decideSouvenir(t.db, { id: r.id, decision: 'spam', actor: alice });
    expect(await decideSouvenir(t.db, { id: r.id, decision: 'restore', actor: alice })).toBe('rejected');

    const robot = await sentAt(t.db, 3, {}, 'spam');
    expect(await decideSouvenir(t.db, { id: robot.id, decision: 'restore', actor: alice })).toBe('pending');
  });

  it('refuses decisions that would change nothing, and every decision on a withdrawn souvenir', async () => {
    const s = await sentAt(t.db, 1);
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: alice });
    await expect(decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: alice })).rejects.toMatchObject({
      code: 'not_allowed',
      currentStatus: 'approved',
    });
    await expect(decideSouvenir(t.db, { id: s.id, decision: 'unpin', actor: alice })).rejects.toMatchObject({
      code: 'not_allowed',
    });
    await t.db
      .updateTable('souvenir')
      .set({ status: 'trash', withdrawn_at: new Date() })
      .where('id', '=', s.id)
      .execute();
    await expect(decideSouvenir(t.db, { id: s.id, decision: 'restore', actor: alice })).rejects.toMatchObject({
      code: 'not_allowed',
    });
    expect(await events(t, s.id)).toHaveLength(1);
  });

  it('reports the second of two moderators deciding the same souvenir as a conflict, overwriting nothing', async () => {
    const s = await sentAt(t.db, 1);
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
    const a = await sentAt(t.db, 1);
    const b = await sentAt(t.db, 2);
    const c = await sentAt(t.db, 3);
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
    const approvals = await t.db
      .selectFrom('moderation_event')
      .select(['target_id', 'reason'])
      .where('action', '=', 'approve')
      .orderBy('target_id')
      .execute();
    expect(approvals).toEqual([
      { target_id: a.id, reason: 'lot' },
      { target_id: c.id, reason: 'lot' },
    ]);
  });

  it('leaves an item of a selection alone when its author rewrote it after the list was shown', async () => {
    const a = await sentAt(t.db, 1);
    const b = await sentAt(t.db, 2, { body: 'Le texte que la modératrice a lu.' });
    const shown = await t.db.selectFrom('souvenir').select(['id', 'updated_at']).execute();
    const versions = new Map(shown.map((r) => [r.id, r.updated_at]));
    await editPendingByAuthor(
      t.db,
      'souvenir',
      b.token,
      { title: null, body: 'Un numéro de téléphone ajouté après coup.', memoryYear: null, event: null },
      new Date(Date.UTC(2026, 10, 1, 11, 0)),
    );
    const outcomes = await decideMany(t.db, {
      targetType: 'souvenir',
      ids: [a.id, b.id],
      versions,
      decision: 'approve',
      actor: alice,
      expectedStatus: 'pending',
    });
    expect(outcomes).toEqual([
      { id: a.id, outcome: 'done', status: 'approved' },
      { id: b.id, outcome: 'changed', status: 'pending' },
    ]);
    expect((await row(t, b.id)).status).toBe('pending');
    // Versions sent, but none for a selected item: it was not read either.
    const c = await sentAt(t.db, 3);
    expect(
      await decideMany(t.db, {
        targetType: 'souvenir',
        ids: [c.id],
        versions: new Map([[a.id, new Date()]]),
        decision: 'approve',
        actor: alice,
      }),
    ).toEqual([{ id: c.id, outcome: 'changed', status: null }]);
  });

  it('decides each id of a selection once, even when it is sent twice', async () => {
    const a = await sentAt(t.db, 1);
    const outcomes = await decideMany(t.db, {
      targetType: 'souvenir',
      ids: [a.id, a.id],
      decision: 'spam',
      actor: alice,
    });
    expect(outcomes).toEqual([{ id: a.id, outcome: 'done', status: 'spam' }]);
  });
  it('decides any kind by its name, and settles a selection step by step', async () => {
    const s = await sentAt(t.db, 1);
    expect(await decideContribution(t.db, 'souvenir', { id: s.id, decision: 'approve', actor: alice })).toBe(
      'approved',
    );
    const outcomes = await settleEach([s.id, s.id, 999_999], (id) =>
      decideContribution(t.db, 'souvenir', { id, decision: 'spam', actor: alice }),
    );
    expect(outcomes).toEqual([
      { id: s.id, outcome: 'done', status: 'spam' },
      { id: 999_999, outcome: 'not_found', status: null },
    ]);
    await expect(settleEach([s.id], () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
  });
});
