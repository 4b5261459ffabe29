/**
 * Two moderators, on two hosts, act on the same reported item at the same moment: one decides it,
 * the other dismisses its reports (or decides it too). Each step locks a comment's souvenir, the
 * item, then its reports, in that order (decisions.ts readState, reports/dismiss.ts): in any other
 * order the two could wait for each other until PostgreSQL kills one as a deadlock (40P01): with
 * the dismissal's reports locked before its item (and 5 ms between), this test met one.
 */
import { it, expect } from 'vitest';
import { describeEachDatabase, openSecondProcess } from '../helpers/databases.ts';
import { approvedSouvenir, marcComment } from '../helpers/contribution-fixtures.ts';
import { decideComment, decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { DecisionError } from '../../src/lib/moderation/decisions.ts';
import { dismissReports } from '../../src/lib/reports/dismiss.ts';
import { fileReport } from '../../src/lib/reports/file-report.ts';

/** Rounds of the race: PGlite runs one statement at a time, so there a few show the steps' outcomes only. */
const ROUNDS = { postgres: 12, pglite: 3 } as const;
const modo = (label: string) => ({ id: null, label });

describeEachDatabase('two moderators on one reported item at once', (t) => {
  const report = (targetType: 'souvenir' | 'comment', publicId: string, ipHash: string) =>
    fileReport(t.db, { targetType, publicId, reason: 'offensive', note: null, ipHash, threshold: 3 });
  const openReports = async (type: 'souvenir' | 'comment', id: number) =>
    (
      await t.db
        .selectFrom('report')
        .select('id')
        .where('target_type', '=', type)
        .where('target_id', '=', id)
        .where('resolved_at', 'is', null)
        .execute()
    ).length;
  /** What each step's failure was: a refusal the queue words (someone decided first), never anything else. */
  const failures = (results: PromiseSettledResult<unknown>[]) =>
    results.flatMap((result) => (result.status === 'rejected' ? [result.reason as Error] : []));

  it('never deadlocks: every step either lands or is refused as decided by the other, and the counts hold', async () => {
    const other = await openSecondProcess(t, 4);
    try {
      for (let round = 0; round < ROUNDS[t.engine]; round++) {
        const souvenir = await approvedSouvenir(t.db, { title: `Tour ${round}` });
        const comment = await marcComment(t.db, souvenir.id, {}, { status: 'approved' });
        for (const ip of ['ip-1', 'ip-2', 'ip-3']) await report('comment', comment.publicId, `${ip}-${round}`);
        for (const ip of ['ip-1', 'ip-2', 'ip-3']) await report('souvenir', souvenir.publicId, `${ip}-${round}`);
        const results = await Promise.allSettled([
          decideComment(t.db, { id: comment.id, decision: 'reject', actor: modo('a') }),
          dismissReports(other.db, { targetType: 'comment', id: comment.id, actor: modo('b') }),
          dismissReports(t.db, { targetType: 'souvenir', id: souvenir.id, actor: modo('a') }),
          decideSouvenir(other.db, { id: souvenir.id, decision: 'trash', actor: modo('b') }),
        ]);
        for (const failure of failures(results)) {
          expect((failure as { code?: string }).code, failure.message).not.toBe('40P01');
          expect(failure, failure.message).toBeInstanceOf(DecisionError);
        }
        // Whoever came first, every report is settled and the souvenir's kept count is its shown comments'.
        expect([await openReports('comment', comment.id), await openReports('souvenir', souvenir.id)]).toEqual([0, 0]);
        const [shownComment, kept] = await Promise.all([
          t.db
            .selectFrom('comment')
            .select(['status', 'hidden_by_reports'])
            .where('id', '=', comment.id)
            .executeTakeFirstOrThrow(),
          t.db.selectFrom('souvenir').select('comment_count').where('id', '=', souvenir.id).executeTakeFirstOrThrow(),
        ]);
        const counted = shownComment.status === 'approved' && !shownComment.hidden_by_reports ? 1 : 0;
        expect(kept.comment_count).toBe(counted);
      }
    } finally {
      await other.close();
    }
  });
});
