import { it, expect } from 'vitest';
import { journalEntries } from '../helpers/journal.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir, marcComment } from '../helpers/contribution-fixtures.ts';
import { regenerateAuthorLink } from '../../src/lib/privacy/regenerate-link.ts';
import { findByAuthorToken, withdrawByAuthor } from '../../src/lib/contributions/author-link.ts';

const admin = { id: null, label: 'admin' };

describeEachDatabase('a replacement private link', (t) => {
  it('gives a lost link a replacement: the old token dies, the new one opens the item, the log holds no token', async () => {
    const s = await approvedSouvenir(t.db, { body: `Un concert ${Math.random()}` });
    const c = await marcComment(t.db, s.id);
    const fresh = await regenerateAuthorLink(t.db, { targetType: 'comment', id: c.id, actor: admin });
    expect(fresh).not.toBe(c.token);
    expect(await findByAuthorToken(t.db, c.token)).toBeNull();
    expect((await findByAuthorToken(t.db, fresh, 'comment'))?.id).toBe(c.id);

    const freshSouvenir = await regenerateAuthorLink(t.db, { targetType: 'souvenir', id: s.id, actor: admin });
    expect(await findByAuthorToken(t.db, s.token, 'souvenir')).toBeNull();
    expect((await findByAuthorToken(t.db, freshSouvenir))?.id).toBe(s.id);

    const events = await journalEntries(t.db, { action: 'author_link.regenerate' });
    expect(events.map((e) => [e.target_type, e.target_id, e.actor_label])).toEqual([
      ['comment', c.id, 'admin'],
      ['souvenir', s.id, 'admin'],
    ]);
    const all = JSON.stringify(await t.db.selectFrom('moderation_event').selectAll().execute());
    for (const secret of [fresh, freshSouvenir]) expect(all).not.toContain(secret);

    await withdrawByAuthor(t.db, freshSouvenir);
    await expect(regenerateAuthorLink(t.db, { targetType: 'souvenir', id: s.id, actor: admin })).rejects.toMatchObject({
      code: 'withdrawn',
    });
    await expect(
      regenerateAuthorLink(t.db, { targetType: 'comment', id: 999_999, actor: admin }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
