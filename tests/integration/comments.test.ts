import { it, expect } from 'vitest';
import { sql } from 'kysely';
import { journalEntry } from '../helpers/journal.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { resolveCommentTarget, CommentError } from '../../src/lib/comments/create-comment.ts';
import { marcComment, shareSouvenir } from '../helpers/contribution-fixtures.ts';
import type { CommentSubmission } from '../../src/lib/comments/create-comment.ts';
import { decideComment } from '../../src/lib/contributions/decide.ts';
import { deleteComment } from '../../src/lib/comments/delete-comment.ts';
import { listApprovedComments } from '../../src/lib/comments/list-comments.ts';
import { mostCommented } from '../../src/lib/comments/most-commented.ts';
import { tokenMatches } from '../../src/lib/security/tokens.ts';
import type { Decision } from '../../src/lib/moderation/decisions.ts';
import { script } from '../helpers/actors.ts';

let clock = Date.parse('2026-11-13T20:00:00Z');
const tick = () => new Date((clock += 60_000));

describeEachDatabase('comments', (t) => {
  const souvenir = async (approve = true, title: string | null = null) => {
    const created = await shareSouvenir(t.db, {
      authorName: 'Léa',
      authorEmail: 'lea@example.org',
      title,
      body: `Un concert ${Math.random()}`,
    });
    if (approve) await decideSouvenir(t.db, { id: created.id, decision: 'approve', actor: script });
    return created;
  };

  const comment = (
    souvenirId: number,
    overrides: Partial<CommentSubmission> & { status?: 'pending' | 'approved' } = {},
  ) => {
    const { status = 'pending', ...fields } = overrides;
    return marcComment(
      t.db,
      souvenirId,
      { authorWebsite: null, body: 'Moi aussi, j’y étais.', ...fields },
      { status, now: tick() },
    );
  };

  const decide = (id: number, decision: Decision) => decideComment(t.db, { id, decision, actor: script, now: tick() });

  const kept = async (souvenirId: number) =>
    (await t.db.selectFrom('souvenir').select('comment_count').where('id', '=', souvenirId).executeTakeFirstOrThrow())
      .comment_count;
  const counted = async (souvenirId: number) =>
    (
      await t.db
        .selectFrom('comment')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('souvenir_id', '=', souvenirId)
        .where('status', '=', 'approved')
        .executeTakeFirstOrThrow()
    ).n;

  it('stores a comment as pending, sanitised, with its audit row and only a hash of its token', async () => {
    const s = await souvenir();
    const c = await comment(s.id, {
      body: 'J’y étais <script>alert(1)</script><em>aussi</em>',
      authorWebsite: 'exemple.fr',
    });
    expect(c.status).toBe('pending');
    const row = await t.db.selectFrom('comment').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.body_html).toBe('<p>J’y étais <em>aussi</em></p>');
    expect(row.author_website).toBe('https://exemple.fr/');
    expect(row.token_hash && tokenMatches(c.token, row.token_hash)).toBe(true);
    expect(row.ip_hash).toBe('ip-marc');
    const event = await journalEntry(t.db, { target_type: 'comment' });
    expect(event).toMatchObject({ action: 'submit', target_id: c.id, actor_label: 'public' });
    expect(await kept(s.id)).toBe(0);
  });

  it('accepts comments only on approved souvenirs', async () => {
    const pending = await souvenir(false);
    await expect(resolveCommentTarget(t.db, pending.publicId, null)).rejects.toMatchObject({ code: 'souvenir_closed' });
    await expect(comment(pending.id)).rejects.toBeInstanceOf(CommentError);
    const approved = await souvenir();
    expect(await resolveCommentTarget(t.db, approved.publicId, null)).toEqual({
      souvenirId: approved.id,
      parentId: null,
    });
    await decideSouvenir(t.db, { id: approved.id, decision: 'trash', actor: script });
    await expect(comment(approved.id)).rejects.toMatchObject({ code: 'souvenir_closed' });
    expect(await t.db.selectFrom('comment').select('id').execute()).toEqual([]);
  });

  it('allows one level of replies, to an approved comment of the same souvenir', async () => {
    const s = await souvenir();
    const other = await souvenir();
    const top = await comment(s.id, { status: 'approved' });
    const reply = await comment(s.id, { parentId: top.id, body: 'Réponse', status: 'approved' });
    expect(await resolveCommentTarget(t.db, s.publicId, top.publicId)).toEqual({ souvenirId: s.id, parentId: top.id });

    await expect(comment(s.id, { parentId: reply.id, body: 'Réponse à la réponse' })).rejects.toMatchObject({
      code: 'parent_invalid',
    });
    await expect(resolveCommentTarget(t.db, s.publicId, reply.publicId)).rejects.toMatchObject({
      code: 'parent_invalid',
    });
    await expect(comment(other.id, { parentId: top.id })).rejects.toMatchObject({ code: 'parent_invalid' });
    await expect(resolveCommentTarget(t.db, other.publicId, top.publicId)).rejects.toMatchObject({
      code: 'parent_invalid',
    });
    const pendingTop = await comment(s.id, { body: 'En attente' });
    await expect(comment(s.id, { parentId: pendingTop.id })).rejects.toMatchObject({ code: 'parent_invalid' });
    // The database itself refuses a parent from another souvenir.
    await expect(
      sql`insert into comment (public_id, souvenir_id, parent_id, author_name, author_email, body_raw, body_html, status)
          values ('x', ${other.id}, ${top.id}, 'a', 'a@example.org', 'b', 'b', 'pending')`.execute(t.db),
    ).rejects.toThrow();
  });

  it('refuses a website that is not http or https', async () => {
    const s = await souvenir();
    await expect(comment(s.id, { authorWebsite: 'javascript:alert(1)' })).rejects.toMatchObject({
      code: 'website_invalid',
    });
  });

  it('keeps the souvenir’s comment count right through approve, reject, trash, restore and spam', async () => {
    const s = await souvenir();
    const c = await comment(s.id);
    const steps: [Decision, number][] = [
      ['approve', 1],
      ['reject', 0],
      ['approve', 1],
      ['trash', 0],
      ['restore', 1],
      ['spam', 0],
      ['restore', 1],
      ['trash', 0],
      ['spam', 0],
      ['restore', 1],
    ];
    for (const [decision, expected] of steps) {
      await decide(c.id, decision);
      expect(await kept(s.id), decision).toBe(expected);
      expect(await counted(s.id), decision).toBe(expected);
    }
    const pending = await comment(s.id, { body: 'Un autre' });
    await decide(pending.id, 'trash');
    expect(await decide(pending.id, 'restore')).toBe('pending');
    expect(await kept(s.id)).toBe(1);
  });

  it('counts a comment approved at once by the rules, and keeps its approval through the bin', async () => {
    const s = await souvenir();
    const c = await comment(s.id, { status: 'approved' });
    expect(await kept(s.id)).toBe(1);
    const approvedAt = (
      await t.db.selectFrom('comment').select('approved_at').where('id', '=', c.id).executeTakeFirstOrThrow()
    ).approved_at;
    await decide(c.id, 'trash');
    await decide(c.id, 'restore');
    const row = await t.db
      .selectFrom('comment')
      .select(['status', 'approved_at', 'previous_status'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'approved', approved_at: approvedAt, previous_status: null });
  });

  it('records comment decisions in the journal, refuses pinning and reports conflicts', async () => {
    const s = await souvenir();
    const c = await comment(s.id);
    await decideComment(t.db, {
      id: c.id,
      decision: 'approve',
      actor: script,
      reason: 'ok',
      expectedStatus: 'pending',
    });
    const event = await journalEntry(t.db, { action: 'approve', target_type: 'comment' });
    expect(event).toMatchObject({ target_id: c.id, reason: 'ok' });
    expect(event.before).toEqual({ status: 'pending' });
    expect(event.after).toEqual({ status: 'approved' });
    await expect(decideComment(t.db, { id: c.id, decision: 'pin', actor: script })).rejects.toMatchObject({
      code: 'not_allowed',
    });
    await expect(
      decideComment(t.db, { id: c.id, decision: 'reject', actor: script, expectedStatus: 'pending' }),
    ).rejects.toMatchObject({ code: 'conflict', currentStatus: 'approved' });
    await expect(decideComment(t.db, { id: 999_999, decision: 'approve', actor: script })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await kept(s.id)).toBe(1);
  });

  it('takes deleted comments and their replies out of the count, leaving an audit tombstone', async () => {
    const s = await souvenir();
    const top = await comment(s.id, { status: 'approved' });
    await comment(s.id, { parentId: top.id, body: 'r1', status: 'approved' });
    await comment(s.id, { parentId: top.id, body: 'r2' });
    await comment(s.id, { body: 'seul', status: 'approved' });
    expect(await kept(s.id)).toBe(3);
    expect(await deleteComment(t.db, { id: top.id, actor: script, reason: 'effacement' })).toBe(3);
    expect(await kept(s.id)).toBe(1);
    expect(await counted(s.id)).toBe(1);
    const event = await journalEntry(t.db, { action: 'delete' });
    expect(event).toMatchObject({ target_type: 'comment', target_id: top.id, reason: 'effacement' });
  });

  it('lists approved comments in order of publication, replies under their parent, in one query', async () => {
    const s = await souvenir();
    const a = await comment(s.id, { body: 'A', status: 'approved' });
    const b = await comment(s.id, { body: 'B', status: 'approved', authorWebsite: 'https://b.example' });
    await comment(s.id, { body: 'pending' });
    const a1 = await comment(s.id, { parentId: a.id, body: 'A1', status: 'approved' });
    const b1 = await comment(s.id, { parentId: b.id, body: 'B1', status: 'approved' });
    const a2 = await comment(s.id, { parentId: a.id, body: 'A2', status: 'approved' });
    await comment(s.id, { parentId: a.id, body: 'A3 pending' });

    t.queries.length = 0;
    const threads = await listApprovedComments(t.db, s.id);
    expect(t.queries).toHaveLength(1);
    expect(threads.map((th) => [th.comment?.publicId, th.replies.map((r) => r.publicId)])).toEqual([
      [a.publicId, [a1.publicId, a2.publicId]],
      [b.publicId, [b1.publicId]],
    ]);
    expect(threads[1]!.comment).toMatchObject({
      authorName: 'Marc',
      authorWebsite: 'https://b.example/',
      bodyHtml: '<p>B</p>',
    });
    expect(threads[1]!.comment).not.toHaveProperty('authorEmail');

    // A parent taken down keeps its published replies in its place, without its own text.
    await decide(a.id, 'trash');
    const after = await listApprovedComments(t.db, s.id);
    expect(after[0]).toMatchObject({ comment: null });
    expect(after[0]!.replies.map((r) => r.publicId)).toEqual([a1.publicId, a2.publicId]);
    expect(await kept(s.id)).toBe(4);
  });

  it('lists the most commented approved souvenirs from the kept counts', async () => {
    const few = await souvenir(true, 'Peu');
    const most = await souvenir(true, 'Beaucoup');
    const some = await souvenir(true, 'Quelques');
    const hidden = await souvenir(true, 'Caché');
    await souvenir(true, 'Aucun');
    for (let i = 0; i < 3; i++) await comment(most.id, { body: `m${i}`, status: 'approved' });
    for (let i = 0; i < 2; i++) await comment(some.id, { body: `s${i}`, status: 'approved' });
    await comment(few.id, { status: 'approved' });
    await comment(few.id, { body: 'en attente' });
    for (let i = 0; i < 5; i++) await comment(hidden.id, { body: `h${i}`, status: 'approved' });
    await decideSouvenir(t.db, { id: hidden.id, decision: 'trash', actor: script });

    expect((await mostCommented(t.db, 5)).map((m) => [m.title, m.commentCount])).toEqual([
      ['Beaucoup', 3],
      ['Quelques', 2],
      ['Peu', 1],
    ]);
    expect(await mostCommented(t.db, 5)).not.toContainEqual(expect.objectContaining({ title: 'Caché' }));
    expect(await mostCommented(t.db, 2)).toHaveLength(2);
    const last = await t.db
      .selectFrom('comment')
      .select('id')
      .where('souvenir_id', '=', some.id)
      .executeTakeFirstOrThrow();
    await decide(last.id, 'reject');
    // A tie goes to the most recent souvenir.
    expect((await mostCommented(t.db, 5)).map((m) => m.title)).toEqual(['Beaucoup', 'Quelques', 'Peu']);
  });
});
