import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { claimJob, ensureJobRow } from '../../src/lib/mail/job-row.ts';

describeEachDatabase('a scheduled job row (mail/job-row.ts)', (t) => {
  it('is made due now the first time, and left as it is after', async () => {
    const first = new Date('2026-12-06T10:00:00Z');
    await ensureJobRow(t.db, 'test.job', first);
    await t.db
      .updateTable('mail_job')
      .set({ next_run_at: new Date('2026-12-07T10:00:00Z') })
      .execute();
    await Promise.all([ensureJobRow(t.db, 'test.job', new Date()), ensureJobRow(t.db, 'test.job', new Date())]);
    const rows = await t.db
      .selectFrom('mail_job')
      .select(['name', 'next_run_at'])
      .where('name', '=', 'test.job')
      .execute();
    expect(rows).toEqual([{ name: 'test.job', next_run_at: new Date('2026-12-07T10:00:00Z') }]);
  });
});

describeEachDatabase('claiming a scheduled job (mail/job-row.ts)', (t) => {
  it('gives a due job to one caller of several, then to nobody until its hold is over', async () => {
    const now = new Date('2026-12-06T10:00:00Z');
    const claims = await Promise.all([1, 2, 3].map(() => claimJob(t.db, 'test.claim', 60_000, now)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimJob(t.db, 'test.claim', 60_000, new Date(now.getTime() + 59_999))).toBe(false);
    expect(await claimJob(t.db, 'test.claim', 60_000, new Date(now.getTime() + 60_000))).toBe(true);
    const row = await t.db
      .selectFrom('mail_job')
      .select('next_run_at')
      .where('name', '=', 'test.claim')
      .executeTakeFirstOrThrow();
    expect(row.next_run_at).toEqual(new Date(now.getTime() + 120_000));
  });
});
