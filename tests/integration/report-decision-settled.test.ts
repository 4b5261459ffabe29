import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir } from '../helpers/contribution-fixtures.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { fileReport } from '../../src/lib/reports/file-report.ts';
import { dismissReports } from '../../src/lib/reports/dismiss.ts';
import { listReportedItems } from '../../src/lib/reports/reported-queue.ts';
import { revertContribution } from '../../src/lib/contributions/revert.ts';

const a = { id: null, label: 'modo-a' };
const b = { id: null, label: 'modo-b' };

describeEachDatabase('a decision taken in the reports tab', (t) => {
  const publicIdOf = async (id: number) =>
    (await t.db.selectFrom('souvenir').select('public_id').where('id', '=', id).executeTakeFirstOrThrow()).public_id;
  /** A visitor's report on the souvenir; returns the ids the tab then lists, as its form sends them back. */
  const report = async (id: number, ipHash: string, threshold = 3) => {
    await fileReport(t.db, {
      targetType: 'souvenir',
      publicId: await publicIdOf(id),
      reason: 'offensive',
      note: null,
      ipHash,
      threshold,
    });
    return listed(id);
  };
  const listed = async (id: number) => (await listReportedItems(t.db)).find((r) => r.item.id === id)?.reportIds ?? [];
  const hidden = async (id: number) =>
    (await t.db.selectFrom('souvenir').select('hidden_by_reports').where('id', '=', id).executeTakeFirstOrThrow())
      .hidden_by_reports;
  const reported = async () => {
    const s = await approvedSouvenir(t.db);
    return { id: s.id, seen: await report(s.id, 'ip-1') };
  };
  /** The souvenir's journal row of this action: its id, and what it says the item was left as. */
  const journalRow = async (action: string, id: number) => {
    const row = await t.db
      .selectFrom('moderation_event')
      .select(['id', 'after'])
      .where('action', '=', action)
      .where('target_type', '=', 'souvenir')
      .where('target_id', '=', id)
      .executeTakeFirstOrThrow();
    return { id: row.id, after: (typeof row.after === 'string' ? JSON.parse(row.after) : row.after) as object };
  };
  const status = async (id: number) =>
    (await t.db.selectFrom('souvenir').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const openReports = async (id: number) =>
    (
      await t.db
        .selectFrom('report')
        .select('id')
        .where('target_type', '=', 'souvenir')
        .where('target_id', '=', id)
        .where('resolved_at', 'is', null)
        .orderBy('id')
        .execute()
    ).map((row) => row.id);

  it('is refused as settled once another moderator kept the item published, and changes nothing', async () => {
    const { id, seen } = await reported();
    await dismissReports(t.db, {
      targetType: 'souvenir',
      id,
      actor: b,
      reason: 'Rien à redire',
      reportsSeen: seen,
    });
    await expect(
      decideSouvenir(t.db, { id, decision: 'reject', actor: a, expectedStatus: 'approved', reportsSeen: seen }),
    ).rejects.toMatchObject({ code: 'settled', currentStatus: 'approved' });
    expect(await status(id)).toBe('approved');
    const journal = await t.db
      .selectFrom('moderation_event')
      .select('action')
      .where('target_type', '=', 'souvenir')
      .where('target_id', '=', id)
      .orderBy('id')
      .execute();
    expect(journal.map((row) => row.action).slice(-1)).toEqual(['reports.dismiss']);
    // Taken from the queue rather than for the reports, the same decision applies.
    await decideSouvenir(t.db, { id, decision: 'reject', actor: a, expectedStatus: 'approved' });
    expect(await status(id)).toBe('rejected');
  });

  it('is refused as settled when the reports it showed were kept, even though a new one came since', async () => {
    const { id, seen } = await reported();
    await dismissReports(t.db, { targetType: 'souvenir', id, actor: b, reportsSeen: seen });
    const newer = await report(id, 'ip-2');
    await expect(
      decideSouvenir(t.db, { id, decision: 'reject', actor: a, expectedStatus: 'approved', reportsSeen: seen }),
    ).rejects.toMatchObject({ code: 'settled' });
    expect(await status(id)).toBe('approved');
    expect(await openReports(id)).toEqual(newer);
  });

  it('applies while the reports it showed are open, and settles the newer ones with them', async () => {
    const { id, seen } = await reported();
    await report(id, 'ip-2');
    await decideSouvenir(t.db, { id, decision: 'reject', actor: a, expectedStatus: 'approved', reportsSeen: seen });
    expect(await status(id)).toBe('rejected');
    expect(await openReports(id)).toEqual([]);
  });

  it('dismisses only the reports the page showed: one filed since stays open, and the item stays listed', async () => {
    const { id, seen } = await reported();
    const newer = (await report(id, 'ip-2')).filter((reportId) => !seen.includes(reportId));
    await dismissReports(t.db, { targetType: 'souvenir', id, actor: a, reportsSeen: seen });
    expect(await openReports(id)).toEqual(newer);
    expect(await listed(id)).toEqual(newer);
    // A stale page's second dismissal finds nothing of what it showed open: refused, the new report kept.
    await expect(
      dismissReports(t.db, { targetType: 'souvenir', id, actor: b, reportsSeen: seen }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await openReports(id)).toEqual(newer);
  });

  it('keeps a hidden item hidden while reports nobody read are open, and its "Annuler" leaves them open', async () => {
    const s = await approvedSouvenir(t.db);
    const seen = await report(s.id, 'ip-1', 2);
    // Filed after the page was drawn: it makes two, and hides the item.
    const all = await report(s.id, 'ip-2', 2);
    const unread = all.filter((reportId) => !seen.includes(reportId));
    expect(await hidden(s.id)).toBe(true);
    await dismissReports(t.db, { targetType: 'souvenir', id: s.id, actor: a, reportsSeen: seen });
    expect(await hidden(s.id)).toBe(true);
    expect(await openReports(s.id)).toEqual(unread);
    const dismissal = await journalRow('reports.dismiss', s.id);
    expect(dismissal.after).toMatchObject({ hiddenByReports: true, openReports: 1 });
    // "Annuler" opens the dismissed report again, and settles nothing nobody read.
    await revertContribution(t.db, { eventId: dismissal.id, actor: a });
    expect(await openReports(s.id)).toEqual([...all].sort((x, y) => x - y));
    expect(await hidden(s.id)).toBe(true);
    const undo = await journalRow('revert', s.id);
    expect(undo.after).toMatchObject({ openReports: 2, hiddenByReports: true, revertOf: dismissal.id });
    // Taking the "Annuler" back would dismiss the unread report too: refused, made from the tab instead.
    await expect(revertContribution(t.db, { eventId: undo.id, actor: b })).rejects.toMatchObject({
      code: 'not_allowed',
    });
    expect(await openReports(s.id)).toEqual([...all].sort((x, y) => x - y));
  });

  it('shows a hidden item again once every report it had was read and dismissed', async () => {
    const s = await approvedSouvenir(t.db);
    await report(s.id, 'ip-1', 2);
    const seen = await report(s.id, 'ip-2', 2);
    expect(await hidden(s.id)).toBe(true);
    await dismissReports(t.db, { targetType: 'souvenir', id: s.id, actor: a, reportsSeen: seen });
    expect(await hidden(s.id)).toBe(false);
    expect(await openReports(s.id)).toEqual([]);
  });
});
