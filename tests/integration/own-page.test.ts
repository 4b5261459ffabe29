/**
 * A souvenir's own page in one statement (souvenirs/own-page.ts, issue 19): the souvenir as its
 * own read gives it, every public comment as stored, in threads, and the content version.
 */
import { it, expect } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase } from '../helpers/databases.ts';
import { findSouvenirOwnPage } from '../../src/lib/souvenirs/own-page.ts';
import { shownSouvenirs, withItsPhotos } from '../../src/lib/souvenirs/wall.ts';
import { photoRowsColumn } from '../../src/lib/photos/shown.ts';
import { contentVersion } from '../../src/lib/wall/content-version.ts';

describeEachDatabase("a souvenir's own page in one statement", (t) => {
  async function seed() {
    await sql`
      insert into souvenir (public_id, author_name, author_email, title, body_raw, body_html, status, hidden_by_reports,
        token_hash, consent_at, approved_at)
      values
        ('s1', 'Autrice', 'a@example.invalid', 'La salle <en> fête', 'x', '<p>Un soir &amp; un rappel</p>', 'approved', false, md5('1'), now(), now()),
        ('s2', 'Autrice', 'a@example.invalid', null, 'x', '<p>Sans commentaire</p>', 'approved', false, md5('2'), now(), now()),
        ('s3', 'Autrice', 'a@example.invalid', null, 'x', '<p>En attente</p>', 'pending', false, md5('3'), now(), null),
        ('s4', 'Autrice', 'a@example.invalid', null, 'x', '<p>Masqué</p>', 'approved', true, md5('4'), now(), now())`.execute(
      t.db,
    );
    const s1 = sql`(select id from souvenir where public_id = 's1')`;
    // c1 and its replies c2, c3; c4 trashed with its reply c5 still shown; c6 pending; c7 hidden by reports.
    await sql`
      insert into comment (public_id, souvenir_id, author_name, author_email, author_website, body_raw, body_html, status,
        hidden_by_reports, locale, flag_reasons, created_at, approved_at)
      values
        ('c1', ${s1}, 'Léa "L"', 'l@example.invalid', 'https://exemple.org/?a=1&b=2', 'x', '<p>Premier</p>', 'approved', false, 'fr', '{}', now() - interval '9 minutes', now() - interval '8 minutes 0.123456 seconds'),
        ('c4', ${s1}, 'Sam', 's@example.invalid', null, 'x', '<p>Retiré</p>', 'trash', false, 'en', '{}', now() - interval '7 minutes', now() - interval '7 minutes'),
        ('c6', ${s1}, 'Max', 'm@example.invalid', null, 'x', '<p>En attente</p>', 'pending', false, 'fr', '{}', now(), null),
        ('c7', ${s1}, 'Zoé', 'z@example.invalid', null, 'x', '<p>Signalé</p>', 'approved', true, 'fr', '{}', now(), now())`.execute(
      t.db,
    );
    const parent = (id: string) => sql`(select id from comment where public_id = ${id})`;
    await sql`
      insert into comment (public_id, souvenir_id, parent_id, author_name, author_email, body_raw, body_html, status,
        hidden_by_reports, locale, flag_reasons, created_at, approved_at)
      values
        ('c2', ${s1}, ${parent('c1')}, 'Ana', 'an@example.invalid', 'x', '<p>Réponse</p>', 'approved', false, 'fr', '{}', now() - interval '6 minutes', now() - interval '5 minutes'),
        ('c3', ${s1}, ${parent('c1')}, 'Bo', 'b@example.invalid', 'x', '<p>Autre</p>', 'approved', false, 'fr', '{}', now() - interval '4 minutes', now() - interval '3 minutes'),
        ('c5', ${s1}, ${parent('c4')}, 'Cy', 'c@example.invalid', 'x', '<p>Sous un retiré</p>', 'approved', false, 'fr', '{}', now() - interval '2 minutes', now() - interval '1 minute')`.execute(
      t.db,
    );
  }

  it('reads the souvenir, its comments as stored and the version in one statement, with or without comments', async () => {
    await seed();
    for (const publicId of ['s1', 's2']) {
      // The souvenir as the wall's cards read it, by their own statement.
      const souvenir = withItsPhotos(
        await shownSouvenirs(t.db)
          .select(photoRowsColumn('souvenir.id'))
          .where('public_id', '=', publicId)
          .executeTakeFirstOrThrow(),
      );
      t.queries.length = 0;
      const page = (await findSouvenirOwnPage(t.db, publicId))!;
      expect(t.queries).toHaveLength(1);
      expect(page.souvenir).toEqual(souvenir);
      expect(page.version).toBe(await contentVersion(t.db));
      // Each comment shown as the table holds it, through the public columns only.
      const shown = page.threads.flatMap((th) => [th.comment, ...th.replies]).filter((c) => c !== null);
      const stored = await t.db
        .selectFrom('comment')
        .select([
          'id',
          'public_id',
          'parent_id',
          'author_name',
          'author_website',
          'body_html',
          'locale',
          'created_at',
          'approved_at',
        ])
        .where('souvenir_id', '=', souvenir.id)
        .where('status', '=', 'approved')
        .where('hidden_by_reports', '=', false)
        .orderBy('id')
        .execute();
      expect([...shown].sort((a, b) => a.id - b.id)).toEqual(
        stored.map((c) => ({
          id: c.id,
          publicId: c.public_id,
          parentId: c.parent_id,
          authorName: c.author_name,
          authorWebsite: c.author_website,
          bodyHtml: c.body_html,
          locale: c.locale,
          createdAt: c.created_at,
          approvedAt: c.approved_at,
        })),
      );
    }
    const { threads } = (await findSouvenirOwnPage(t.db, 's1'))!;
    expect(threads.map((th) => [th.comment?.publicId ?? null, th.replies.map((r) => r.publicId)])).toEqual([
      ['c1', ['c2', 'c3']],
      [null, ['c5']],
    ]);
    expect(threads[0]!.comment!.approvedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(threads)).not.toContain('@example.invalid');
  });

  it('finds nothing that is not published, nor an id no souvenir could have', async () => {
    await seed();
    for (const publicId of ['s3', 's4', 'inconnu', "x' or '1'='1", '']) {
      expect(await findSouvenirOwnPage(t.db, publicId)).toBeNull();
    }
  });
});
