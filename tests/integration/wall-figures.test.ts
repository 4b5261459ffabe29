import { it, expect } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedOnWall, wallSubmission } from '../helpers/contribution-fixtures.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import type { SouvenirSubmission } from '../../src/lib/souvenirs/create-souvenir.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { editContribution } from '../../src/lib/contributions/edit.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import { decideComment } from '../../src/lib/contributions/decide.ts';
import { readWallFigures, recomputeWallStats, souvenirsByYear, popularTags } from '../../src/lib/wall/figures.ts';
import { script } from '../helpers/actors.ts';

describeEachDatabase('wall figures', (t) => {
  const approved = (overrides: Partial<SouvenirSubmission> = {}) => approvedOnWall(t.db, overrides);

  it('counts nothing on an empty wall', async () => {
    expect(await readWallFigures(t.db)).toEqual({ souvenirs: 0, comments: 0, contributors: 0, candles: 0 });
    expect(await souvenirsByYear(t.db)).toEqual([]);
    expect(await popularTags(t.db)).toEqual([]);
  });

  it('counts a souvenir when approved and no longer once rejected, trashed or spammed, and again once restored', async () => {
    const s = await createSouvenir(t.db, wallSubmission(), { ipHash: null });
    expect((await readWallFigures(t.db)).souvenirs).toBe(0);
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 1, contributors: 1 });
    await decideSouvenir(t.db, { id: s.id, decision: 'trash', actor: script });
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 0, contributors: 0 });
    await decideSouvenir(t.db, { id: s.id, decision: 'restore', actor: script });
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 1, contributors: 1 });
    await decideSouvenir(t.db, { id: s.id, decision: 'reject', actor: script });
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 0, contributors: 0 });
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    await decideSouvenir(t.db, { id: s.id, decision: 'spam', actor: script });
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 0, contributors: 0 });
  });

  it('does not count pinning, or a pending souvenir being rejected', async () => {
    const s = await approved();
    await decideSouvenir(t.db, { id: s.id, decision: 'pin', actor: script });
    const p = await createSouvenir(t.db, wallSubmission(), { ipHash: null });
    await decideSouvenir(t.db, { id: p.id, decision: 'reject', actor: script });
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 1, contributors: 1 });
  });

  it('counts each contributor once, whatever the case of their email, across souvenirs and comments', async () => {
    const a = await approved({ authorEmail: 'Camille@Example.org' });
    await approved({ authorEmail: 'camille@example.org' });
    await approved({ authorEmail: 'other@example.org' });
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 3, contributors: 2 });

    const comment = (email: string) =>
      createComment(
        t.db,
        {
          souvenirId: a.id,
          parentId: null,
          authorName: 'Lou',
          authorEmail: email,
          authorWebsite: null,
          body: 'Merci.',
          locale: 'fr',
        },
        { ipHash: null },
      );
    const fromCamille = await comment('CAMILLE@example.org');
    const fromLou = await comment('lou@example.org');
    expect(await readWallFigures(t.db)).toMatchObject({ comments: 0, contributors: 2 });
    await decideComment(t.db, { id: fromCamille.id, decision: 'approve', actor: script });
    await decideComment(t.db, { id: fromLou.id, decision: 'approve', actor: script });
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 3, comments: 2, contributors: 3 });
    await decideComment(t.db, { id: fromLou.id, decision: 'trash', actor: script });
    expect(await readWallFigures(t.db)).toMatchObject({ comments: 1, contributors: 2 });
  });

  it('keeps no trace of a contributor whose last approved text left the wall', async () => {
    const s = await approved({ authorEmail: 'gone@example.org' });
    expect(await t.db.selectFrom('contributor').selectAll().execute()).toHaveLength(1);
    await decideSouvenir(t.db, { id: s.id, decision: 'trash', actor: script });
    expect(await t.db.selectFrom('contributor').selectAll().execute()).toEqual([]);
  });

  it('keeps the souvenirs per year and per hashtag, edits included', async () => {
    const a = await approved({ memoryYear: 1999, body: 'Premier concert #jazz #Rock' });
    await approved({ memoryYear: 1999, body: 'Encore #jazz' });
    await approved({ memoryYear: 2010, body: 'Sans mot-dièse' });
    await createSouvenir(t.db, wallSubmission({ memoryYear: 1980, body: 'En attente #pending' }), { ipHash: null });
    expect(await souvenirsByYear(t.db)).toEqual([
      { year: 1999, souvenirs: 2 },
      { year: 2010, souvenirs: 1 },
    ]);
    expect(await popularTags(t.db)).toEqual([
      { tag: 'jazz', souvenirs: 2 },
      { tag: 'rock', souvenirs: 1 },
    ]);
    await editContribution(t.db, 'souvenir', { id: a.id, actor: script, title: null, body: 'Premier concert #blues' });
    expect(await popularTags(t.db)).toEqual([
      { tag: 'blues', souvenirs: 1 },
      { tag: 'jazz', souvenirs: 1 },
    ]);
    await decideSouvenir(t.db, { id: a.id, decision: 'reject', actor: script });
    expect(await souvenirsByYear(t.db)).toEqual([
      { year: 1999, souvenirs: 1 },
      { year: 2010, souvenirs: 1 },
    ]);
    expect(await popularTags(t.db)).toEqual([{ tag: 'jazz', souvenirs: 1 }]);
  });

  it('counts approved souvenirs inserted in bulk, as a seed or a benchmark does', async () => {
    await sql`
      insert into souvenir (public_id, author_name, author_email, body_raw, body_html, memory_year, hashtags, status,
        token_hash, consent_at, approved_at)
      select 'bulk' || g, 'Auteur', 'a' || (g % 3) || '@example.invalid', 'x', '<p>x</p>', 2000 + g % 2, array['t' || (g % 2)],
        case when g % 5 = 0 then 'pending' else 'approved' end, md5('t' || g), now(), now()
      from generate_series(1, 50) g`.execute(t.db);
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 40, contributors: 3 });
    expect((await souvenirsByYear(t.db)).reduce((n, y) => n + y.souvenirs, 0)).toBe(40);
    await sql`delete from souvenir where public_id like 'bulk%'`.execute(t.db);
    expect(await readWallFigures(t.db)).toMatchObject({ souvenirs: 0, contributors: 0 });
    expect(await souvenirsByYear(t.db)).toEqual([]);
  });

  it('recomputes exactly the counts it keeps', async () => {
    await approved({ memoryYear: 1999 });
    await approved({ authorEmail: 'b@example.org', body: 'Un autre #danse' });
    const kept = {
      figures: await readWallFigures(t.db),
      years: await souvenirsByYear(t.db),
      tags: await popularTags(t.db),
    };
    await sql`update wall_stat set souvenirs = 99, contributors = 99`.execute(t.db);
    await sql`delete from wall_year`.execute(t.db);
    await recomputeWallStats(t.db);
    expect({
      figures: await readWallFigures(t.db),
      years: await souvenirsByYear(t.db),
      tags: await popularTags(t.db),
    }).toEqual(kept);
  });
});
