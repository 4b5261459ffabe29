import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir } from '../helpers/contribution-fixtures.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { fileReport } from '../../src/lib/reports/file-report.ts';
import { dismissReports } from '../../src/lib/reports/dismiss.ts';

const a = { id: null, label: 'modo-a' };
const b = { id: null, label: 'modo-b' };

describeEachDatabase('a decision taken in the reports tab', (t) => {
  const reported = async () => {
    const s = await approvedSouvenir(t.db);
    const { public_id: publicId } = await t.db
      .selectFrom('souvenir')
      .select('public_id')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    await fileReport(t.db, {
      targetType: 'souvenir',
      publicId,
      reason: 'offensive',
      note: null,
      ipHash: 'ip-1',
      threshold: 3,
    });
    return s.id;
  };
  const status = async (id: number) =>
    (await t.db.selectFrom('souvenir').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('is refused as settled once another moderator kept the item published, and changes nothing', async () => {
    const id = await reported();
    await dismissReports(t.db, { targetType: 'souvenir', id, actor: b, reason: 'Rien à redire' });
    await expect(
      decideSouvenir(t.db, { id, decision: 'reject', actor: a, expectedStatus: 'approved', onReports: true }),
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

  it('applies while its reports are open', async () => {
    const id = await reported();
    await decideSouvenir(t.db, { id, decision: 'reject', actor: a, expectedStatus: 'approved', onReports: true });
    expect(await status(id)).toBe('rejected');
  });
});
