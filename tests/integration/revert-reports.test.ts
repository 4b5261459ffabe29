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
  const lastDecision = async () =>
    (
      await t.db
        .selectFrom('moderation_event')
        .select('id')
        .where('action', 'in', ['reject', 'approve', 'trash'])
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
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

  it('opens again the reports a rejection settled and hides again the comment they had hidden', async () => {
    const s = await approvedSouvenir(t.db);
    const c = await marcComment(t.db, s.id, {}, { status: 'approved' });
    for (const ip of ['ip-1', 'ip-2', 'ip-3']) await report('comment', c.publicId, ip);
    const count = async () =>
      (await t.db.selectFrom('souvenir').select('comment_count').where('id', '=', s.id).executeTakeFirstOrThrow())
        .comment_count;
    const hidden = async () =>
      (await t.db.selectFrom('comment').select('hidden_by_reports').where('id', '=', c.id).executeTakeFirstOrThrow())
        .hidden_by_reports;
    expect([await hidden(), await count(), await openReports('comment', c.id)]).toEqual([true, 0, 3]);

    await decideComment(t.db, { id: c.id, decision: 'reject', actor: modo });
    expect([await hidden(), await count(), await openReports('comment', c.id)]).toEqual([false, 0, 0]);
    expect(await countReportedItems(t.db)).toBe(0);

    await revertContribution(t.db, { eventId: await lastDecision(), actor: modo });
    const comment = await t.db.selectFrom('comment').select('status').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(comment.status).toBe('approved');
    // Back as it was: hidden, out of the kept count, its three reports open, on the reported tab.
    expect([await hidden(), await count(), await openReports('comment', c.id)]).toEqual([true, 0, 3]);
    expect(await countReportedItems(t.db)).toBe(1);
  });

  it('keeps the counts through a redo and its undo: each settles what is open and reopens what it took back', async () => {
    const s = await approvedSouvenir(t.db);
    const c = await marcComment(t.db, s.id, {}, { status: 'approved' });
    for (const ip of ['ip-1', 'ip-2', 'ip-3']) await report('comment', c.publicId, ip);
    const state = async () => {
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
    const lastRevert = async () =>
      (
        await t.db
          .selectFrom('moderation_event')
          .select('id')
          .where('action', '=', 'revert')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
      ).id;
    await decideComment(t.db, { id: c.id, decision: 'reject', actor: modo });
    expect(await state()).toEqual(['rejected', false, 0, 0]);
    await revertContribution(t.db, { eventId: await lastDecision(), actor: modo });
    expect(await state()).toEqual(['approved', true, 0, 3]);
    // Redo: the rejection again, its reports settled again, the count untouched by a hidden comment.
    await revertContribution(t.db, { eventId: await lastRevert(), actor: modo });
    expect(await state()).toEqual(['rejected', false, 0, 0]);
    // And its undo: as after the first.
    await revertContribution(t.db, { eventId: await lastRevert(), actor: modo });
    expect(await state()).toEqual(['approved', true, 0, 3]);
    expect(await countReportedItems(t.db)).toBe(1);
  });

  it('takes back reports kept published by mistake: open again, the comment hidden again', async () => {
    const s = await approvedSouvenir(t.db);
    const c = await marcComment(t.db, s.id, {}, { status: 'approved' });
    for (const ip of ['ip-1', 'ip-2', 'ip-3']) await report('comment', c.publicId, ip);
    const state = async () => {
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
    await dismissReports(t.db, { targetType: 'comment', id: c.id, actor: modo });
    expect(await state()).toEqual(['approved', false, 1, 0]);
    const dismissal = (
      await t.db
        .selectFrom('moderation_event')
        .select('id')
        .where('action', '=', 'reports.dismiss')
        .executeTakeFirstOrThrow()
    ).id;
    expect(await revertContribution(t.db, { eventId: dismissal, actor: modo })).toMatchObject({ status: 'approved' });
    expect(await state()).toEqual(['approved', true, 0, 3]);
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
    const shown = await t.db
      .selectFrom('souvenir')
      .select(['status', 'hidden_by_reports'])
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(shown).toEqual({ status: 'approved', hidden_by_reports: false });

    // A decision that settled no report opens none when it is taken back.
    await decideSouvenir(t.db, { id: s.id, decision: 'pin', actor: modo });
    await t.db.updateTable('report').set({ resolved_at: new Date(), resolved_by: null }).execute();
    const pin = (
      await t.db
        .selectFrom('moderation_event')
        .select('id')
        .where('action', '=', 'pin')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).id;
    await revertContribution(t.db, { eventId: pin, actor: modo });
    expect(await openReports('souvenir', s.id)).toBe(0);
  });
});
