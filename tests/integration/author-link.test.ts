import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { findByAuthorToken, editPendingByAuthor, withdrawByAuthor, AuthorLinkError } from '../../src/lib/contributions/author-link.ts';
import { newToken } from '../../src/lib/security/tokens.ts';
import { DEFAULT_DISCUSSION_SETTINGS, saveDiscussionSettings } from '../../src/lib/rules/settings.ts';
import { readWallFigures, popularTags, souvenirsByYear } from '../../src/lib/wall/figures.ts';
import { fileReport } from '../../src/lib/reports/file-report.ts';

const script = { id: null, label: 'script' };

describeEachDatabase("the author's private link", (t) => {
  const share = () =>
    createSouvenir(
      t.db,
      { authorName: 'Inès', authorEmail: 'ines@example.org', title: 'Le rappel', body: 'Trois rappels !', memoryYear: 2014, event: 'concert', locale: 'fr' },
      { ipHash: 'iphash' },
    );

  it('opens the souvenir for its own token only', async () => {
    const s = await share();
    expect((await findByAuthorToken(t.db, s.token, 'souvenir'))?.title).toBe('Le rappel');
    expect(await findByAuthorToken(t.db, newToken().slice(0, 32), 'souvenir')).toBeNull();
    expect(await findByAuthorToken(t.db, "' or 1=1 --", 'souvenir')).toBeNull();
  });

  it('lets the author correct a pending souvenir, re-sanitised, and not once it is reviewed', async () => {
    const s = await share();
    await editPendingByAuthor(t.db, 'souvenir', s.token, { title: 'Corrigé', body: 'Quatre <b>rappels</b> <script>x</script>', memoryYear: 2015, event: null });
    const edited = await findByAuthorToken(t.db, s.token, 'souvenir');
    expect(edited).toMatchObject({ title: 'Corrigé', memoryYear: 2015, event: null });
    expect(edited?.bodyHtml).toBe('<p>Quatre <b>rappels</b></p>');
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    await expect(editPendingByAuthor(t.db, 'souvenir', s.token, { title: null, body: 'x', memoryYear: null, event: null })).rejects.toMatchObject({
      code: 'not_pending',
    });
  });

  it('withdraws at any time, erasing text, name and email, leaving a tombstone in the log', async () => {
    const s = await share();
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    await withdrawByAuthor(t.db, s.token);
    const row = await t.db.selectFrom('souvenir').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'trash', author_name: '', author_email: '', body_raw: '', body_html: '', title: null, ip_hash: null });
    expect(row.withdrawn_at).toBeInstanceOf(Date);
    const events = await t.db.selectFrom('moderation_event').selectAll().where('target_id', '=', s.id).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['submit', 'approve', 'withdraw']);
    expect(JSON.stringify(events)).not.toContain('Inès');
    expect((await findByAuthorToken(t.db, s.token, 'souvenir'))?.withdrawn).toBe(true);
    await expect(editPendingByAuthor(t.db, 'souvenir', s.token, { title: null, body: 'x', memoryYear: null, event: null })).rejects.toBeInstanceOf(AuthorLinkError);
  });

  it('re-checks an edit against the rules: a moderation word flags it, a disallowed word sends it to spam', async () => {
    await saveDiscussionSettings(t.db, { ...DEFAULT_DISCUSSION_SETTINGS, moderationWords: ['billet'], disallowedWords: ['casino'] }, script);
    const s = await share();
    expect(await editPendingByAuthor(t.db, 'souvenir', s.token, { title: null, body: 'Un billet à vendre', memoryYear: null, event: null })).toBe('pending');
    let row = await t.db.selectFrom('souvenir').select(['status', 'flag_reasons']).where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', flag_reasons: ['moderation_word:billet'] });

    // A later clean edit clears the flags; the title and event are checked like the text.
    await editPendingByAuthor(t.db, 'souvenir', s.token, { title: 'Rien à signaler', body: 'Une soirée', memoryYear: null, event: null });
    row = await t.db.selectFrom('souvenir').select(['status', 'flag_reasons']).where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', flag_reasons: [] });

    expect(await editPendingByAuthor(t.db, 'souvenir', s.token, { title: null, body: 'Une soirée', memoryYear: null, event: 'Nuit du casino' })).toBe('spam');
    const spam = await t.db.selectFrom('souvenir').select(['status', 'previous_status', 'flag_reasons']).where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(spam).toEqual({ status: 'spam', previous_status: 'pending', flag_reasons: ['disallowed_word:casino'] });
    const events = await t.db.selectFrom('moderation_event').select(['action', 'after']).where('target_id', '=', s.id).orderBy('id').execute();
    expect(events.at(-1)).toEqual({ action: 'author_edit', after: { status: 'spam', flagReasons: ['disallowed_word:casino'] } });
    // Spam is out of the author's hands, like any reviewed souvenir.
    await expect(editPendingByAuthor(t.db, 'souvenir', s.token, { title: null, body: 'x', memoryYear: null, event: null })).rejects.toMatchObject({ code: 'not_pending' });
  });

  it('re-checks an edit without meeting itself as a duplicate or a flood, and never publishes it', async () => {
    await saveDiscussionSettings(t.db, { ...DEFAULT_DISCUSSION_SETTINGS, floodSeconds: 3600, autoApproveKnownAuthors: true }, script);
    const earlier = await share();
    await decideSouvenir(t.db, { id: earlier.id, decision: 'approve', actor: script });
    const s = await createSouvenir(
      t.db,
      { authorName: 'Inès', authorEmail: 'ines@example.org', title: null, body: 'Encore', memoryYear: null, event: null, locale: 'fr' },
      { ipHash: 'iphash' },
    );
    // Same author as an approved souvenir, same text as before, seconds after sending: still pending.
    expect(await editPendingByAuthor(t.db, 'souvenir', s.token, { title: null, body: 'Encore', memoryYear: null, event: null })).toBe('pending');
  });

  it('keeps the wall figures, years, hashtags and contributors right when an approved souvenir is withdrawn, and tells the wall', async () => {
    const s = await createSouvenir(
      t.db,
      { authorName: 'Inès', authorEmail: 'Ines@Example.org', title: 'Le rappel', body: 'Trois rappels ! #rappel', memoryYear: 2014, event: null, locale: 'fr' },
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
    const publicId = (await t.db.selectFrom('souvenir').select('public_id').where('id', '=', s.id).executeTakeFirstOrThrow()).public_id;
    for (const ip of ['a', 'b']) {
      await fileReport(t.db, { targetType: 'souvenir', publicId, reason: 'personal_data', note: 'Mon nom : Inès', ipHash: ip, threshold: 2 });
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
