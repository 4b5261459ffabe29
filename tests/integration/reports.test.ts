import { it, expect } from 'vitest';
import { sql } from 'kysely';
import { journalEntry } from '../helpers/journal.ts';
import { publishedSouvenir, shareSouvenir } from '../helpers/contribution-fixtures.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import { decideComment } from '../../src/lib/contributions/decide.ts';
import { listApprovedComments } from '../../src/lib/comments/list-comments.ts';
import { mostCommented } from '../../src/lib/comments/most-commented.ts';
import { wallPage } from '../../src/lib/souvenirs/wall.ts';
import { feedSouvenirs } from '../../src/lib/wall/feeds.ts';
import { readWallFigures, recomputeWallStats, souvenirsByYear, popularTags } from '../../src/lib/wall/figures.ts';
import { lightCandle } from '../../src/lib/wall/candles.ts';
import { screenEventsFor } from '../../src/lib/wall/screen-feed.ts';
import { fileReport, ReportError } from '../../src/lib/reports/file-report.ts';
import type { ReportRequest } from '../../src/lib/reports/file-report.ts';
import { dismissReports } from '../../src/lib/reports/dismiss.ts';
import { countReportedItems, listReportedItems } from '../../src/lib/reports/reported-queue.ts';
import { DecisionError } from '../../src/lib/moderation/decisions.ts';
import { findByAuthorToken } from '../../src/lib/contributions/author-link.ts';

const moderator = { id: null, label: 'modo' };

describeEachDatabase('visitors’ reports', (t) => {
  const approvedSouvenir = async (body = 'Un soir de concert. #jazz', memoryYear: number | null = 2004) => {
    const s = await shareSouvenir(t.db, {
      authorName: 'Camille',
      authorEmail: 'camille@example.org',
      title: 'Le balcon',
      body,
      memoryYear,
    });
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: moderator });
    return s;
  };

  const approvedComment = (souvenirId: number, authorEmail = 'marc@example.org') =>
    createComment(
      t.db,
      {
        souvenirId,
        parentId: null,
        authorName: 'Marc',
        authorEmail,
        authorWebsite: null,
        body: `J’y étais ${Math.random()}`,
        locale: 'fr',
      },
      { ipHash: null, status: 'approved' },
    );

  const report = (publicId: string, ipHash: string, overrides: Partial<ReportRequest> = {}) =>
    fileReport(t.db, {
      targetType: 'souvenir',
      publicId,
      reason: 'offensive',
      note: null,
      ipHash,
      threshold: 3,
      ...overrides,
    });

  /** The kept figures are what a full recount of the rows gives. */
  const expectFiguresKept = async () => {
    const kept = await readWallFigures(t.db);
    await recomputeWallStats(t.db);
    expect(await readWallFigures(t.db)).toEqual(kept);
    const drift = await sql<{ id: number }>`
      select s.id from souvenir s
      where s.comment_count <> (select count(*) from comment c where c.souvenir_id = s.id and c.status = 'approved' and not c.hidden_by_reports)`.execute(
      t.db,
    );
    expect(drift.rows).toEqual([]);
    return kept;
  };

  it('takes one report per visitor per item: a second is answered as already reported', async () => {
    const s = await approvedSouvenir();
    expect(
      await report(s.publicId, 'ip-1', { note: '  Son numéro\r\nde téléphone  ', reason: 'personal_data' }),
    ).toEqual({
      outcome: 'filed',
      hidden: false,
    });
    expect(await report(s.publicId, 'ip-1', { reason: 'spam' })).toEqual({
      outcome: 'already_reported',
      hidden: false,
    });
    expect(await report(s.publicId, 'ip-2')).toEqual({ outcome: 'filed', hidden: false });
    const rows = await t.db.selectFrom('report').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.ip_hash, r.reason, r.note])).toEqual([
      ['ip-1', 'personal_data', 'Son numéro\nde téléphone'],
      ['ip-2', 'offensive', null],
    ]);
  });

  it('refuses a report of what the public does not see', async () => {
    const pending = await shareSouvenir(t.db, {
      authorName: 'A',
      authorEmail: 'a@example.org',
      title: null,
      body: 'En attente',
    });
    await expect(report(pending.publicId, 'ip-1')).rejects.toBeInstanceOf(ReportError);
    await expect(report('inconnu', 'ip-1')).rejects.toMatchObject({ code: 'not_found' });
    await expect(report('x', 'ip-1', { targetType: 'comment' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('hides a souvenir from the wall, its page, feeds, the live screen and every figure at the threshold, with an audit row', async () => {
    const kept = await approvedSouvenir('Un soir de concert. #jazz', 2004);
    const s = await approvedSouvenir('La fosse en délire. #rock', 1999);
    const before = await expectFiguresKept();
    expect(before).toMatchObject({ souvenirs: 2, contributors: 1 });

    await report(s.publicId, 'ip-1');
    await report(s.publicId, 'ip-2');
    expect(await publishedSouvenir(t.db, s.publicId)).not.toBeNull();
    expect(await report(s.publicId, 'ip-3')).toEqual({ outcome: 'filed', hidden: true });

    expect(await publishedSouvenir(t.db, s.publicId)).toBeNull();
    expect((await wallPage(t.db)).souvenirs.map((x) => x.publicId)).toEqual([kept.publicId]);
    expect((await feedSouvenirs(t.db)).map((x) => x.publicId)).toEqual([kept.publicId]);
    expect(await screenEventsFor(t.db, [{ seq: 1, souvenirId: s.id }])).toEqual([
      { seq: 1, event: { type: 'retrait', publicId: s.publicId } },
    ]);
    await expect(lightCandle(t.db, { publicId: s.publicId, ipHash: 'ip-9' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await expectFiguresKept()).toMatchObject({ souvenirs: 1, contributors: 1 });
    expect(await souvenirsByYear(t.db)).toEqual([{ year: 2004, souvenirs: 1 }]);
    expect((await popularTags(t.db)).map((tag) => tag.tag)).toEqual(['jazz']);
    // Its status never left `approved`: a dismissal puts it back exactly.
    const row = await t.db
      .selectFrom('souvenir')
      .select(['status', 'hidden_by_reports'])
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'approved', hidden_by_reports: true });
    const event = await journalEntry(t.db, { action: 'reports.hide' });
    expect(event).toMatchObject({
      target_type: 'souvenir',
      target_id: s.id,
      actor_label: 'public',
      after: { hiddenByReports: true, openReports: 3 },
    });
    // A fourth visitor finds nothing to report.
    await expect(report(s.publicId, 'ip-4')).rejects.toMatchObject({ code: 'not_found' });
    // Its author's private page says it is set aside, not published, and in which language it is written.
    expect(await findByAuthorToken(t.db, s.token)).toMatchObject({
      status: 'approved',
      hiddenByReports: true,
      locale: 'fr',
    });
  });

  it('follows the threshold it is given (the setting), down to one report', async () => {
    const s = await approvedSouvenir();
    expect(await report(s.publicId, 'ip-1', { threshold: 1 })).toEqual({ outcome: 'filed', hidden: true });
  });

  it('brings a hidden souvenir back where it was when a moderator dismisses the reports, resolving them with an audit row', async () => {
    const s = await approvedSouvenir();
    const approvedAt = (await publishedSouvenir(t.db, s.publicId))!.approvedAt;
    for (const ip of ['ip-1', 'ip-2', 'ip-3']) await report(s.publicId, ip);
    expect(await countReportedItems(t.db)).toBe(1);

    const now = new Date('2026-11-14T10:00:00Z');
    expect(
      await dismissReports(t.db, { targetType: 'souvenir', id: s.id, actor: moderator, reason: 'Rien à redire', now }),
    ).toBe('approved');

    const back = await publishedSouvenir(t.db, s.publicId);
    expect(back?.approvedAt).toEqual(approvedAt);
    expect(await expectFiguresKept()).toMatchObject({ souvenirs: 1, contributors: 1 });
    const reports = await t.db.selectFrom('report').select(['resolved_at', 'resolved_by']).execute();
    expect(reports).toHaveLength(3);
    expect(reports.every((r) => r.resolved_at?.getTime() === now.getTime())).toBe(true);
    const event = await journalEntry(t.db, { action: 'reports.dismiss' });
    expect(event).toMatchObject({
      target_id: s.id,
      actor_label: 'modo',
      reason: 'Rien à redire',
      before: { status: 'approved', hiddenByReports: true, openReports: 3 },
      after: { status: 'approved', hiddenByReports: false, openReports: 0 },
    });
    expect(await countReportedItems(t.db)).toBe(0);
    // Settled: a second dismissal is a conflict, and those visitors have had their say.
    await expect(dismissReports(t.db, { targetType: 'souvenir', id: s.id, actor: moderator })).rejects.toBeInstanceOf(
      DecisionError,
    );
    expect(await report(s.publicId, 'ip-1')).toEqual({ outcome: 'already_reported', hidden: false });
    expect(await report(s.publicId, 'ip-4')).toEqual({ outcome: 'filed', hidden: false });
  });

  it('hides a comment from its page and its souvenir’s count, and a rejection from the reports counts it out once', async () => {
    const s = await approvedSouvenir();
    const c = await approvedComment(s.id);
    const other = await approvedComment(s.id, 'lea@example.org');
    expect(await expectFiguresKept()).toMatchObject({ comments: 2, contributors: 3 });

    for (const ip of ['ip-1', 'ip-2']) await report(c.publicId, ip, { targetType: 'comment', threshold: 2 });
    const threads = await listApprovedComments(t.db, s.id);
    expect(threads.map((th) => th.comment?.publicId)).toEqual([other.publicId]);
    expect((await publishedSouvenir(t.db, s.publicId))?.commentCount).toBe(1);
    expect((await mostCommented(t.db))[0]?.commentCount).toBe(1);
    expect(await expectFiguresKept()).toMatchObject({ comments: 1, contributors: 2 });

    expect(
      await decideComment(t.db, { id: c.id, decision: 'reject', actor: moderator, expectedStatus: 'approved' }),
    ).toBe('rejected');
    expect((await publishedSouvenir(t.db, s.publicId))?.commentCount).toBe(1);
    expect(await expectFiguresKept()).toMatchObject({ comments: 1, contributors: 2 });
    const open = await t.db.selectFrom('report').select('id').where('resolved_at', 'is', null).execute();
    expect(open).toEqual([]);
    const event = await journalEntry(t.db, { action: 'reject', target_type: 'comment' });
    expect(event.before).toEqual({ status: 'approved', openReports: 2, hiddenByReports: true });
    // Restored by a moderator, it is published again and counted once.
    await decideComment(t.db, { id: c.id, decision: 'approve', actor: moderator });
    expect((await publishedSouvenir(t.db, s.publicId))?.commentCount).toBe(2);
    expect(await expectFiguresKept()).toMatchObject({ comments: 2 });
  });

  it('settles the reports of a souvenir sent to the trash from the queue, and keeps them on a pin', async () => {
    const s = await approvedSouvenir();
    await report(s.publicId, 'ip-1');
    await decideSouvenir(t.db, { id: s.id, decision: 'pin', actor: moderator });
    expect(await countReportedItems(t.db)).toBe(1);
    await report(s.publicId, 'ip-2');
    await report(s.publicId, 'ip-3');
    await decideSouvenir(t.db, { id: s.id, decision: 'trash', actor: moderator });
    expect(await countReportedItems(t.db)).toBe(0);
    expect(await expectFiguresKept()).toMatchObject({ souvenirs: 0, contributors: 0 });
    // Restored from the trash, it is shown again (its reports are settled).
    await decideSouvenir(t.db, { id: s.id, decision: 'restore', actor: moderator });
    expect(await publishedSouvenir(t.db, s.publicId)).not.toBeNull();
    expect(await expectFiguresKept()).toMatchObject({ souvenirs: 1 });
  });

  it('lists reported items for the queue, hidden first, then the most and latest reported, with reasons and notes', async () => {
    const a = await approvedSouvenir('Premier');
    const b = await approvedSouvenir('Second');
    const c = await approvedComment(b.id);
    const d = await approvedComment(b.id, 'lea@example.org');
    await report(a.publicId, 'ip-1', { reason: 'spam', note: 'Une publicité' });
    await report(c.publicId, 'ip-1', { targetType: 'comment', reason: 'false' });
    for (const [ip, reason] of [
      ['ip-1', 'offensive'],
      ['ip-2', 'offensive'],
      ['ip-3', 'other'],
    ] as const) {
      await report(b.publicId, ip, { reason, note: ip === 'ip-3' ? '<b>insultant</b>' : null });
    }
    const listed = await listReportedItems(t.db);
    expect(listed.map((r) => [r.item.targetType, r.item.id, r.reports, r.item.hiddenByReports])).toEqual([
      ['souvenir', b.id, 3, true],
      ['comment', c.id, 1, false],
      ['souvenir', a.id, 1, false],
    ]);
    expect(listed[0]!.reasons).toEqual([
      { reason: 'offensive', count: 2 },
      { reason: 'other', count: 1 },
    ]);
    expect(listed[0]!.notes.map((n) => n.note)).toEqual(['<b>insultant</b>']);
    expect(listed[2]!.notes.map((n) => n.note)).toEqual(['Une publicité']);
    expect(listed[1]!.item.souvenir?.publicId).toBe(b.publicId);
    expect(await countReportedItems(t.db)).toBe(3);
    // A comment on a hidden souvenir cannot be reported any more.
    await expect(report(d.publicId, 'ip-5', { targetType: 'comment' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('hides an item once when reports arrive together', async () => {
    const s = await approvedSouvenir();
    const results = await Promise.all(
      ['ip-1', 'ip-2', 'ip-3', 'ip-4', 'ip-5'].map((ip) => report(s.publicId, ip).catch(() => null)),
    );
    expect(results.filter((r) => r?.hidden)).toHaveLength(1);
    expect(
      await t.db.selectFrom('moderation_event').select('id').where('action', '=', 'reports.hide').execute(),
    ).toHaveLength(1);
    expect(await expectFiguresKept()).toMatchObject({ souvenirs: 0 });
  });

  it('hides every item its visitors reported past the threshold together', async () => {
    // Each item's three reports at once: counted one after another, the third always hides it.
    const items = await Promise.all([1, 2, 3, 4, 5, 6].map(() => approvedSouvenir()));
    await Promise.all(items.flatMap((s) => ['ip-1', 'ip-2', 'ip-3'].map((ip) => report(s.publicId, ip))));
    const hidden = await t.db
      .selectFrom('souvenir')
      .select('id')
      .where(
        'id',
        'in',
        items.map((s) => s.id),
      )
      .where('hidden_by_reports', '=', true)
      .execute();
    expect(hidden).toHaveLength(items.length);
  });
});
