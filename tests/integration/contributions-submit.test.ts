import { it, expect } from 'vitest';
import { journalEntry } from '../helpers/journal.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { insertContribution } from '../../src/lib/contributions/submit.ts';
import type { SubmissionContext } from '../../src/lib/contributions/submit.ts';
import { saveMailSettings } from '../../src/lib/mail/settings.ts';
import { recallThankYou, sealThankYou, shareThanks } from '../../src/lib/flash/thank-you.ts';
import { tokenMatches } from '../../src/lib/security/tokens.ts';
import { shareSouvenir } from '../helpers/contribution-fixtures.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import { SUBMISSION_ONCE_MS } from '../../src/lib/contributions/submission-once.ts';

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

describeEachDatabase('sharing a contribution (the public’s insert, with its mail)', (t) => {
  const origin = 'https://mur.example';
  const own = { title: null, memory_year: null, event: null, hashtags: [], consent_at: now };
  /** Shared from a form (with its mail) unless `context` says otherwise; `mail: null` for a script. */
  const share = (
    changes: Partial<typeof draft> = {},
    context: Omit<Partial<SubmissionContext>, 'mail'> & { mail?: SubmissionContext['mail'] | null } = {},
  ) => {
    const { mail = { origin }, ...rest } = context;
    return insertContribution(t.db, 'souvenir', { ...draft, ...changes }, own, {
      ipHash: 'ip',
      now,
      refuseDuplicates: true,
      ...rest,
      ...(mail ? { mail } : {}),
    });
  };
  const outbox = () => t.db.selectFrom('mail_outbox').select(['kind', 'to_address', 'status']).orderBy('id').execute();
  const counted = () => t.db.selectFrom('mail_budget').select('messages').execute();
  const stored = async () => ({
    souvenirs: (await t.db.selectFrom('souvenir').select('id').execute()).length,
    journal: (await t.db.selectFrom('moderation_event').select('id').execute()).length,
    outbox: (await outbox()).length,
    budget: await counted(),
  });

  it('stores the row, its journal row and the received message, counted against the budget, in one statement', async () => {
    t.queries.length = 0;
    const created = await share();
    expect(t.queries).toHaveLength(1);
    const event = await journalEntry(t.db, { target_id: created.id });
    expect(event).toMatchObject({
      actor_label: 'public',
      action: 'submit',
      after: { status: 'pending', flagReasons: [] },
    });
    expect(await outbox()).toEqual([{ kind: 'received', to_address: 'camille@example.org', status: 'queued' }]);
    expect(await counted()).toEqual([{ messages: 1 }]);
    const message = await t.db.selectFrom('mail_outbox').select('body_text').executeTakeFirstOrThrow();
    expect(message.body_text).toContain(`/mes-souvenirs/${created.token}`);
  });

  it('holds the received message beyond the address’s daily budget, as the admin set it', async () => {
    await saveMailSettings(t.db, { perAddressPerDay: 2 }, { id: null, label: 'admin' });
    for (const body of ['Un', 'Deux', 'Trois']) await share({ body, bodyHtml: `<p>${body}</p>` });
    expect((await outbox()).map((m) => m.status)).toEqual(['queued', 'queued', 'held']);
    expect(await counted()).toEqual([{ messages: 3 }]);
  });

  it('refuses a duplicate and stores nothing: no row, journal row, message or count', async () => {
    await share();
    const before = await stored();
    const again = [
      () => share({ authorName: 'Autre nom' }),
      () => share({ authorEmail: 'CAMILLE@example.org', authorName: 'Autre nom' }, { mail: null }),
      () => share({}, { mail: { origin, subscribe: true } }),
    ];
    for (const attempt of again)
      await expect(attempt()).rejects.toMatchObject({ name: 'RuleRefusal', code: 'duplicate' });
    expect(await stored()).toEqual(before);
    // Someone else may say the same; without refuseDuplicates (scripts, imports) nothing is refused.
    await share({ authorName: 'Marc', authorEmail: 'marc@example.org' });
    await share({}, { refuseDuplicates: false });
    expect((await stored()).souvenirs).toBe(3);
  });

  it('stores one of identical copies sent at the same instant and refuses the others as duplicates', async () => {
    // On PostgreSQL each copy has a pooled connection of its own: their statements overlap, and
    // none sees another's uncommitted row (the duplicate rule alone stored several).
    const copies = await Promise.allSettled(Array.from({ length: 6 }, () => share()));
    const refused = copies.filter((c) => c.status === 'rejected').map((c) => (c as PromiseRejectedResult).reason);
    expect(copies.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
    expect(refused).toHaveLength(5);
    for (const reason of refused) expect(reason).toMatchObject({ name: 'RuleRefusal', code: 'duplicate' });
    expect(await stored()).toMatchObject({ souvenirs: 1, journal: 1, outbox: 1, budget: [{ messages: 1 }] });
    // The copy that holds the claim stored it; another text of the same author is no copy.
    await expect(share({ body: 'Un autre soir', bodyHtml: '<p>Un autre soir</p>' })).resolves.toMatchObject({
      status: 'pending',
    });
  });

  it('stores one of identical comments sent at the same instant, each in its transaction', async () => {
    const souvenir = await shareSouvenir(
      t.db,
      { authorName: 'A', authorEmail: 'a@example.org', title: null, body: 'Un soir' },
      { ipHash: null, status: 'approved' },
    );
    const copy = () =>
      createComment(
        t.db,
        {
          souvenirId: souvenir.id,
          parentId: null,
          authorName: 'B',
          authorEmail: 'b@example.org',
          authorWebsite: null,
          body: 'Oui, moi aussi',
          locale: 'fr',
        },
        { ipHash: 'ip', now, refuseDuplicates: true, mail: { origin } },
      );
    const copies = await Promise.allSettled(Array.from({ length: 4 }, copy));
    expect(copies.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
    expect(await t.db.selectFrom('comment').select('id').execute()).toHaveLength(1);
    expect((await outbox()).filter((m) => m.kind === 'received')).toHaveLength(1);
  });

  it('keeps the claim of a copy until its window ends, and lets a later share past it be judged by the rules alone', async () => {
    const first = await share();
    await t.db.deleteFrom('souvenir').where('id', '=', first.id).execute();
    // Within the minute the claim holds, even with its row gone (a copy in flight looks the same).
    await expect(share({}, { now: new Date(now.getTime() + SUBMISSION_ONCE_MS - 1) })).rejects.toMatchObject({
      code: 'duplicate',
    });
    await expect(share({}, { now: new Date(now.getTime() + SUBMISSION_ONCE_MS + 1) })).resolves.toMatchObject({
      status: 'pending',
    });
  });

  it('claims nothing for a copy it refuses: once the first is in the trash, the author may send it again', async () => {
    const first = await share();
    const past = new Date(now.getTime() + 2 * SUBMISSION_ONCE_MS);
    await expect(share({}, { now: past })).rejects.toMatchObject({ code: 'duplicate' });
    await t.db.updateTable('souvenir').set({ status: 'trash' }).where('id', '=', first.id).execute();
    await expect(share({}, { now: new Date(past.getTime() + 1000) })).resolves.toMatchObject({ status: 'pending' });
  });

  it('stores the thanks with the row in the same statement, and none when a duplicate is refused', async () => {
    const thanks = (submitted: { publicId: string; token: string; status: string }) =>
      sealThankYou(shareThanks(submitted), now);
    t.queries.length = 0;
    const created = await share({}, { thanks });
    expect(t.queries).toHaveLength(1);
    expect(await recallThankYou(t.db, created.thanksSecret, now)).toEqual({
      kind: 'souvenir',
      publicId: created.publicId,
      token: created.token,
      published: false,
      souvenirPublicId: null,
    });
    // Spam and a team to tell take other ways, with the thanks all the same.
    const spam = await share({ body: 'Autre', bodyHtml: '<p>Autre</p>' }, { thanks, status: 'spam' });
    expect(await recallThankYou(t.db, spam.thanksSecret, now)).toMatchObject({ token: spam.token });
    await expect(share({ authorName: 'Autre nom' }, { thanks })).rejects.toMatchObject({ code: 'duplicate' });
    const flashes = await t.db.selectFrom('thank_you_flash').select('id_hash').execute();
    expect(flashes).toHaveLength(2);
  });

  it('does not count a trashed text as a duplicate', async () => {
    const first = await share();
    await t.db.updateTable('souvenir').set({ status: 'trash' }).where('id', '=', first.id).execute();
    await expect(share()).resolves.toMatchObject({ status: 'pending' });
  });

  it('stores it with the team’s messages in one transaction when a member chose every new item', async () => {
    await t.db
      .insertInto('app_user')
      .values({
        username: 'ana',
        display_name: 'Ana',
        role: 'moderator',
        password_hash: 'x',
        email: 'ana@equipe.example',
        mail_mode: 'each',
      })
      .execute();
    const shared = await share({}, { thanks: (submitted) => sealThankYou(shareThanks(submitted), now) });
    expect(await recallThankYou(t.db, shared.thanksSecret, now)).toMatchObject({ token: shared.token });
    expect(await outbox()).toEqual([
      { kind: 'received', to_address: 'camille@example.org', status: 'queued' },
      { kind: 'team_new', to_address: 'ana@equipe.example', status: 'queued' },
    ]);
    expect((await stored()).souvenirs).toBe(1);
    await expect(share({ authorName: 'Autre' })).rejects.toMatchObject({ code: 'duplicate' });
    expect((await outbox()).length).toBe(2);
    // Copies sent together take this way too (their first statement stores nothing): one is stored.
    const body = { body: 'Ensemble', bodyHtml: '<p>Ensemble</p>' };
    const copies = await Promise.allSettled(Array.from({ length: 4 }, () => share(body)));
    expect(copies.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
    expect((await stored()).souvenirs).toBe(2);
    expect((await outbox()).length).toBe(4);
  });
});
