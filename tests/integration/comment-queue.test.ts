import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import { editContribution } from '../../src/lib/contributions/edit.ts';
import { listQueue, countByStatus } from '../../src/lib/contributions/queue.ts';
import { findQueueComment } from '../../src/lib/moderation/comment-queue.ts';
import { decideMany } from '../../src/lib/contributions/decide.ts';
import { decodeKeysetCursor } from '../../src/lib/pagination/keyset-cursor.ts';

const alice = { id: null, label: 'alice' };

describeEachDatabase('comments in the moderation queue', (t) => {
  const souvenir = async (title: string | null) => {
    const s = await createSouvenir(
      t.db,
      { authorName: 'Léa', authorEmail: 'lea@example.org', title, body: `Texte ${title}`, memoryYear: null, event: null, locale: 'fr' },
      { ipHash: null },
    );
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: alice });
    return s;
  };
  const comment = (souvenirId: number, minute: number, extra: { parentId?: number; name?: string; status?: 'pending' | 'approved'; flagReasons?: string[] } = {}) =>
    createComment(
      t.db,
      {
        souvenirId,
        parentId: extra.parentId ?? null,
        authorName: extra.name ?? `Auteur ${minute}`,
        authorEmail: `a${minute}@example.org`,
        authorWebsite: 'https://exemple.fr',
        body: `Commentaire ${minute}`,
        locale: 'fr',
      },
      { ipHash: null, now: new Date(Date.UTC(2026, 10, 1, 10, minute)), status: extra.status ?? 'pending', flagReasons: extra.flagReasons ?? [] },
    );
  const keptCount = async (id: number) =>
    (await t.db.selectFrom('souvenir').select(['comment_count']).where('id', '=', id).executeTakeFirstOrThrow()).comment_count;

  it('lists pending comments oldest first with their souvenir’s title, the reply’s parent and the rules’ reasons', async () => {
    const s = await souvenir('Le dernier métro');
    const untitled = await souvenir(null);
    const top = await comment(s.id, 1, { name: 'Marc', status: 'approved' });
    await comment(untitled.id, 4);
    await comment(s.id, 2, { parentId: top.id, flagReasons: ['links:2'] });
    await comment(s.id, 3);

    const first = await listQueue(t.db, { status: 'pending', targetType: 'comment', limit: 2 });
    expect(first.items.map((i) => i.publicId).length).toBe(2);
    expect(first.items[0]).toMatchObject({
      targetType: 'comment',
      authorEmail: 'a2@example.org',
      authorWebsite: 'https://exemple.fr/',
      pinned: null,
      souvenir: { publicId: s.publicId, title: 'Le dernier métro' },
      replyToName: 'Marc',
      flagReasons: ['links:2'],
    });
    const second = await listQueue(t.db, { status: 'pending', targetType: 'comment', limit: 2, cursor: decodeKeysetCursor(first.next) });
    expect(second.items.map((i) => i.bodyHtml)).toEqual(['<p>Commentaire 4</p>']);
    expect(second.items[0]!.souvenir).toMatchObject({ title: null, authorName: 'Léa' });
    expect(second.next).toBeNull();

    expect(await countByStatus(t.db, 'comment')).toEqual({ pending: 3, approved: 1, rejected: 0, spam: 0, trash: 0 });
    // Souvenirs keep their own list and counts.
    expect((await listQueue(t.db, { status: 'pending' })).items).toEqual([]);
    expect((await countByStatus(t.db)).approved).toBe(2);
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

  it('lets a moderator correct a comment, re-sanitised, logged, and refused when it changed meanwhile', async () => {
    const s = await souvenir('Un soir');
    const c = await comment(s.id, 1);
    const opened = (await findQueueComment(t.db, c.id))!;
    expect(opened.bodyRaw).toBe('Commentaire 1');
    expect(await editContribution(t.db, 'comment', { id: c.id, actor: alice, body: 'Commentaire <script>x</script><em>un</em>', expectedUpdatedAt: opened.updatedAt, reason: 'faute' })).toEqual({ changed: true });
    expect((await findQueueComment(t.db, c.id))!.bodyHtml).toBe('<p>Commentaire <em>un</em></p>');
    await expect(editContribution(t.db, 'comment', { id: c.id, actor: alice, body: 'Autre', expectedUpdatedAt: opened.updatedAt })).rejects.toMatchObject({ code: 'conflict' });
    const event = await t.db.selectFrom('moderation_event').selectAll().where('action', '=', 'edit').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ target_type: 'comment', target_id: c.id, reason: 'faute' });
    expect(event.before).toEqual({ body: 'Commentaire 1' });
    expect(await findQueueComment(t.db, 999_999)).toBeNull();
  });
});
