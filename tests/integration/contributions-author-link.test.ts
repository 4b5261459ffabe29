import { it, expect } from 'vitest';
import { journalEntries } from '../helpers/journal.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir, marcComment, TOMBSTONE, shareSouvenir } from '../helpers/contribution-fixtures.ts';
import { decideComment, decideSouvenir } from '../../src/lib/contributions/decide.ts';
import {
  findByAuthorToken,
  editPendingByAuthor,
  withdrawByAuthor,
  AuthorLinkError,
} from '../../src/lib/contributions/author-link.ts';
import type { CommentSubmission } from '../../src/lib/comments/create-comment.ts';
import { editContribution } from '../../src/lib/contributions/edit.ts';
import { listApprovedComments } from '../../src/lib/comments/list-comments.ts';
import { newToken } from '../../src/lib/security/tokens.ts';
import { DEFAULT_DISCUSSION_SETTINGS, saveDiscussionSettings } from '../../src/lib/rules/settings.ts';
import { readWallFigures, popularTags, souvenirsByYear } from '../../src/lib/wall/figures.ts';
import { fileReport } from '../../src/lib/reports/file-report.ts';
import { script } from '../helpers/actors.ts';

describeEachDatabase("the author's private link", (t) => {
  const share = () =>
    shareSouvenir(
      t.db,
      {
        authorName: 'Inès',
        authorEmail: 'ines@example.org',
        title: 'Le rappel',
        body: 'Trois rappels !',
        memoryYear: 2014,
        event: 'concert',
      },
      { ipHash: 'iphash' },
    );

  it('opens the souvenir for its own token only', async () => {
    const s = await share();
    expect((await findByAuthorToken(t.db, s.token, 'souvenir'))?.title).toBe('Le rappel');
    expect(await findByAuthorToken(t.db, newToken().slice(0, 32), 'souvenir')).toBeNull();
    expect(await findByAuthorToken(t.db, "' or 1=1 --", 'souvenir')).toBeNull();
  });

  it('never overwrites unseen a correction the moderators made since the author opened the page', async () => {
    const s = await share();
    const opened = (await findByAuthorToken(t.db, s.token, 'souvenir'))!;
    await editContribution(t.db, 'souvenir', {
      id: s.id,
      actor: script,
      title: 'Le rappel',
      body: 'Version corrigée par la modération.',
      now: new Date(opened.updatedAt.getTime() + 5_000),
    });
    const correction = { title: 'Le rappel', body: 'Mon numéro : 06 00 00 00 00', memoryYear: 2014, event: null };
    await expect(
      editPendingByAuthor(t.db, 'souvenir', s.token, correction, new Date(), opened.updatedAt),
    ).rejects.toMatchObject({ code: 'changed' });
    const now = (await findByAuthorToken(t.db, s.token, 'souvenir'))!;
    expect(now.body).toBe('Version corrigée par la modération.');
    // Made on the version now shown, the correction is saved.
    await editPendingByAuthor(t.db, 'souvenir', s.token, correction, new Date(), now.updatedAt);
    expect((await findByAuthorToken(t.db, s.token, 'souvenir'))!.body).toBe(correction.body);
  });

  it('lets the author correct a pending souvenir, re-sanitised, and not once it is reviewed', async () => {
    const s = await share();
    await editPendingByAuthor(t.db, 'souvenir', s.token, {
      title: 'Corrigé',
      body: 'Quatre <b>rappels</b> <script>x</script>',
      memoryYear: 2015,
      event: null,
    });
    const edited = await findByAuthorToken(t.db, s.token, 'souvenir');
    expect(edited).toMatchObject({ title: 'Corrigé', memoryYear: 2015, event: null });
    expect(edited?.bodyHtml).toBe('<p>Quatre <b>rappels</b></p>');
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    await expect(
      editPendingByAuthor(t.db, 'souvenir', s.token, { title: null, body: 'x', memoryYear: null, event: null }),
    ).rejects.toMatchObject({
      code: 'not_pending',
    });
  });

  it('withdraws at any time, erasing text, name and email, leaving a tombstone in the log', async () => {
    const s = await share();
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    await withdrawByAuthor(t.db, s.token);
    const row = await t.db.selectFrom('souvenir').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'trash',
      author_name: '',
      author_email: '',
      body_raw: '',
      body_html: '',
      title: null,
      ip_hash: null,
    });
    expect(row.withdrawn_at).toBeInstanceOf(Date);
    const events = await journalEntries(t.db, { target_id: s.id });
    expect(events.map((e) => e.action)).toEqual(['submit', 'approve', 'withdraw']);
    expect(JSON.stringify(events)).not.toContain('Inès');
    expect((await findByAuthorToken(t.db, s.token, 'souvenir'))?.withdrawn).toBe(true);
    await expect(
      editPendingByAuthor(t.db, 'souvenir', s.token, { title: null, body: 'x', memoryYear: null, event: null }),
    ).rejects.toBeInstanceOf(AuthorLinkError);
  });

  it('re-checks an edit against the rules: a moderation word flags it, a disallowed word sends it to spam', async () => {
    await saveDiscussionSettings(
      t.db,
      { ...DEFAULT_DISCUSSION_SETTINGS, moderationWords: ['billet'], disallowedWords: ['casino'] },
      script,
    );
    const s = await share();
    expect(
      await editPendingByAuthor(t.db, 'souvenir', s.token, {
        title: null,
        body: 'Un billet à vendre',
        memoryYear: null,
        event: null,
      }),
    ).toBe('pending');
    let row = await t.db
      .selectFrom('souvenir')
      .select(['status', 'flag_reasons'])
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', flag_reasons: ['moderation_word:billet'] });

    // A later clean edit clears the flags; the title and event are checked like the text.
    await editPendingByAuthor(t.db, 'souvenir', s.token, {
      title: 'Rien à signaler',
      body: 'Une soirée',
      memoryYear: null,
      event: null,
    });
    row = await t.db
      .selectFrom('souvenir')
      .select(['status', 'flag_reasons'])
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', flag_reasons: [] });

    expect(
      await editPendingByAuthor(t.db, 'souvenir', s.token, {
        title: null,
        body: 'Une soirée',
        memoryYear: null,
        event: 'Nuit du casino',
      }),
    ).toBe('spam');
    const spam = await t.db
      .selectFrom('souvenir')
      .select(['status', 'previous_status', 'flag_reasons'])
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(spam).toEqual({ status: 'spam', previous_status: 'pending', flag_reasons: ['disallowed_word:casino'] });
    const events = await t.db
      .selectFrom('moderation_event')
      .select(['action', 'after'])
      .where('target_id', '=', s.id)
      .orderBy('id')
      .execute();
    expect(events.at(-1)).toEqual({
      action: 'author_edit',
      after: { status: 'spam', flagReasons: ['disallowed_word:casino'] },
    });
    // Spam is out of the author's hands, like any reviewed souvenir.
    await expect(
      editPendingByAuthor(t.db, 'souvenir', s.token, { title: null, body: 'x', memoryYear: null, event: null }),
    ).rejects.toMatchObject({ code: 'not_pending' });
  });

  it('re-checks an edit without meeting itself as a duplicate or a flood, and never publishes it', async () => {
    await saveDiscussionSettings(
      t.db,
      { ...DEFAULT_DISCUSSION_SETTINGS, floodSeconds: 3600, autoApproveKnownAuthors: true },
      script,
    );
    const earlier = await share();
    await decideSouvenir(t.db, { id: earlier.id, decision: 'approve', actor: script });
    const s = await shareSouvenir(
      t.db,
      { authorName: 'Inès', authorEmail: 'ines@example.org', title: null, body: 'Encore' },
      { ipHash: 'iphash' },
    );
    // Same author as an approved souvenir, same text as before, seconds after sending: still pending.
    expect(
      await editPendingByAuthor(t.db, 'souvenir', s.token, {
        title: null,
        body: 'Encore',
        memoryYear: null,
        event: null,
      }),
    ).toBe('pending');
  });

  it('keeps the wall figures, years, hashtags and contributors right when an approved souvenir is withdrawn, and tells the wall', async () => {
    const s = await shareSouvenir(
      t.db,
      {
        authorName: 'Inès',
        authorEmail: 'Ines@Example.org',
        title: 'Le rappel',
        body: 'Trois rappels ! #rappel',
        memoryYear: 2014,
      },
      { ipHash: 'iphash' },
    );
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 1, contributors: 1 });
    expect(await popularTags(t.db)).toEqual([{ tag: 'rappel', souvenirs: 1 }]);
    t.queries.length = 0;
    await withdrawByAuthor(t.db, s.token);
    expect(t.queries.some((q) => q.includes('pg_notify'))).toBe(true);
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 0, contributors: 0 });
    expect(await souvenirsByYear(t.db)).toEqual([]);
    expect(await popularTags(t.db)).toEqual([]);
    expect(await t.db.selectFrom('contributor').selectAll().execute()).toEqual([]);
    // Withdrawing again changes nothing and tells no one.
    t.queries.length = 0;
    await withdrawByAuthor(t.db, s.token);
    expect(t.queries.some((q) => q.includes('pg_notify'))).toBe(false);
    expect((await readWallFigures(t.db)).souvenirs).toBe(0);
  });

  it('withdraws a souvenir hidden by reports without counting it twice, and drops its reports', async () => {
    const s = await share();
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    const publicId = (
      await t.db.selectFrom('souvenir').select('public_id').where('id', '=', s.id).executeTakeFirstOrThrow()
    ).public_id;
    for (const ip of ['a', 'b']) {
      await fileReport(t.db, {
        targetType: 'souvenir',
        publicId,
        reason: 'personal_data',
        note: 'Mon nom : Inès',
        ipHash: ip,
        threshold: 2,
      });
    }
    expect((await readWallFigures(t.db)).souvenirs).toBe(0);
    await withdrawByAuthor(t.db, s.token);
    expect((await readWallFigures(t.db)).souvenirs).toBe(0);
    expect(await t.db.selectFrom('report').selectAll().execute()).toEqual([]);
  });

  it('withdraws a pending souvenir without touching the wall', async () => {
    const s = await share();
    t.queries.length = 0;
    await withdrawByAuthor(t.db, s.token);
    expect(t.queries.some((q) => q.includes('pg_notify'))).toBe(false);
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 0, contributors: 0 });
  });
});

describeEachDatabase('private links for comments', (t) => {
  const souvenir = () => approvedSouvenir(t.db, { body: `Un concert ${Math.random()}` });
  const comment = (
    souvenirId: number,
    overrides: Partial<CommentSubmission> = {},
    status: 'pending' | 'approved' = 'pending',
  ) => marcComment(t.db, souvenirId, overrides, { status });
  const kept = async (souvenirId: number) =>
    (await t.db.selectFrom('souvenir').select('comment_count').where('id', '=', souvenirId).executeTakeFirstOrThrow())
      .comment_count;

  it('opens a comment with the link shown when it was sent, and nothing else with it', async () => {
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
    await decideComment(t.db, {
      id: c.id,
      decision: 'reject',
      actor: script,
      reason: 'Écrit par Marc (marc@example.org)',
    });
    await decideComment(t.db, { id: c.id, decision: 'approve', actor: script });
    expect(await kept(s.id)).toBe(1);
    expect(await readWallFigures(t.db)).toMatchObject({ comments: 1, contributors: 2 });

    t.queries.length = 0;
    await withdrawByAuthor(t.db, c.token);
    expect(t.queries.some((q) => q.includes('pg_notify'))).toBe(true);
    const row = await t.db.selectFrom('comment').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ ...TOMBSTONE, author_website: null, ip_hash: null });
    expect(row.withdrawn_at).toBeInstanceOf(Date);
    expect(await kept(s.id)).toBe(0);
    expect(await readWallFigures(t.db)).toMatchObject({ comments: 0, contributors: 1 });
    expect(await listApprovedComments(t.db, s.id)).toEqual([]);

    const events = await journalEntries(t.db, { target_type: 'comment' });
    expect(events.map((e) => e.action)).toEqual(['submit', 'reject', 'approve', 'withdraw']);
    expect(events.at(-1)).toMatchObject({
      actor_label: 'author',
      before: { status: 'approved' },
      after: { status: 'trash', withdrawn: true },
    });
    const journal = JSON.stringify(events);
    expect(journal).not.toContain('Marc');
    expect(journal).not.toContain('marc@example.org');

    // The link still opens the tombstone; no decision or edit brings it back.
    expect((await findByAuthorToken(t.db, c.token, 'comment'))?.withdrawn).toBe(true);
    await expect(decideComment(t.db, { id: c.id, decision: 'restore', actor: script })).rejects.toMatchObject({
      code: 'not_allowed',
    });
    await expect(editContribution(t.db, 'comment', { id: c.id, actor: script, body: 'Revenu' })).rejects.toMatchObject({
      code: 'not_allowed',
    });
    await expect(editPendingByAuthor(t.db, 'comment', c.token, { body: 'Revenu' })).rejects.toMatchObject({
      code: 'withdrawn',
    });
    await withdrawByAuthor(t.db, c.token);
    expect(await kept(s.id)).toBe(0);
  });

  it('keeps the replies others made under a withdrawn comment, under "comment removed", and their count', async () => {
    const s = await souvenir();
    const parent = await comment(s.id, {}, 'approved');
    const reply = await comment(
      s.id,
      { parentId: parent.id, authorName: 'Julie', authorEmail: 'julie@example.org' },
      'approved',
    );
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
    const publicId = (
      await t.db.selectFrom('comment').select('public_id').where('id', '=', c.id).executeTakeFirstOrThrow()
    ).public_id;
    for (const ip of ['a', 'b'])
      await fileReport(t.db, { targetType: 'comment', publicId, reason: 'offensive', ipHash: ip, threshold: 2 });
    expect(await kept(s.id)).toBe(0);
    await withdrawByAuthor(t.db, c.token);
    expect(await kept(s.id)).toBe(0);
    expect(await readWallFigures(t.db)).toMatchObject({ comments: 0 });
    expect(await t.db.selectFrom('report').selectAll().execute()).toEqual([]);
  });

  it('re-checks a pending comment edited by its author against the rules', async () => {
    await saveDiscussionSettings(
      t.db,
      { ...DEFAULT_DISCUSSION_SETTINGS, moderationWords: ['billet'], disallowedWords: ['casino'], maxLinks: 2 },
      script,
    );
    const s = await souvenir();
    const c = await comment(s.id);
    expect(await editPendingByAuthor(t.db, 'comment', c.token, { body: 'Qui a un <b>billet</b> ?' })).toBe('pending');
    let row = await t.db
      .selectFrom('comment')
      .select(['status', 'body_html', 'flag_reasons'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: 'pending',
      body_html: '<p>Qui a un <b>billet</b> ?</p>',
      flag_reasons: ['moderation_word:billet'],
    });
    expect(await editPendingByAuthor(t.db, 'comment', c.token, { body: 'https://a.example https://b.example' })).toBe(
      'pending',
    );
    row = await t.db
      .selectFrom('comment')
      .select(['status', 'body_html', 'flag_reasons'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.flag_reasons).toEqual(['links:2']);
    expect(await editPendingByAuthor(t.db, 'comment', c.token, { body: 'Le casino d’à côté' })).toBe('spam');
    row = await t.db
      .selectFrom('comment')
      .select(['status', 'body_html', 'flag_reasons'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'spam', flag_reasons: ['disallowed_word:casino'] });
    await expect(editPendingByAuthor(t.db, 'comment', c.token, { body: 'Autre chose' })).rejects.toMatchObject({
      code: 'not_pending',
    });
  });
});
