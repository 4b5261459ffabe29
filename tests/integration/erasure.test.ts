import { it, expect } from 'vitest';
import { journalEntries } from '../helpers/journal.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import type { SouvenirSubmission } from '../../src/lib/souvenirs/create-souvenir.ts';
import type { CommentSubmission } from '../../src/lib/comments/create-comment.ts';
import { submission } from '../helpers/contribution-fixtures.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { editContribution } from '../../src/lib/contributions/edit.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import { listApprovedComments } from '../../src/lib/comments/list-comments.ts';
import {
  emailDataDocument,
  emailHistory,
  emailKey,
  eraseEmailData,
  findEmailData,
  lookUpEmailData,
} from '../../src/lib/privacy/email-data.ts';
import { summariseEmailData } from '../../src/lib/privacy/email-summary.ts';
import { readWallFigures, popularTags } from '../../src/lib/wall/figures.ts';
import { script } from '../helpers/actors.ts';

const admin = { id: null, label: 'admin' };
const SECRET = 'a-privacy-secret-for-tests';
const EMAIL = 'Ines.Martin@Example.org';
const INES = { authorName: 'Inès', authorEmail: EMAIL };
const LEA = { authorName: 'Léa', authorEmail: 'lea@example.org' };

describeEachDatabase('finding, exporting and erasing what an address wrote', (t) => {
  const november = (day: number) => new Date(Date.UTC(2026, 10, day, 10));
  const souvenir = (day: number, ipHash: string, fields: Partial<SouvenirSubmission>) =>
    createSouvenir(t.db, submission(fields), { ipHash, now: november(day) });
  const comment = (
    day: number,
    ipHash: string,
    status: 'pending' | 'approved',
    fields: Pick<CommentSubmission, 'souvenirId' | 'authorName' | 'authorEmail' | 'body'> & Partial<CommentSubmission>,
  ) =>
    createComment(
      t.db,
      { parentId: null, authorWebsite: null, locale: 'fr', ...fields },
      { ipHash, status, now: november(day) },
    );

  /** Inès wrote two souvenirs (one approved) and two comments (one a reply); others wrote around her. */
  async function scene() {
    const mine = await souvenir(1, 'ip-ines', {
      authorName: 'Inès Martin',
      authorEmail: EMAIL,
      title: 'Le rappel',
      body: 'Trois rappels ce soir-là ! #rappel',
      memoryYear: 2014,
      event: 'Concert',
    });
    await decideSouvenir(t.db, { id: mine.id, decision: 'approve', actor: script, reason: 'Merci Inès Martin' });
    await editContribution(t.db, 'souvenir', {
      id: mine.id,
      actor: script,
      title: 'Le rappel',
      body: 'Trois rappels ce soir-là, vraiment ! #rappel',
    });
    const minePending = await souvenir(2, 'ip-ines', {
      ...INES,
      authorEmail: 'ines.martin@example.org',
      title: null,
      body: 'Un autre soir',
    });
    const theirs = await souvenir(3, 'ip-lea', { ...LEA, title: 'Ma soirée', body: 'Au balcon', memoryYear: 2014 });
    await decideSouvenir(t.db, { id: theirs.id, decision: 'approve', actor: script });
    const leaComment = await comment(4, 'ip-lea', 'approved', { souvenirId: theirs.id, ...LEA, body: 'Quel souvenir' });
    const myReply = await comment(5, 'ip-ines', 'approved', {
      souvenirId: theirs.id,
      parentId: leaComment.id,
      authorName: 'Inès M.',
      authorEmail: 'INES.MARTIN@example.org',
      authorWebsite: 'https://ines.example',
      body: 'J’y étais aussi',
    });
    const myComment = await comment(6, 'ip-ines', 'pending', { souvenirId: mine.id, ...INES, body: 'Merci à tous' });
    const lookalike = await comment(7, 'ip-jean', 'approved', {
      souvenirId: theirs.id,
      authorName: 'Jean',
      authorEmail: 'jean.ines.martin@example.org',
      body: 'Moi non',
    });
    return { mine, minePending, theirs, leaComment, myReply, myComment, lookalike };
  }

  it('finds every souvenir and comment of an address, any status, whatever its case, and only that exact address', async () => {
    const s = await scene();
    const data = await findEmailData(t.db, '  ines.martin@EXAMPLE.org ');
    expect(data.souvenirs.map((x) => [x.id, x.status])).toEqual([
      [s.mine.id, 'approved'],
      [s.minePending.id, 'pending'],
    ]);
    expect(data.comments.map((x) => [x.id, x.status])).toEqual([
      [s.myReply.id, 'approved'],
      [s.myComment.id, 'pending'],
    ]);
    expect(data.comments[0]).toMatchObject({
      authorWebsite: 'https://ines.example/',
      inReplyTo: expect.any(String),
      body: 'J’y étais aussi',
    });
    expect((await findEmailData(t.db, 'martin@example.org')).souvenirs).toEqual([]);
    const summary = summariseEmailData(data);
    expect(summary).toMatchObject({ souvenirs: 2, comments: 2 });
    expect(summary.lines.map((l) => l.kind)).toEqual(['souvenir', 'souvenir', 'comment', 'comment']);
    expect(summary.lines[0]!.label).toBe('Le rappel');
  });

  it('exports everything as JSON, without IP hashes, token hashes or row ids', async () => {
    await scene();
    const data = await findEmailData(t.db, EMAIL);
    const document = JSON.parse(emailDataDocument(EMAIL, data, new Date('2026-11-25T12:00:00Z'))) as Record<
      string,
      unknown
    >;
    expect(document).toMatchObject({ exportedAt: '2026-11-25T12:00:00.000Z', email: 'ines.martin@example.org' });
    const souvenirs = document.souvenirs as Record<string, unknown>[];
    expect(souvenirs[0]).toMatchObject({
      title: 'Le rappel',
      body: 'Trois rappels ce soir-là, vraiment ! #rappel',
      memoryYear: 2014,
      event: 'Concert',
      hashtags: ['rappel'],
    });
    const text = JSON.stringify(document);
    for (const secret of ['ip-ines', 'ipHash', 'token', '"id"']) expect(text).not.toContain(secret);
  });

  it('logs each search and export by a keyed hash of the address, never the address', async () => {
    await scene();
    await lookUpEmailData(t.db, { email: EMAIL, secret: SECRET, actor: admin, action: 'data.search' });
    await lookUpEmailData(t.db, {
      email: 'ines.martin@example.org',
      secret: SECRET,
      actor: admin,
      action: 'data.export',
    });
    const key = emailKey(SECRET, EMAIL);
    const events = await journalEntries(t.db, { target_type: 'email' });
    expect(events.map((e) => [e.action, e.target_id, e.after])).toEqual([
      ['data.search', key.id, { emailHash: key.hash, souvenirs: 2, comments: 2 }],
      ['data.export', key.id, { emailHash: key.hash, souvenirs: 2, comments: 2 }],
    ]);
    expect(key.hash).not.toBe(emailKey('another secret', EMAIL).hash);
    expect(JSON.stringify(events).toLowerCase()).not.toContain('ines.martin');
    expect((await emailHistory(t.db, SECRET, EMAIL)).map((e) => e.action)).toEqual(['data.export', 'data.search']);
    expect(await emailHistory(t.db, SECRET, 'lea@example.org')).toEqual([]);
  });

  it('erases everything of the address like a withdrawal: counts fixed, others’ texts kept, the wall told', async () => {
    const s = await scene();
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 2, comments: 3, contributors: 3 });
    t.queries.length = 0;
    const counts = await eraseEmailData(t.db, { email: 'INES.martin@example.org', secret: SECRET, actor: admin });
    expect(counts).toEqual({ souvenirs: 2, comments: 2 });
    expect(t.queries.some((q) => q.includes('pg_notify'))).toBe(true);

    // Inès's approved souvenir and reply left the wall; Léa's souvenir, comment and Jean's comment stay.
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 1, comments: 2, contributors: 2 });
    expect(await popularTags(t.db)).toEqual([]);
    const theirs = await t.db
      .selectFrom('souvenir')
      .select(['status', 'comment_count'])
      .where('id', '=', s.theirs.id)
      .executeTakeFirstOrThrow();
    expect(theirs).toEqual({ status: 'approved', comment_count: 2 });
    const threads = await listApprovedComments(t.db, s.theirs.id);
    expect(threads.map((th) => [th.comment?.id, th.replies.length])).toEqual([
      [s.leaComment.id, 0],
      [s.lookalike.id, 0],
    ]);

    // One audit row per item, one for the address, and a second erasure finds nothing.
    expect(await journalEntries(t.db, { action: 'erase' })).toHaveLength(4);
    const key = emailKey(SECRET, EMAIL);
    const addressEvents = await t.db
      .selectFrom('moderation_event')
      .select(['action', 'after'])
      .where('target_type', '=', 'email')
      .execute();
    expect(addressEvents).toEqual([
      { action: 'data.erase', after: { emailHash: key.hash, souvenirs: 2, comments: 2 } },
    ]);
    expect(await eraseEmailData(t.db, { email: EMAIL, secret: SECRET, actor: admin })).toEqual({
      souvenirs: 0,
      comments: 0,
    });
    expect(await findEmailData(t.db, EMAIL)).toEqual({
      souvenirs: [],
      comments: [],
      mail: { messages: [], subscriptions: [] },
    });
  });

  it('leaves no trace of the address, the names or the texts in souvenirs, comments or the journal', async () => {
    await scene();
    await lookUpEmailData(t.db, { email: EMAIL, secret: SECRET, actor: admin, action: 'data.search' });
    await eraseEmailData(t.db, { email: EMAIL, secret: SECRET, actor: admin });
    const everything = JSON.stringify([
      await t.db.selectFrom('souvenir').selectAll().execute(),
      await t.db.selectFrom('comment').selectAll().execute(),
      await t.db.selectFrom('moderation_event').selectAll().execute(),
      await t.db.selectFrom('contributor').selectAll().execute(),
    ]).toLowerCase();
    // The address alone, not inside Jean's longer one.
    expect(everything).not.toMatch(/(?<![\w.])ines\.martin@example\.org/);
    for (const trace of [
      'inès',
      'trois rappels',
      'un autre soir',
      'j’y étais aussi',
      'merci à tous',
      'ines.example',
      'ip-ines',
      'concert',
    ]) {
      expect(everything).not.toContain(trace);
    }
    // What others wrote is still there.
    expect(everything).toContain('quel souvenir');
    expect(everything).toContain('jean.ines.martin@example.org');
  });
});
