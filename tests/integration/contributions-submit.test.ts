import { it, expect } from 'vitest';
import { journalEntry } from '../helpers/journal.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { insertContribution } from '../../src/lib/contributions/submit.ts';
import { tokenMatches } from '../../src/lib/security/tokens.ts';

const draft = {
  authorName: 'Camille',
  authorEmail: 'camille@example.org',
  body: 'Un <b>soir</b>',
  bodyHtml: '<p>Un <strong>soir</strong></p>',
  locale: 'fr',
};
const now = new Date('2026-11-20T10:00:00Z');

describeEachDatabase('inserting a contribution', (t) => {
  it('stores the row and its audit row in one statement, with only a hash of the token', async () => {
    t.queries.length = 0;
    const own = { title: null, memory_year: null, event: null, hashtags: [], is_demo: true, consent_at: now };
    const created = await insertContribution(t.db, 'souvenir', draft, own, {
      ipHash: 'ip',
      flagReasons: ['links:3'],
      isDemo: true,
      now,
    });
    expect(t.queries).toHaveLength(1);
    expect(created.status).toBe('pending');
    const row = await t.db.selectFrom('souvenir').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      public_id: created.publicId,
      body_raw: 'Un <b>soir</b>',
      body_html: draft.bodyHtml,
      approved_at: null,
      is_demo: true,
    });
    expect(tokenMatches(created.token, row.token_hash)).toBe(true);
    const event = await journalEntry(t.db, { target_id: created.id });
    expect(event).toMatchObject({
      actor_label: 'demo',
      action: 'submit',
      target_type: 'souvenir',
      after: { status: 'pending', flagReasons: ['links:3'] },
    });
  });

  it('approves at once when the rules said so, journaled as the public', async () => {
    const own = { title: null, memory_year: null, event: null, hashtags: [], consent_at: now };
    const souvenir = await insertContribution(t.db, 'souvenir', draft, own, { ipHash: null, status: 'approved', now });
    const comment = await insertContribution(
      t.db,
      'comment',
      draft,
      { souvenir_id: souvenir.id, parent_id: null, author_website: null },
      { ipHash: null, status: 'approved', now },
    );
    const row = await t.db
      .selectFrom('comment')
      .select(['status', 'approved_at', 'souvenir_id'])
      .where('id', '=', comment.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'approved', approved_at: now, souvenir_id: souvenir.id });
    const event = await t.db
      .selectFrom('moderation_event')
      .select(['actor_label', 'target_type'])
      .where('target_type', '=', 'comment')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ actor_label: 'public', target_type: 'comment' });
  });
});
