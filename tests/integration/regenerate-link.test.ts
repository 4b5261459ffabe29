import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import type { CommentSubmission } from '../../src/lib/comments/create-comment.ts';
import { decideComment } from '../../src/lib/contributions/decide.ts';
import { editContribution } from '../../src/lib/contributions/edit.ts';
import { listApprovedComments } from '../../src/lib/comments/list-comments.ts';
import { regenerateAuthorLink } from '../../src/lib/privacy/regenerate-link.ts';
import { editPendingByAuthor, findByAuthorToken, withdrawByAuthor } from '../../src/lib/contributions/author-link.ts';
import { fileReport } from '../../src/lib/reports/file-report.ts';
import { DEFAULT_DISCUSSION_SETTINGS, saveDiscussionSettings } from '../../src/lib/rules/settings.ts';
import { readWallFigures } from '../../src/lib/wall/figures.ts';
import { newToken } from '../../src/lib/security/tokens.ts';

const script = { id: null, label: 'script' };
const admin = { id: null, label: 'admin' };

describeEachDatabase('private links for comments', (t) => {
  const souvenir = async () => {
    const s = await createSouvenir(
      t.db,
      { authorName: 'Léa', authorEmail: 'lea@example.org', title: 'La salle', body: `Un concert ${Math.random()}`, memoryYear: null, event: null, locale: 'fr' },
      { ipHash: null },
    );
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    return s;
  };
  const comment = (souvenirId: number, overrides: Partial<CommentSubmission> = {}, status: 'pending' | 'approved' = 'pending') =>
    createComment(
      t.db,
      {
        souvenirId,
        parentId: null,
        authorName: 'Marc',
        authorEmail: 'marc@example.org',
        authorWebsite: 'https://marc.example.org',
        body: `Moi aussi, j’y étais ${Math.random()}`,
        locale: 'fr',
        ...overrides,
      },
      { ipHash: 'ip-marc', status },
    );
  const kept = async (souvenirId: number) =>
    (await t.db.selectFrom('souvenir').select('comment_count').where('id', '=', souvenirId).executeTakeFirstOrThrow()).comment_count;

  it("opens a comment with the link shown when it was sent, and nothing else with it", async () => {
    const s = await souvenir();
    const c = await comment(s.id);
    const opened = await findByAuthorToken(t.db, c.token, 'comment');
    expect(opened).toMatchObject({ id: c.id, status: 'pending', authorName: 'Marc', withdrawn: false, isReply: false });
    expect(opened?.souvenir).toMatchObject({ title: 'La salle', published: true });
    // One page, either kind: the link of a souvenir opens the souvenir, a comment's the comment.
    expect(await findByAuthorToken(t.db, c.token)).toMatchObject({ kind: 'comment' });
    expect(await findByAuthorToken(t.db, s.token)).toMatchObject({ kind: 'souvenir' });
    expect(await findByAuthorToken(t.db, c.token, 'souvenir')).toBeNull();
    expect(await findByAuthorToken(t.db, s.token, 'comment')).toBeNull();
    expect(await findByAuthorToken(t.db, newToken())).toBeNull();
    expect(await findByAuthorToken(t.db, 'not a token')).toBeNull();
  });

  it('withdraws an approved comment: text, name, email and website erased, tombstone kept, counts fixed', async () => {
    const s = await souvenir();
    const c = await comment(s.id, {}, 'approved');
    await decideComment(t.db, { id: c.id, decision: 'reject', actor: script, reason: 'Écrit par Marc (marc@example.org)' });
    await decideComment(t.db, { id: c.id, decision: 'approve', actor: script });
    expect(await kept(s.id)).toBe(1);
    expect(await readWallFigures(t.db)).toMatchObject({ comments: 1, contributors: 2 });

    t.queries.length = 0;
    await withdrawByAuthor(t.db, c.token);
    expect(t.queries.some((q) => q.includes('pg_notify'))).toBe(true);
    const row = await t.db.selectFrom('comment').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'trash', author_name: '', author_email: '', author_website: null, body_raw: '', body_html: '', ip_hash: null });
    expect(row.withdrawn_at).toBeInstanceOf(Date);
    expect(await kept(s.id)).toBe(0);
    expect(await readWallFigures(t.db)).toMatchObject({ comments: 0, contributors: 1 });
    expect(await listApprovedComments(t.db, s.id)).toEqual([]);

    const events = await t.db.selectFrom('moderation_event').selectAll().where('target_type', '=', 'comment').orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['submit', 'reject', 'approve', 'withdraw']);
    expect(events.at(-1)).toMatchObject({ actor_label: 'author', before: { status: 'approved' }, after: { status: 'trash', withdrawn: true } });
    const journal = JSON.stringify(events);
    expect(journal).not.toContain('Marc');
    expect(journal).not.toContain('marc@example.org');

    // The link still opens the tombstone; no decision or edit brings it back.
    expect((await findByAuthorToken(t.db, c.token, 'comment'))?.withdrawn).toBe(true);
    await expect(decideComment(t.db, { id: c.id, decision: 'restore', actor: script })).rejects.toMatchObject({ code: 'not_allowed' });
    await expect(editContribution(t.db, 'comment', { id: c.id, actor: script, body: 'Revenu' })).rejects.toMatchObject({ code: 'not_allowed' });
    await expect(editPendingByAuthor(t.db, 'comment', c.token, { body: 'Revenu' })).rejects.toMatchObject({ code: 'withdrawn' });
    await withdrawByAuthor(t.db, c.token);
    expect(await kept(s.id)).toBe(0);
  });

  it('keeps the replies others made under a withdrawn comment, under "comment removed", and their count', async () => {
    const s = await souvenir();
    const parent = await comment(s.id, {}, 'approved');
    const reply = await comment(s.id, { parentId: parent.id, authorName: 'Julie', authorEmail: 'julie@example.org' }, 'approved');
    expect(await kept(s.id)).toBe(2);
    await withdrawByAuthor(t.db, parent.token);
    expect(await kept(s.id)).toBe(1);
    const threads = await listApprovedComments(t.db, s.id);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.comment).toBeNull();
    expect(threads[0]!.replies.map((r) => r.id)).toEqual([reply.id]);
    expect((await findByAuthorToken(t.db, reply.token, 'comment'))?.isReply).toBe(true);
  });

  it('withdraws a pending comment without moving any count', async () => {
    const s = await souvenir();
    const c = await comment(s.id);
    t.queries.length = 0;
    await withdrawByAuthor(t.db, c.token);
    expect(t.queries.some((q) => q.includes('pg_notify'))).toBe(false);
    expect(await kept(s.id)).toBe(0);
    expect(await readWallFigures(t.db)).toMatchObject({ comments: 0 });
  });

  it('withdraws a comment hidden by reports without taking it out of the count twice', async () => {
    const s = await souvenir();
    const c = await comment(s.id, {}, 'approved');
    const publicId = (await t.db.selectFrom('comment').select('public_id').where('id', '=', c.id).executeTakeFirstOrThrow()).public_id;
    for (const ip of ['a', 'b']) await fileReport(t.db, { targetType: 'comment', publicId, reason: 'offensive', ipHash: ip, threshold: 2 });
    expect(await kept(s.id)).toBe(0);
    await withdrawByAuthor(t.db, c.token);
    expect(await kept(s.id)).toBe(0);
    expect(await readWallFigures(t.db)).toMatchObject({ comments: 0 });
    expect(await t.db.selectFrom('report').selectAll().execute()).toEqual([]);
  });

  it('re-checks a pending comment edited by its author against the rules', async () => {
    await saveDiscussionSettings(t.db, { ...DEFAULT_DISCUSSION_SETTINGS, moderationWords: ['billet'], disallowedWords: ['casino'], maxLinks: 2 }, script);
    const s = await souvenir();
    const c = await comment(s.id);
    expect(await editPendingByAuthor(t.db, 'comment', c.token, { body: 'Qui a un <b>billet</b> ?' })).toBe('pending');
    let row = await t.db.selectFrom('comment').select(['status', 'body_html', 'flag_reasons']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', body_html: '<p>Qui a un <b>billet</b> ?</p>', flag_reasons: ['moderation_word:billet'] });
    expect(await editPendingByAuthor(t.db, 'comment', c.token, { body: 'https://a.example https://b.example' })).toBe('pending');
    row = await t.db.selectFrom('comment').select(['status', 'body_html', 'flag_reasons']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.flag_reasons).toEqual(['links:2']);
    expect(await editPendingByAuthor(t.db, 'comment', c.token, { body: 'Le casino d’à côté' })).toBe('spam');
    row = await t.db.selectFrom('comment').select(['status', 'body_html', 'flag_reasons']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'spam', flag_reasons: ['disallowed_word:casino'] });
    await expect(editPendingByAuthor(t.db, 'comment', c.token, { body: 'Autre chose' })).rejects.toMatchObject({ code: 'not_pending' });
  });

  it('gives a lost link a replacement: the old token dies, the new one opens the item, the log holds no token', async () => {
    const s = await souvenir();
    const c = await comment(s.id);
    const fresh = await regenerateAuthorLink(t.db, { targetType: 'comment', id: c.id, actor: admin });
    expect(fresh).not.toBe(c.token);
    expect(await findByAuthorToken(t.db, c.token)).toBeNull();
    expect((await findByAuthorToken(t.db, fresh, 'comment'))?.id).toBe(c.id);

    const freshSouvenir = await regenerateAuthorLink(t.db, { targetType: 'souvenir', id: s.id, actor: admin });
    expect(await findByAuthorToken(t.db, s.token, 'souvenir')).toBeNull();
    expect((await findByAuthorToken(t.db, freshSouvenir))?.id).toBe(s.id);

    const events = await t.db
      .selectFrom('moderation_event')
      .selectAll()
      .where('action', '=', 'author_link.regenerate')
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.target_type, e.target_id, e.actor_label])).toEqual([
      ['comment', c.id, 'admin'],
      ['souvenir', s.id, 'admin'],
    ]);
    const all = JSON.stringify(await t.db.selectFrom('moderation_event').selectAll().execute());
    for (const secret of [fresh, freshSouvenir]) expect(all).not.toContain(secret);

    await withdrawByAuthor(t.db, freshSouvenir);
    await expect(regenerateAuthorLink(t.db, { targetType: 'souvenir', id: s.id, actor: admin })).rejects.toMatchObject({ code: 'withdrawn' });
    await expect(regenerateAuthorLink(t.db, { targetType: 'comment', id: 999_999, actor: admin })).rejects.toMatchObject({ code: 'not_found' });
  });
});
