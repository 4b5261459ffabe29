import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import { editPendingByAuthor } from '../../src/lib/contributions/author-link.ts';
import { editContribution } from '../../src/lib/contributions/edit.ts';
import { SanitizeError } from '../../src/lib/sanitize/sanitize.ts';

/** Bodies that show nothing once sanitised: the forms refuse most of them first, scripts and direct calls land here. */
const SHOWS_NOTHING = ['\u200B\u200D', '\u200F\u0301', '<script>alert(1)</script>', '<b>&#8203;</b>'];

async function refusal(write: () => Promise<unknown>): Promise<string | null> {
  try {
    await write();
    return null;
  } catch (error) {
    if (error instanceof SanitizeError) return error.code;
    throw error;
  }
}

describeEachDatabase('contributions that show nothing', (t) => {
  const draft = { authorName: 'Léa', authorEmail: 'lea@example.org', locale: 'fr' };
  const souvenir = (body: string, status?: 'approved') =>
    createSouvenir(
      t.db,
      { ...draft, body, title: null, memoryYear: null, event: null },
      { ipHash: null, ...(status ? { status } : {}) },
    );
  const count = async (table: 'souvenir' | 'comment') =>
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  it('are refused as empty and never stored, for every kind and every way of writing', async () => {
    const shown = await souvenir('Un souvenir.', 'approved');
    const pending = await souvenir('En attente.');
    const comment = await createComment(
      t.db,
      { ...draft, body: 'Merci.', souvenirId: shown.id, parentId: null, authorWebsite: null },
      { ipHash: null },
    );
    const before = [Number(await count('souvenir')), Number(await count('comment'))];
    for (const body of SHOWS_NOTHING) {
      expect(await refusal(() => souvenir(body)), body).toBe('empty');
      expect(
        await refusal(() =>
          createComment(
            t.db,
            { ...draft, body, souvenirId: shown.id, parentId: null, authorWebsite: null },
            { ipHash: null },
          ),
        ),
      ).toBe('empty');
      expect(
        await refusal(() =>
          editPendingByAuthor(t.db, 'souvenir', pending.token, { title: null, body, memoryYear: null, event: null }),
        ),
      ).toBe('empty');
      expect(await refusal(() => editPendingByAuthor(t.db, 'comment', comment.token, { body }))).toBe('empty');
      const actor = { id: 1, label: 'alice' };
      expect(
        await refusal(() =>
          editContribution(t.db, 'souvenir', { id: shown.id, actor, title: null, body, reason: null }),
        ),
      ).toBe('empty');
      expect(
        await refusal(() => editContribution(t.db, 'comment', { id: comment.id, actor, body, reason: null })),
      ).toBe('empty');
    }
    expect([Number(await count('souvenir')), Number(await count('comment'))]).toEqual(before);
    const kept = await t.db
      .selectFrom('souvenir')
      .select('body_html')
      .where('id', '=', pending.id)
      .executeTakeFirstOrThrow();
    expect(kept.body_html).toBe('<p>En attente.</p>');
  });
});
