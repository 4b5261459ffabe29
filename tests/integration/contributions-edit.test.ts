import { it, expect } from 'vitest';
import { journalEntry } from '../helpers/journal.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir, timedComment, shareSouvenir } from '../helpers/contribution-fixtures.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { editContribution } from '../../src/lib/contributions/edit.ts';
import type { EditRequest } from '../../src/lib/contributions/edit.ts';
import { findQueueItem } from '../../src/lib/contributions/queue.ts';
import { SanitizeError } from '../../src/lib/sanitize/sanitize.ts';

const alice = { id: 1, label: 'alice' };

describeEachDatabase('moderator edits', (t) => {
  const newSouvenir = () =>
    shareSouvenir(
      t.db,
      { authorName: 'Léa', authorEmail: 'lea@example.org', title: 'Concret', body: 'Un concret inoubliable. #rock' },
      { ipHash: null, now: new Date('2026-11-01T10:00:00Z') },
    );
  /** Alice's correction of souvenir `id`. */
  const editSouvenir = (id: number, edit: Omit<EditRequest<'souvenir'>, 'id' | 'actor'>) =>
    editContribution(t.db, 'souvenir', { id, actor: alice, ...edit });
  const row = (id: number) => t.db.selectFrom('souvenir').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('keeps the words as stored when a form sends them back with CRLF line ends, changing the title alone', async () => {
    const s = await shareSouvenir(
      t.db,
      { authorName: 'Léa', authorEmail: 'lea@example.org', title: 'Concret', body: 'Un soir.\n\nLa salle.' },
      { ipHash: null },
    );
    const before = await row(s.id);
    expect((await editSouvenir(s.id, { title: 'Un soir', body: 'Un soir.\r\n\r\nLa salle.' })).changed).toBe(true);
    const after = await row(s.id);
    expect([after.title, after.body_raw, after.body_html]).toEqual([
      'Un soir',
      'Un soir.\n\nLa salle.',
      before.body_html,
    ]);
    const event = await journalEntry(t.db, { action: 'edit', target_id: s.id });
    expect([event.before, event.after]).toMatchObject([
      { body: 'Un soir.\n\nLa salle.' },
      { body: 'Un soir.\n\nLa salle.' },
    ]);
    // Sent back again as they are: nothing changed, nothing written.
    expect((await editSouvenir(s.id, { title: 'Un soir', body: 'Un soir.\r\n\r\nLa salle.' })).changed).toBe(false);
  });

  it('re-sanitises the new text, extracts its hashtags again and logs the text before and after', async () => {
    const s = await newSouvenir();
    const result = await editSouvenir(s.id, {
      title: 'Concert',
      body: 'Un concert <em>inoubliable</em><img src=x onerror="alert(1)">. #jazz #Paris',
      reason: 'faute de frappe',
      now: new Date('2026-11-02T10:00:00Z'),
    });
    expect(result.changed).toBe(true);
    const after = await row(s.id);
    expect(after.body_html).toBe('<p>Un concert <em>inoubliable</em>. #jazz #Paris</p>');
    expect(after.body_raw).toBe('Un concert <em>inoubliable</em><img src=x onerror="alert(1)">. #jazz #Paris');
    expect(after.hashtags).toEqual(['jazz', 'paris']);
    expect(after.title).toBe('Concert');
    expect(after.status).toBe('pending');
    const event = await journalEntry(t.db, { action: 'edit' });
    expect(event).toMatchObject({ actor_id: 1, actor_label: 'alice', target_id: s.id, reason: 'faute de frappe' });
    expect(event.before).toEqual({ title: 'Concret', body: 'Un concret inoubliable. #rock', hashtags: ['rock'] });
    expect(event.after).toEqual({
      title: 'Concert',
      body: 'Un concert <em>inoubliable</em><img src=x onerror="alert(1)">. #jazz #Paris',
      hashtags: ['jazz', 'paris'],
    });
  });

  it('corrects the name shown, the year and the event, journaled only when they change', async () => {
    const s = await newSouvenir();
    const result = await editSouvenir(s.id, {
      authorName: 'Léa (numéro retiré)',
      title: 'Concret',
      body: 'Un concret inoubliable. #rock',
      memoryYear: 1999,
      event: 'Un concert de rock',
    });
    expect(result.changed).toBe(true);
    const after = await row(s.id);
    expect([after.author_name, after.memory_year, after.event]).toEqual([
      'Léa (numéro retiré)',
      1999,
      'Un concert de rock',
    ]);
    const event = await journalEntry(t.db, { action: 'edit' });
    expect(event.before).toMatchObject({ name: 'Léa', year: null, event: null });
    expect(event.after).toMatchObject({ name: 'Léa (numéro retiré)', year: 1999, event: 'Un concert de rock' });
    // The same values again: nothing to write.
    expect(
      (
        await editSouvenir(s.id, {
          authorName: 'Léa (numéro retiré)',
          title: 'Concret',
          body: 'Un concret inoubliable. #rock',
          memoryYear: 1999,
          event: 'Un concert de rock',
        })
      ).changed,
    ).toBe(false);
    // Left out, they stay; the year cleared is written as cleared.
    await editSouvenir(s.id, { title: 'Concret', body: 'Un concret inoubliable. #rock', memoryYear: null });
    expect([(await row(s.id)).author_name, (await row(s.id)).memory_year, (await row(s.id)).event]).toEqual([
      'Léa (numéro retiré)',
      null,
      'Un concert de rock',
    ]);
  });

  it('tells the wall when the edited souvenir is published, and only then', async () => {
    const pending = await newSouvenir();
    t.queries.length = 0;
    await editSouvenir(pending.id, { title: null, body: 'Autre texte' });
    expect(t.queries.some((q) => q.includes('pg_notify'))).toBe(false);
    await decideSouvenir(t.db, { id: pending.id, decision: 'approve', actor: alice });
    t.queries.length = 0;
    await editSouvenir(pending.id, { title: null, body: 'Texte corrigé' });
    expect(t.queries.some((q) => q.includes('pg_notify'))).toBe(true);
  });

  it('writes and logs nothing when title and text are unchanged', async () => {
    const s = await newSouvenir();
    const result = await editSouvenir(s.id, {
      title: 'Concret',
      body: 'Un concret inoubliable. #rock',
    });
    expect(result.changed).toBe(false);
    expect(await t.db.selectFrom('moderation_event').select('id').where('action', '=', 'edit').execute()).toHaveLength(
      0,
    );
  });

  it('reports a conflict when the souvenir changed after the form was opened, and keeps that change', async () => {
    const s = await newSouvenir();
    const opened = (await row(s.id)).updated_at;
    await editContribution(t.db, 'souvenir', {
      id: s.id,
      actor: { id: 2, label: 'bruno' },
      title: 'Par Bruno',
      body: 'Texte de Bruno',
      expectedUpdatedAt: opened,
      now: new Date('2026-11-03T10:00:00Z'),
    });
    await expect(
      editSouvenir(s.id, {
        title: 'Par Alice',
        body: 'Texte d’Alice',
        expectedUpdatedAt: opened,
      }),
    ).rejects.toMatchObject({ code: 'conflict', currentStatus: 'pending' });
    expect((await row(s.id)).title).toBe('Par Bruno');
  });

  it('refuses text the sanitiser cannot read before writing anything, and a withdrawn or unknown souvenir', async () => {
    const s = await newSouvenir();
    await expect(editSouvenir(s.id, { title: null, body: 'x'.repeat(30_000) })).rejects.toBeInstanceOf(SanitizeError);
    expect((await row(s.id)).title).toBe('Concret');
    await expect(editSouvenir(999_999, { title: null, body: 'Texte' })).rejects.toMatchObject({ code: 'not_found' });
    await t.db
      .updateTable('souvenir')
      .set({ withdrawn_at: new Date(), status: 'trash' })
      .where('id', '=', s.id)
      .execute();
    await expect(editSouvenir(s.id, { title: null, body: 'Texte' })).rejects.toMatchObject({ code: 'not_allowed' });
  });
});

describeEachDatabase('moderator edits of comments', (t) => {
  const souvenir = (title: string | null) => approvedSouvenir(t.db, { title, actor: alice });
  const comment = (souvenirId: number, minute: number) => timedComment(t.db, souvenirId, minute);

  it('lets a moderator correct a comment, re-sanitised, logged, and refused when it changed meanwhile', async () => {
    const s = await souvenir('Un soir');
    const c = await comment(s.id, 1);
    const opened = (await findQueueItem(t.db, 'comment', c.id))!;
    expect(opened.bodyRaw).toBe('Commentaire 1');
    expect(
      await editContribution(t.db, 'comment', {
        id: c.id,
        actor: alice,
        body: 'Commentaire <script>x</script><em>un</em>',
        expectedUpdatedAt: opened.updatedAt,
        reason: 'faute',
      }),
    ).toEqual({ changed: true });
    expect((await findQueueItem(t.db, 'comment', c.id))!.bodyHtml).toBe('<p>Commentaire <em>un</em></p>');
    await expect(
      editContribution(t.db, 'comment', { id: c.id, actor: alice, body: 'Autre', expectedUpdatedAt: opened.updatedAt }),
    ).rejects.toMatchObject({ code: 'conflict' });
    const event = await journalEntry(t.db, { action: 'edit' });
    expect(event).toMatchObject({ target_type: 'comment', target_id: c.id, reason: 'faute' });
    expect(event.before).toEqual({ body: 'Commentaire 1' });
    expect(await findQueueItem(t.db, 'comment', 999_999)).toBeNull();
  });
});
