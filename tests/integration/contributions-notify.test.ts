import { it, expect } from 'vitest';
import { shareSouvenir } from '../helpers/contribution-fixtures.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import { notifyWall, shownChanged } from '../../src/lib/contributions/notify.ts';

describeEachDatabase('telling the wall', (t) => {
  it('sends the payload on the wall channel', async () => {
    t.queries.length = 0;
    await notifyWall(t.db, 'candle:7');
    expect(t.queries.filter((q) => q.includes('pg_notify'))).toHaveLength(1);
  });

  it("tells the wall of a souvenir, and moves a comment's souvenir count both ways", async () => {
    const souvenir = await shareSouvenir(
      t.db,
      { authorName: 'A', authorEmail: 'a@example.org', title: null, body: 'Un soir' },
      { ipHash: null, status: 'approved' },
    );
    const comment = await createComment(
      t.db,
      {
        souvenirId: souvenir.id,
        parentId: null,
        authorName: 'B',
        authorEmail: 'b@example.org',
        authorWebsite: null,
        body: 'Oui',
        locale: 'fr',
      },
      { ipHash: null },
    );
    t.queries.length = 0;
    await t.db.transaction().execute((trx) => shownChanged(trx, 'souvenir', souvenir.id, -1));
    expect(t.queries.some((q) => q.includes('pg_notify'))).toBe(true);
    const count = async () =>
      (
        await t.db
          .selectFrom('souvenir')
          .select('comment_count')
          .where('id', '=', souvenir.id)
          .executeTakeFirstOrThrow()
      ).comment_count;
    await t.db.transaction().execute((trx) => shownChanged(trx, 'comment', comment.id, 1));
    expect(await count()).toBe(1);
    await t.db.transaction().execute((trx) => shownChanged(trx, 'comment', comment.id, -1));
    expect(await count()).toBe(0);
  });
});
