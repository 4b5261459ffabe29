import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { DecisionError } from '../../src/lib/moderation/decisions.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';

const script = { id: null, label: 'script' };

describeEachDatabase('souvenir decisions', (t) => {
  const newSouvenir = () =>
    createSouvenir(
      t.db,
      { authorName: 'Léa', authorEmail: 'lea@example.org', title: null, body: 'Un concert.', memoryYear: null, event: null, locale: 'fr' },
      { ipHash: null },
    );

  it('approves with an audit row recording before and after', async () => {
    const s = await newSouvenir();
    expect(await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script, reason: 'ok' })).toBe('approved');
    const event = await t.db.selectFrom('moderation_event').selectAll().where('action', '=', 'approve').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_label: 'script', target_id: s.id, reason: 'ok' });
    expect(event.before).toEqual({ status: 'pending', pinned: false });
    expect(event.after).toEqual({ status: 'approved', pinned: false });
    const row = await t.db.selectFrom('souvenir').select(['status', 'approved_at']).where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.approved_at).toBeInstanceOf(Date);
  });

  it('restores spam and trash to exactly the status they came from', async () => {
    const s = await newSouvenir();
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    await decideSouvenir(t.db, { id: s.id, decision: 'trash', actor: script });
    expect(await decideSouvenir(t.db, { id: s.id, decision: 'restore', actor: script })).toBe('approved');
    const p = await newSouvenir();
    await decideSouvenir(t.db, { id: p.id, decision: 'spam', actor: script });
    expect(await decideSouvenir(t.db, { id: p.id, decision: 'restore', actor: script })).toBe('pending');
  });

  it('reports a conflict instead of overwriting a decision someone else made', async () => {
    const s = await newSouvenir();
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script, expectedStatus: 'pending' });
    const second = decideSouvenir(t.db, { id: s.id, decision: 'reject', actor: script, expectedStatus: 'pending' });
    await expect(second).rejects.toMatchObject({ code: 'conflict', currentStatus: 'approved' });
    const row = await t.db.selectFrom('souvenir').select('status').where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('approved');
    const events = await t.db.selectFrom('moderation_event').select('action').execute();
    expect(events.map((e) => e.action).sort()).toEqual(['approve', 'submit']);
  });

  it('refuses to pin what is not published and to restore what is not in spam or trash', async () => {
    const s = await newSouvenir();
    await expect(decideSouvenir(t.db, { id: s.id, decision: 'pin', actor: script })).rejects.toBeInstanceOf(DecisionError);
    await expect(decideSouvenir(t.db, { id: s.id, decision: 'restore', actor: script })).rejects.toMatchObject({ code: 'not_allowed' });
    await expect(decideSouvenir(t.db, { id: 999_999, decision: 'approve', actor: script })).rejects.toMatchObject({ code: 'not_found' });
  });
});
