/**
 * "Annuler" after a decision on a reported item: the reports the decision settled are open again,
 * and an item they had hidden is hidden again, so it is back on the reported tab as it was.
 */
import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir, marcComment } from '../helpers/contribution-fixtures.ts';
import { decideComment, decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { revertContribution } from '../../src/lib/contributions/revert.ts';
import { fileReport } from '../../src/lib/reports/file-report.ts';
import { countReportedItems } from '../../src/lib/reports/reported-queue.ts';
import { dismissReports } from '../../src/lib/reports/dismiss.ts';

const modo = { id: null, label: 'modo' };

describeEachDatabase('taking back a decision on a reported item', (t) => {
  const report = (targetType: 'souvenir' | 'comment', publicId: string, ipHash: string, threshold = 3) =>
    fileReport(t.db, { targetType, publicId, reason: 'offensive', note: null, ipHash, threshold });
  /** The newest journal row of these actions. */
  const lastEvent = async (...actions: string[]) =>
    (
      await t.db
        .selectFrom('moderation_event')
        .select('id')
        .where('action', 'in', actions)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
  const lastDecision = () => lastEvent('reject', 'approve', 'trash');
  /** What the newest revert's journal row says it left, but the event it took back. */
  const revertJournal = async () => {
    const row = await t.db
      .selectFrom('moderation_event')
      .select('after')
      .where('id', '=', await lastEvent('revert'))
      .executeTakeFirstOrThrow();
    const { revertOf: _revertOf, ...after } = (
      typeof row.after === 'string' ? JSON.parse(row.after) : row.after
    ) as Record<string, unknown>;
    return after;
  };
  const openReports = async (type: 'souvenir' | 'comment', id: number) =>
    (
      await t.db
        .selectFrom('report')
        .select(['resolved_at', 'resolved_by'])
        .where('target_type', '=', type)
        .where('target_id', '=', id)
        .where('resolved_at', 'is', null)
        .execute()
    ).length;
  /** An approved comment three visitors' reports hid, and its souvenir. */
  const hiddenComment = async () => {
    const s = await approvedSouvenir(t.db);
    const c = await marcComment(t.db, s.id, {}, { status: 'approved' });
    for (const ip of ['ip-1', 'ip-2', 'ip-3']) await report('comment', c.publicId, ip);
    return { s, c };
  };
  /** The comment's status and hiding, its souvenir's kept count, and its open reports. */
  const stateOf = async ({ s, c }: Awaited<ReturnType<typeof hiddenComment>>) => {
    const comment = await t.db
      .selectFrom('comment')
      .select(['status', 'hidden_by_reports'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    const souvenir = await t.db
      .selectFrom('souvenir')
      .select('comment_count')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    return [comment.status, comment.hidden_by_reports, souvenir.comment_count, await openReports('comment', c.id)];
  };

  it('opens again the reports a rejection settled and hides again the comment they had hidden', async () => {
    const item = await hiddenComment();
    expect(await stateOf(item)).toEqual(['approved', true, 0, 3]);

    await decideComment(t.db, { id: item.c.id, decision: 'reject', actor: modo });
    expect(await stateOf(item)).toEqual(['rejected', false, 0, 0]);
    expect(await countReportedItems(t.db)).toBe(0);

    await revertContribution(t.db, { eventId: await lastDecision(), actor: modo });
    // Back as it was: approved, hidden, out of the kept count, its three reports open, on the reported tab.
    expect(await stateOf(item)).toEqual(['approved', true, 0, 3]);
    expect(await countReportedItems(t.db)).toBe(1);
    // And the journal says so.
    expect(await revertJournal()).toEqual({ status: 'approved', openReports: 3, hiddenByReports: true });
  });

  it('keeps the counts through a redo and its undo: each settles what is open and reopens what it took back', async () => {
    const item = await hiddenComment();
    await decideComment(t.db, { id: item.c.id, decision: 'reject', actor: modo });
    expect(await stateOf(item)).toEqual(['rejected', false, 0, 0]);
    await revertContribution(t.db, { eventId: await lastDecision(), actor: modo });
    expect(await stateOf(item)).toEqual(['approved', true, 0, 3]);
    // Redo: the rejection again, its reports settled again, the count untouched by a hidden comment.
    await revertContribution(t.db, { eventId: await lastEvent('revert'), actor: modo });
    expect(await stateOf(item)).toEqual(['rejected', false, 0, 0]);
    // And its undo: as after the first.
    await revertContribution(t.db, { eventId: await lastEvent('revert'), actor: modo });
    expect(await stateOf(item)).toEqual(['approved', true, 0, 3]);
    expect(await countReportedItems(t.db)).toBe(1);
  });

  it('takes back reports kept published by mistake: open again, the comment hidden again', async () => {
    const item = await hiddenComment();
    await dismissReports(t.db, { targetType: 'comment', id: item.c.id, actor: modo });
    expect(await stateOf(item)).toEqual(['approved', false, 1, 0]);
    const dismissal = await lastEvent('reports.dismiss');
    expect(await revertContribution(t.db, { eventId: dismissal, actor: modo })).toMatchObject({ status: 'approved' });
    expect(await stateOf(item)).toEqual(['approved', true, 0, 3]);
    expect(await countReportedItems(t.db)).toBe(1);
  });

  it('opens again the report of a souvenir it had not hidden, and touches no report it did not settle', async () => {
    const s = await approvedSouvenir(t.db, { title: 'Le rappel' });
    await report('souvenir', s.publicId, 'ip-1');
    // The rejection settles the one report; taken back, it is open again, the souvenir shown as before.
    await decideSouvenir(t.db, { id: s.id, decision: 'reject', actor: modo });
    expect(await openReports('souvenir', s.id)).toBe(0);
    await revertContribution(t.db, { eventId: await lastDecision(), actor: modo });
    expect(await openReports('souvenir', s.id)).toBe(1);
    expect(await revertJournal()).toEqual({ status: 'approved', pinned: false, openReports: 1 });
    const shown = await t.db
      .selectFrom('souvenir')
      .select(['status', 'hidden_by_reports'])
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(shown).toEqual({ status: 'approved', hidden_by_reports: false });

    // A decision that settled no report opens none when it is taken back.
    await decideSouvenir(t.db, { id: s.id, decision: 'pin', actor: modo });
    await t.db.updateTable('report').set({ resolved_at: new Date(), resolved_by: null }).execute();
    await revertContribution(t.db, { eventId: await lastEvent('pin'), actor: modo });
    expect(await openReports('souvenir', s.id)).toBe(0);
    expect(await revertJournal()).toEqual({ status: 'approved', pinned: false });
  });
});
