import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir } from '../helpers/contribution-fixtures.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { fileReport } from '../../src/lib/reports/file-report.ts';
import { dismissReports } from '../../src/lib/reports/dismiss.ts';
import { listReportedItems } from '../../src/lib/reports/reported-queue.ts';

const a = { id: null, label: 'modo-a' };
const b = { id: null, label: 'modo-b' };

describeEachDatabase('a decision taken in the reports tab', (t) => {
  const publicIdOf = async (id: number) =>
    (await t.db.selectFrom('souvenir').select('public_id').where('id', '=', id).executeTakeFirstOrThrow()).public_id;
  /** A visitor's report on the souvenir; returns the newest report's id, as the tab's form sends it. */
  const report = async (id: number, ipHash: string) => {
    await fileReport(t.db, {
      targetType: 'souvenir',
      publicId: await publicIdOf(id),
      reason: 'offensive',
      note: null,
      ipHash,
      threshold: 3,
    });
    const [listed] = (await listReportedItems(t.db)).filter((r) => r.item.id === id);
    return listed!.newestReportId;
  };
  const reported = async () => {
    const s = await approvedSouvenir(t.db);
    return { id: s.id, seen: await report(s.id, 'ip-1') };
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
        .execute()
    ).map((row) => row.id);

  it('is refused as settled once another moderator kept the item published, and changes nothing', async () => {
    const { id, seen } = await reported();
    await dismissReports(t.db, {
      targetType: 'souvenir',
      id,
      actor: b,
      reason: 'Rien à redire',
      reportsSeenUpTo: seen,
    });
    await expect(
      decideSouvenir(t.db, { id, decision: 'reject', actor: a, expectedStatus: 'approved', reportsSeenUpTo: seen }),
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
    await dismissReports(t.db, { targetType: 'souvenir', id, actor: b, reportsSeenUpTo: seen });
    const newer = await report(id, 'ip-2');
    await expect(
      decideSouvenir(t.db, { id, decision: 'reject', actor: a, expectedStatus: 'approved', reportsSeenUpTo: seen }),
    ).rejects.toMatchObject({ code: 'settled' });
    expect(await status(id)).toBe('approved');
    expect(await openReports(id)).toEqual([newer]);
  });

  it('applies while the reports it showed are open, and settles the newer ones with them', async () => {
    const { id, seen } = await reported();
    await report(id, 'ip-2');
    await decideSouvenir(t.db, { id, decision: 'reject', actor: a, expectedStatus: 'approved', reportsSeenUpTo: seen });
    expect(await status(id)).toBe('rejected');
    expect(await openReports(id)).toEqual([]);
  });

  it('dismisses only the reports the page showed: one filed since stays open, and the item stays listed', async () => {
    const { id, seen } = await reported();
    const newer = await report(id, 'ip-2');
    await dismissReports(t.db, { targetType: 'souvenir', id, actor: a, reportsSeenUpTo: seen });
    expect(await openReports(id)).toEqual([newer]);
    const listed = (await listReportedItems(t.db)).find((r) => r.item.id === id);
    expect(listed).toMatchObject({ reports: 1, newestReportId: newer });
    // A stale page's second dismissal finds nothing of what it showed open: refused, the new report kept.
    await expect(
      dismissReports(t.db, { targetType: 'souvenir', id, actor: b, reportsSeenUpTo: seen }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await openReports(id)).toEqual([newer]);
  });
});
