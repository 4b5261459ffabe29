import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir, timedComment, type TimedCommentOptions } from '../helpers/contribution-fixtures.ts';
import { DecisionError } from '../../src/lib/moderation/decisions.ts';
import { decideComment, decideMany, decideSouvenir } from '../../src/lib/contributions/decide.ts';

describeEachDatabase('deciding comments in the moderation queue', (t) => {
  const alice = { id: null, label: 'alice' };
  const souvenir = (title: string | null) => approvedSouvenir(t.db, { title, actor: alice });
  const comment = (souvenirId: number, minute: number, extra: TimedCommentOptions = {}) =>
    timedComment(t.db, souvenirId, minute, extra);
  const keptCount = async (id: number) =>
    (await t.db.selectFrom('souvenir').select(['comment_count']).where('id', '=', id).executeTakeFirstOrThrow())
      .comment_count;

  it('does not approve a comment whose souvenir is not published: it could appear nowhere', async () => {
    const s = await souvenir('Un soir');
    const c = await comment(s.id, 1);
    await decideSouvenir(t.db, { id: s.id, decision: 'reject', actor: alice });
    await expect(decideComment(t.db, { id: c.id, decision: 'approve', actor: alice })).rejects.toMatchObject({
      code: 'not_allowed',
    });
    // Refusing it stays possible, and approving it once its souvenir is back.
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: alice });
    await expect(decideComment(t.db, { id: c.id, decision: 'approve', actor: alice })).resolves.toBe('approved');
  });

  it('applies one decision to a selection of comments, each with its audit row and the counts kept', async () => {
    const s = await souvenir('Un soir');
    const a = await comment(s.id, 1);
    const b = await comment(s.id, 2);
    const c = await comment(s.id, 3);
    await decideMany(t.db, { targetType: 'comment', ids: [c.id], decision: 'spam', actor: alice });
    const outcomes = await decideMany(t.db, {
      targetType: 'comment',
      ids: [a.id, b.id, c.id],
      decision: 'approve',
      actor: alice,
      expectedStatus: 'pending',
    });
    expect(outcomes).toEqual([
      { id: a.id, outcome: 'done', status: 'approved' },
      { id: b.id, outcome: 'done', status: 'approved' },
      { id: c.id, outcome: 'conflict', status: 'spam' },
    ]);
    expect(await keptCount(s.id)).toBe(2);
    const events = await t.db
      .selectFrom('moderation_event')
      .select(['action', 'target_type', 'target_id'])
      .where('action', '=', 'approve')
      .where('target_type', '=', 'comment')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.target_id)).toEqual([a.id, b.id]);
    await decideMany(t.db, { targetType: 'comment', ids: [a.id, b.id], decision: 'trash', actor: alice });
    expect(await keptCount(s.id)).toBe(0);
  });
  it('refuses to pin a comment', async () => {
    const s = await souvenir('Un soir');
    const c = await comment(s.id, 1, { status: 'approved' });
    await expect(decideComment(t.db, { id: c.id, decision: 'pin', actor: alice })).rejects.toBeInstanceOf(
      DecisionError,
    );
  });
});
