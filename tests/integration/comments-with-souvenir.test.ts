import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir, marcComment } from '../helpers/contribution-fixtures.ts';
import { commentsWithSouvenirs, commentWithSouvenir } from '../../src/lib/comments/with-souvenir.ts';

describeEachDatabase('a comment read with its souvenir (comments/with-souvenir.ts)', (t) => {
  it('gives the columns asked of the comment and of the souvenir it answers, and nothing for another id', async () => {
    const souvenir = await approvedSouvenir(t.db, { title: 'Le bal' });
    const comment = await marcComment(t.db, souvenir.id);
    const row = await commentWithSouvenir(t.db, comment.id)
      .select(['c.author_name', 's.public_id as souvenir', 's.title'])
      .executeTakeFirst();
    expect(row).toEqual({ author_name: 'Marc', souvenir: souvenir.publicId, title: 'Le bal' });
    expect(
      await commentWithSouvenir(t.db, comment.id + 1000)
        .select('c.id')
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('reads every comment with its own souvenir, for the caller to choose which', async () => {
    const bal = await approvedSouvenir(t.db, { title: 'Le bal' });
    const rappel = await approvedSouvenir(t.db, { title: 'Le rappel' });
    const first = await marcComment(t.db, bal.id);
    const second = await marcComment(t.db, rappel.id);
    const rows = await commentsWithSouvenirs(t.db).select(['c.id', 's.title']).orderBy('c.id').execute();
    expect(rows).toEqual([
      { id: first.id, title: 'Le bal' },
      { id: second.id, title: 'Le rappel' },
    ]);
  });
});
