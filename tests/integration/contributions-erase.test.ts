import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { TOMBSTONE } from '../helpers/contribution-fixtures.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import { eraseContribution, scrub } from '../../src/lib/contributions/erase.ts';
import { editContribution } from '../../src/lib/contributions/edit.ts';
import type { ContributionKind } from '../../src/lib/contributions/kinds.ts';

const admin = { id: null, label: 'admin' };
const now = new Date('2026-11-20T10:00:00Z');

describeEachDatabase('erasing a contribution of any kind', (t) => {
  async function approvedPair() {
    const souvenir = await createSouvenir(
      t.db,
      {
        authorName: 'Inès',
        authorEmail: 'ines@example.org',
        title: 'Le rappel',
        body: 'Trois rappels #rappel',
        memoryYear: 2014,
        event: 'Concert',
        locale: 'fr',
      },
      { ipHash: 'ip-ines', status: 'approved' },
    );
    const comment = await createComment(
      t.db,
      {
        souvenirId: souvenir.id,
        parentId: null,
        authorName: 'Léa',
        authorEmail: 'lea@example.org',
        authorWebsite: 'https://lea.example',
        body: 'Quel soir',
        locale: 'fr',
      },
      { ipHash: 'ip-lea', status: 'approved' },
    );
    return { souvenir, comment };
  }

  const erase = (kind: ContributionKind, id: number) =>
    t.db.transaction().execute((trx) => eraseContribution(trx, kind, id, { actor: admin, action: 'erase', now }));

  it('erases a souvenir to a tombstone: text, author, title, event, year and hashtags gone; the wall told', async () => {
    const { souvenir } = await approvedPair();
    t.queries.length = 0;
    expect(await erase('souvenir', souvenir.id)).toEqual({ status: 'approved', wasPublic: true });
    expect(t.queries.some((q) => q.includes('pg_notify'))).toBe(true);
    const row = await t.db.selectFrom('souvenir').selectAll().where('id', '=', souvenir.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      ...TOMBSTONE,
      title: null,
      event: null,
      memory_year: null,
      hashtags: [],
      ip_hash: null,
      pinned: false,
      withdrawn_at: now,
    });
  });

  it("erases a comment to a tombstone: its website gone, its souvenir's count lowered", async () => {
    const { souvenir, comment } = await approvedPair();
    expect(await erase('comment', comment.id)).toEqual({ status: 'approved', wasPublic: true });
    const row = await t.db.selectFrom('comment').selectAll().where('id', '=', comment.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ ...TOMBSTONE, author_website: null, ip_hash: null });
    const parent = await t.db
      .selectFrom('souvenir')
      .select('comment_count')
      .where('id', '=', souvenir.id)
      .executeTakeFirstOrThrow();
    expect(parent.comment_count).toBe(0);
  });

  it('writes one audit row and forgets the snapshots of earlier ones', async () => {
    const { comment } = await approvedPair();
    await erase('comment', comment.id);
    const events = await t.db
      .selectFrom('moderation_event')
      .select(['action', 'before', 'after'])
      .where('target_type', '=', 'comment')
      .where('target_id', '=', comment.id)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { action: 'submit', before: null, after: null },
      { action: 'erase', before: { status: 'approved' }, after: { status: 'trash', withdrawn: true } },
    ]);
  });

  it('blanks in the reasons the names a moderator replaced as well as the current one', async () => {
    const { comment } = await approvedPair();
    const edit = (authorName: string, body: string, reason: string) =>
      editContribution(t.db, 'comment', { id: comment.id, actor: admin, authorName, body, reason, now });
    await edit('Léa Dubois 06 00 00 00 00', 'Quel soir', 'Léa avait mis son numéro');
    await edit('L. D.', 'Quel soir !', 'Retiré « Léa Dubois 06 00 00 00 00 » du nom');
    await erase('comment', comment.id);
    const reasons = await t.db
      .selectFrom('moderation_event')
      .select('reason')
      .where('target_type', '=', 'comment')
      .where('target_id', '=', comment.id)
      .where('action', '=', 'edit')
      .orderBy('id')
      .execute();
    // "Léa", the name the author gave, and the one a moderator replaced: each blanked whole.
    expect(reasons.map((row) => row.reason)).toEqual(['[…] avait mis son numéro', 'Retiré « […] » du nom']);
  });

  it('finds nothing to erase in an unknown or an already erased item', async () => {
    const { souvenir } = await approvedPair();
    expect(await erase('souvenir', souvenir.id + 1000)).toBeNull();
    await erase('souvenir', souvenir.id);
    expect(await erase('souvenir', souvenir.id)).toBeNull();
  });

  it('blanks a name or an address a moderator typed in a reason, whole and in any case', () => {
    expect(scrub('Merci Inès MARTIN, écrit par ines@x.org', ['ines@x.org', 'Inès Martin'])).toBe(
      'Merci […], écrit par […]',
    );
    expect(scrub('Rien à voir', ['', 'x'])).toBe('Rien à voir');
    expect(scrub('a.b(c)', ['a.b(c)'])).toBe('[…]');
    expect(scrub('Léa Dubois et Léa', ['Léa', 'Léa Dubois'])).toBe('[…] et […]');
  });
});
