import { it, expect } from 'vitest';
import { journalEntry } from '../helpers/journal.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir, marcComment, sentAt } from '../helpers/contribution-fixtures.ts';
import { decideComment, decideContribution, decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { decisionEventIds, eventKind, revertContribution } from '../../src/lib/contributions/revert.ts';
import { DecisionError } from '../../src/lib/moderation/decisions.ts';
import { latestWallChange, wallChangesSince } from '../../src/lib/wall/changes.ts';
import { screenEventsFor } from '../../src/lib/wall/screen-feed.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

const alice = { id: null, label: 'alice' };

async function lastEventId(db: Kysely<Database>, action: string): Promise<number> {
  const row = await db
    .selectFrom('moderation_event')
    .select('id')
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return row.id;
}

const souvenirState = (db: Kysely<Database>, id: number) =>
  db
    .selectFrom('souvenir')
    .select(['status', 'previous_status', 'pinned', 'approved_at', 'approved_by'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describeEachDatabase('restoring the state before a decision', (t) => {
  it('takes back an approval: pending again, off the wall, with a revert row naming the decision', async () => {
    const s = await sentAt(t.db, 1);
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: alice });
    const approval = await lastEventId(t.db, 'approve');
    expect(await revertContribution(t.db, { eventId: approval, actor: alice })).toEqual({
      kind: 'souvenir',
      id: s.id,
      status: 'pending',
    });
    expect(await souvenirState(t.db, s.id)).toMatchObject({ status: 'pending', approved_at: null });
    const revert = await journalEntry(t.db, { action: 'revert' });
    expect(revert.before).toEqual({ status: 'approved', pinned: false });
    expect(revert.after).toEqual({ status: 'pending', pinned: false, revertOf: approval });
    const stat = await t.db.selectFrom('wall_stat').select('souvenirs').executeTakeFirst();
    expect(stat?.souvenirs ?? 0).toBe(0);
  });

  it('takes an undone approval off the live screen: the change sequence says it is withdrawn', async () => {
    const s = await sentAt(t.db, 6);
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: alice });
    const shown = await latestWallChange(t.db);
    await revertContribution(t.db, { eventId: await lastEventId(t.db, 'approve'), actor: alice });
    const events = await screenEventsFor(t.db, await wallChangesSince(t.db, shown));
    expect(events.map((e) => e.event)).toEqual([{ type: 'retrait', publicId: s.publicId }]);
  });

  it('puts a rejected pinned souvenir back on the wall with its pin and its first approval time', async () => {
    const s = await approvedSouvenir(t.db);
    await decideSouvenir(t.db, { id: s.id, decision: 'pin', actor: alice });
    const before = await souvenirState(t.db, s.id);
    await decideSouvenir(t.db, { id: s.id, decision: 'reject', actor: alice });
    await revertContribution(t.db, { eventId: await lastEventId(t.db, 'reject'), actor: alice });
    expect(await souvenirState(t.db, s.id)).toEqual(before);
  });

  it('undoes a trashing and redoes it by restoring the state before the revert', async () => {
    const s = await approvedSouvenir(t.db);
    await decideSouvenir(t.db, { id: s.id, decision: 'trash', actor: alice });
    await revertContribution(t.db, { eventId: await lastEventId(t.db, 'trash'), actor: alice });
    expect((await souvenirState(t.db, s.id)).status).toBe('approved');
    await revertContribution(t.db, { eventId: await lastEventId(t.db, 'revert'), actor: alice });
    expect(await souvenirState(t.db, s.id)).toMatchObject({ status: 'trash', previous_status: 'approved' });
  });

  it('drops the author’s “declined” message if it has not left yet, and queues none for the undo', async () => {
    const s = await sentAt(t.db, 7);
    const mail = { origin: 'https://mur.example.org' };
    await decideContribution(t.db, 'souvenir', { id: s.id, decision: 'reject', actor: alice }, mail);
    const outbox = () => t.db.selectFrom('mail_outbox').select(['dedupe_key', 'status']).execute();
    expect(await outbox()).toEqual([{ dedupe_key: `decision:souvenir:${s.id}:declined`, status: 'queued' }]);
    await revertContribution(t.db, { eventId: await lastEventId(t.db, 'reject'), actor: alice });
    expect(await outbox()).toEqual([]);
  });

  it('leaves a message that has already been sent', async () => {
    const s = await sentAt(t.db, 8);
    await decideContribution(
      t.db,
      'souvenir',
      { id: s.id, decision: 'approve', actor: alice },
      { origin: 'https://x.example' },
    );
    await t.db.updateTable('mail_outbox').set({ status: 'sent', sent_at: new Date() }).execute();
    await revertContribution(t.db, { eventId: await lastEventId(t.db, 'approve'), actor: alice });
    expect(await t.db.selectFrom('mail_outbox').select('status').execute()).toEqual([{ status: 'sent' }]);
  });

  it('refuses as a conflict when the item has been decided again since', async () => {
    const s = await sentAt(t.db, 2);
    await decideSouvenir(t.db, { id: s.id, decision: 'reject', actor: alice });
    const rejection = await lastEventId(t.db, 'reject');
    await decideSouvenir(t.db, { id: s.id, decision: 'spam', actor: alice });
    const refusal = await revertContribution(t.db, { eventId: rejection, actor: alice }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DecisionError);
    expect(refusal).toMatchObject({ code: 'conflict', currentStatus: 'spam' });
  });

  it('refuses an event that is not a decision on a contribution', async () => {
    const s = await sentAt(t.db, 3);
    const submitted = await lastEventId(t.db, 'submit');
    expect(await eventKind(t.db, submitted)).toBe('souvenir');
    expect(await eventKind(t.db, 99_999)).toBeNull();
    await expect(revertContribution(t.db, { eventId: submitted, actor: alice })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(revertContribution(t.db, { eventId: 99_999, actor: alice })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await souvenirState(t.db, s.id)).status).toBe('pending');
  });

  it('moves a comment and its souvenir’s kept count back, through the same pipeline', async () => {
    const s = await approvedSouvenir(t.db);
    const c = await marcComment(t.db, s.id);
    await decideComment(t.db, { id: c.id, decision: 'approve', actor: alice });
    const count = () =>
      t.db.selectFrom('souvenir').select('comment_count').where('id', '=', s.id).executeTakeFirstOrThrow();
    expect((await count()).comment_count).toBe(1);
    const outcome = await revertContribution(t.db, { eventId: await lastEventId(t.db, 'approve'), actor: alice });
    expect(outcome).toMatchObject({ kind: 'comment', id: c.id, status: 'pending' });
    expect((await count()).comment_count).toBe(0);
  });

  it('finds the journal rows of the decisions one moderator just made, for the queue’s undo link', async () => {
    const a = await sentAt(t.db, 4);
    const b = await sentAt(t.db, 5);
    const bob = { id: null, label: 'bob' };
    await decideContribution(t.db, 'souvenir', { id: a.id, decision: 'reject', actor: alice });
    await decideContribution(t.db, 'souvenir', { id: b.id, decision: 'reject', actor: alice });
    const ids = await decisionEventIds(t.db, 'souvenir', [a.id, b.id], 'reject', alice);
    expect(ids).toHaveLength(2);
    expect(await decisionEventIds(t.db, 'souvenir', [a.id], 'reject', bob)).toEqual([]);
    for (const eventId of ids) await revertContribution(t.db, { eventId, actor: alice });
    expect((await souvenirState(t.db, a.id)).status).toBe('pending');
    expect((await souvenirState(t.db, b.id)).status).toBe('pending');
  });
});
