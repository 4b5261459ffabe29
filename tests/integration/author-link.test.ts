import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { decideSouvenir } from '../../src/lib/moderation/souvenir-decisions.ts';
import { findByAuthorToken, editPendingByAuthor, withdrawByAuthor, AuthorLinkError } from '../../src/lib/souvenirs/author-link.ts';
import { newToken } from '../../src/lib/security/tokens.ts';

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
    expect((await findByAuthorToken(t.db, s.token))?.title).toBe('Le rappel');
    expect(await findByAuthorToken(t.db, newToken().slice(0, 32))).toBeNull();
    expect(await findByAuthorToken(t.db, "' or 1=1 --")).toBeNull();
  });

  it('lets the author correct a pending souvenir, re-sanitised, and not once it is reviewed', async () => {
    const s = await share();
    await editPendingByAuthor(t.db, s.token, { title: 'Corrigé', body: 'Quatre <b>rappels</b> <script>x</script>', memoryYear: 2015, event: null });
    const edited = await findByAuthorToken(t.db, s.token);
    expect(edited).toMatchObject({ title: 'Corrigé', memoryYear: 2015, event: null });
    expect(edited?.bodyHtml).toBe('<p>Quatre <b>rappels</b></p>');
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    await expect(editPendingByAuthor(t.db, s.token, { title: null, body: 'x', memoryYear: null, event: null })).rejects.toMatchObject({
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
    expect((await findByAuthorToken(t.db, s.token))?.withdrawn).toBe(true);
    await expect(editPendingByAuthor(t.db, s.token, { title: null, body: 'x', memoryYear: null, event: null })).rejects.toBeInstanceOf(AuthorLinkError);
  });
});
