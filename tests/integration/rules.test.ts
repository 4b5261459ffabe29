import { it, expect } from 'vitest';
import { journalEntry } from '../helpers/journal.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { createComment } from '../../src/lib/comments/create-comment.ts';
import { decideComment } from '../../src/lib/contributions/decide.ts';
import { evaluateSubmission } from '../../src/lib/rules/evaluate.ts';
import type { Submission } from '../../src/lib/rules/evaluate.ts';
import { RuleRefusal } from '../../src/lib/rules/refusal.ts';
import {
  DEFAULT_DISCUSSION_SETTINGS,
  getDiscussionSettings,
  saveDiscussionSettings,
} from '../../src/lib/rules/settings.ts';
import type { DiscussionSettings } from '../../src/lib/rules/settings.ts';
import { script } from '../helpers/actors.ts';

const T0 = new Date('2026-11-13T20:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describeEachDatabase('discussion rules', (t) => {
  const rules = (changes: Partial<DiscussionSettings>) =>
    saveDiscussionSettings(t.db, { ...DEFAULT_DISCUSSION_SETTINGS, ...changes }, script);

  const souvenir = async (overrides: { email?: string; name?: string; ip?: string; at?: Date; body?: string } = {}) => {
    const created = await createSouvenir(
      t.db,
      {
        authorName: overrides.name ?? 'Léa',
        authorEmail: overrides.email ?? 'lea@example.org',
        title: null,
        body: overrides.body ?? `Un concert ${Math.random()}`,
        memoryYear: null,
        event: null,
        locale: 'fr',
      },
      { ipHash: overrides.ip ?? 'ip-lea', now: overrides.at ?? at(-3600) },
    );
    await decideSouvenir(t.db, { id: created.id, decision: 'approve', actor: script });
    return created;
  };

  const comment = (
    souvenirId: number,
    overrides: Partial<{
      name: string;
      email: string;
      ip: string;
      body: string;
      at: Date;
      parentId: number | null;
      status: 'pending' | 'approved' | 'spam';
      flagReasons: string[];
    }> = {},
  ) =>
    createComment(
      t.db,
      {
        souvenirId,
        parentId: overrides.parentId ?? null,
        authorName: overrides.name ?? 'Marc',
        authorEmail: overrides.email ?? 'marc@example.org',
        authorWebsite: null,
        body: overrides.body ?? 'Moi aussi, j’y étais.',
        locale: 'fr',
      },
      {
        ipHash: overrides.ip ?? 'ip-marc',
        now: overrides.at ?? at(0),
        status: overrides.status ?? 'pending',
        flagReasons: overrides.flagReasons ?? [],
      },
    );

  const submission = (overrides: Partial<Submission> = {}): Submission => ({
    kind: 'comment',
    name: 'Nina',
    email: 'nina@example.org',
    website: null,
    body: 'Quelle soirée.',
    ipHash: 'ip-nina',
    now: at(0),
    ...overrides,
  });

  it('starts from the defaults and keeps an admin’s change with its audit row', async () => {
    expect(await getDiscussionSettings(t.db)).toEqual(DEFAULT_DISCUSSION_SETTINGS);
    await rules({ maxLinks: 3, moderationWords: ['casino', '', 'Casino', 'poker'] });
    expect(await getDiscussionSettings(t.db)).toEqual({
      ...DEFAULT_DISCUSSION_SETTINGS,
      maxLinks: 3,
      moderationWords: ['casino', 'poker'],
    });
    const event = await journalEntry(t.db, { target_type: 'setting' });
    expect(event).toMatchObject({ action: 'settings', actor_label: 'script' });
    expect(event.before).toMatchObject({ maxLinks: 2, moderationWords: [] });
    expect(event.after).toMatchObject({ maxLinks: 3, moderationWords: ['casino', 'poker'] });
    await expect(rules({ floodSeconds: -1 })).rejects.toBeInstanceOf(RangeError);
  });

  it('holds everything for moderation by default, with no reason given', async () => {
    expect(await evaluateSubmission(t.db, submission())).toEqual({ outcome: 'pending', reasons: [] });
  });

  it('holds a moderation word whatever its case and accents, inside words, in any field', async () => {
    await rules({ moderationWords: ['Éte'] });
    for (const body of ['un bel ete', 'UN BEL ÉTÉ', 'Cet étendard']) {
      expect(await evaluateSubmission(t.db, submission({ body })), body).toEqual({
        outcome: 'pending',
        reasons: ['moderation_word:Éte'],
      });
    }
    expect((await evaluateSubmission(t.db, submission({ name: 'Pete' }))).reasons).toEqual(['moderation_word:Éte']);
    expect((await evaluateSubmission(t.db, submission({ email: 'ete@example.org' }))).reasons).toEqual([
      'moderation_word:Éte',
    ]);
    expect((await evaluateSubmission(t.db, submission({ website: 'https://ete.example' }))).reasons).toEqual([
      'moderation_word:Éte',
    ]);
    expect((await evaluateSubmission(t.db, submission({ kind: 'souvenir', otherFields: ['Un été'] }))).reasons).toEqual(
      ['moderation_word:Éte'],
    );
    expect((await evaluateSubmission(t.db, submission({ body: 'un bel hiver' }))).reasons).toEqual([]);
  });

  it('holds two links or more, bare URLs included, and lets one through', async () => {
    await rules({ autoApproveKnownAuthors: true });
    expect((await evaluateSubmission(t.db, submission({ body: 'Photos : https://a.example' }))).reasons).toEqual([]);
    expect(await evaluateSubmission(t.db, submission({ body: 'https://a.example et www.b.example' }))).toEqual({
      outcome: 'pending',
      reasons: ['links:2'],
    });
    expect(
      (await evaluateSubmission(t.db, submission({ body: '<a href="https://a.example">a</a> http://b.example' })))
        .reasons,
    ).toEqual(['links:2']);
    await rules({ maxLinks: 0 });
    expect(
      (await evaluateSubmission(t.db, submission({ body: 'https://a.example https://b.example https://c.example' })))
        .reasons,
    ).toEqual([]);
  });

  it('classes a disallowed word as spam, also when markup hides it', async () => {
    await rules({ disallowedWords: ['casino'], moderationWords: ['soirée'] });
    expect(await evaluateSubmission(t.db, submission({ body: 'Meilleur CASÍNO en ligne' }))).toEqual({
      outcome: 'spam',
      reasons: ['disallowed_word:casino'],
    });
    expect((await evaluateSubmission(t.db, submission({ body: 'Le ca<b></b>sino, quelle soirée' }))).outcome).toBe(
      'spam',
    );
    expect((await evaluateSubmission(t.db, submission({ body: 'ca&#115;ino' }))).outcome).toBe('spam');
    expect((await evaluateSubmission(t.db, submission({ website: 'https://casino.example' }))).outcome).toBe('spam');
  });

  it('refuses a second submission from the same IP hash within 15 seconds, souvenirs and comments alike, saying how long to wait', async () => {
    const s = await souvenir({ ip: 'ip-shared', at: at(0) });
    const refused = evaluateSubmission(t.db, submission({ ipHash: 'ip-shared', now: at(4) }));
    await expect(refused).rejects.toBeInstanceOf(RuleRefusal);
    await expect(refused).rejects.toMatchObject({ code: 'flood', retryAfterSeconds: 11 });

    await comment(s.id, { ip: 'ip-other', email: 'other@example.org', at: at(20) });
    await expect(
      evaluateSubmission(t.db, submission({ kind: 'souvenir', ipHash: 'ip-other', now: at(30) })),
    ).rejects.toMatchObject({
      code: 'flood',
      retryAfterSeconds: 5,
    });
    expect((await evaluateSubmission(t.db, submission({ ipHash: 'ip-other', now: at(35) }))).outcome).toBe('pending');
  });

  it('refuses a second submission from the same email on another network, and lifts the check when told to', async () => {
    const s = await souvenir();
    await comment(s.id, { email: 'Marc@Example.org', ip: 'ip-home', at: at(0) });
    await expect(
      evaluateSubmission(t.db, submission({ email: 'marc@example.org', ipHash: 'ip-phone', now: at(1) })),
    ).rejects.toMatchObject({ code: 'flood', retryAfterSeconds: 14 });
    const lifted = await evaluateSubmission(t.db, submission({ email: 'marc@example.org', now: at(1) }), {
      checkFlood: false,
    });
    expect(lifted.outcome).toBe('pending');
    await rules({ floodSeconds: 0 });
    expect((await evaluateSubmission(t.db, submission({ email: 'marc@example.org', now: at(1) }))).outcome).toBe(
      'pending',
    );
  });

  it('refuses the same text from the same email or name on the same souvenir and parent', async () => {
    const s = await souvenir();
    const other = await souvenir({ body: 'Un autre soir' });
    const first = await comment(s.id, { body: 'J’y étais aussi.', at: at(-600), status: 'approved' });
    const same = { body: 'J’y étais aussi.', souvenirId: s.id, parentId: null };
    await expect(evaluateSubmission(t.db, submission({ ...same, email: 'MARC@example.org' }))).rejects.toMatchObject({
      code: 'duplicate',
    });
    await expect(evaluateSubmission(t.db, submission({ ...same, name: 'Marc' }))).rejects.toMatchObject({
      code: 'duplicate',
    });
    // Someone else may say the same; the same person may say it elsewhere.
    expect((await evaluateSubmission(t.db, submission(same))).outcome).toBe('pending');
    expect((await evaluateSubmission(t.db, submission({ ...same, name: 'Marc', souvenirId: other.id }))).outcome).toBe(
      'pending',
    );
    expect((await evaluateSubmission(t.db, submission({ ...same, name: 'Marc', parentId: first.id }))).outcome).toBe(
      'pending',
    );
    // What a moderator threw away does not count.
    await decideComment(t.db, { id: first.id, decision: 'trash', actor: script });
    expect((await evaluateSubmission(t.db, submission({ ...same, name: 'Marc' }))).outcome).toBe('pending');
  });

  it('refuses a souvenir whose text the same author already sent', async () => {
    await souvenir({ body: 'Le balcon chantait.', email: 'lea@example.org' });
    const again = submission({
      kind: 'souvenir',
      body: 'Le balcon chantait.',
      email: 'lea@example.org',
      name: 'Léa B.',
    });
    await expect(evaluateSubmission(t.db, again)).rejects.toMatchObject({ code: 'duplicate' });
    expect((await evaluateSubmission(t.db, { ...again, body: 'Le balcon chantait fort.' })).outcome).toBe('pending');
  });

  it('leaves duplicates to the insert when asked, unless the flood rule reads anyway: then one statement answers both, duplicate first', async () => {
    await souvenir({ body: 'Le balcon chantait.', email: 'lea@example.org', at: at(-5) });
    const settings = await getDiscussionSettings(t.db);
    const again = submission({ kind: 'souvenir', body: 'Le balcon chantait.', email: 'lea@example.org', now: at(0) });
    const onInsert = { settings, duplicatesRefusedOnInsert: true };
    t.queries.length = 0;
    expect((await evaluateSubmission(t.db, again, { ...onInsert, checkFlood: false })).outcome).toBe('pending');
    expect(t.queries).toHaveLength(0);
    // Sent again 5 s later: a duplicate and a flood; the duplicate is what the author is told.
    await expect(evaluateSubmission(t.db, again, onInsert)).rejects.toMatchObject({ code: 'duplicate' });
    expect(t.queries).toHaveLength(1);
    await expect(evaluateSubmission(t.db, { ...again, body: 'Un autre soir.' }, onInsert)).rejects.toMatchObject({
      code: 'flood',
      retryAfterSeconds: 10,
    });
  });

  it('approves a known author at once only when the setting is on, matching name and email together', async () => {
    const s = await souvenir();
    const earlier = await comment(s.id, { name: 'Marc', email: 'marc@example.org', at: at(-600) });
    const known = submission({ name: 'marc', email: 'MARC@example.org', ipHash: 'ip-new' });
    await rules({ autoApproveKnownAuthors: true });
    // Pending is not approved: the earlier comment must have been approved.
    expect((await evaluateSubmission(t.db, known)).outcome).toBe('pending');
    await decideComment(t.db, { id: earlier.id, decision: 'approve', actor: script });
    expect(await evaluateSubmission(t.db, known)).toEqual({ outcome: 'approved', reasons: ['known_author'] });
    expect((await evaluateSubmission(t.db, { ...known, name: 'Marc B.' })).outcome).toBe('pending');
    expect((await evaluateSubmission(t.db, { ...known, email: 'marc@ailleurs.example' })).outcome).toBe('pending');
    // An approved souvenir makes its author known too.
    expect((await evaluateSubmission(t.db, submission({ name: 'Léa', email: 'lea@example.org' }))).outcome).toBe(
      'approved',
    );
    // Links still hold a known author, as in WordPress.
    expect(await evaluateSubmission(t.db, { ...known, body: 'https://a.example https://b.example' })).toEqual({
      outcome: 'pending',
      reasons: ['links:2'],
    });
    await rules({ autoApproveKnownAuthors: false });
    expect((await evaluateSubmission(t.db, known)).outcome).toBe('pending');
  });

  it('stores the reasons the rules gave with the comment and the souvenir', async () => {
    await rules({ moderationWords: ['poker'] });
    const s = await souvenir();
    const body = 'Après le poker, https://a.example https://b.example';
    const verdict = await evaluateSubmission(t.db, submission({ body, souvenirId: s.id }));
    const c = await comment(s.id, { body, status: verdict.outcome, flagReasons: verdict.reasons });
    const row = await t.db
      .selectFrom('comment')
      .select(['status', 'flag_reasons'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', flag_reasons: ['links:2', 'moderation_word:poker'] });
    const created = await createSouvenir(
      t.db,
      {
        authorName: 'Zoé',
        authorEmail: 'zoe@example.org',
        title: null,
        body: 'poker',
        memoryYear: null,
        event: null,
        locale: 'fr',
      },
      { ipHash: null, status: 'pending', flagReasons: ['moderation_word:poker'] },
    );
    const souvenirRow = await t.db
      .selectFrom('souvenir')
      .select('flag_reasons')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(souvenirRow.flag_reasons).toEqual(['moderation_word:poker']);
  });
});
