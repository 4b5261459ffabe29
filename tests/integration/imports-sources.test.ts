import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { journalEntries } from '../helpers/journal.ts';
import {
  addImportSource,
  DEFAULT_HASHTAG,
  ImportSourceError,
  listImportSources,
  removeImportSource,
  setImportSourceEnabled,
} from '../../src/lib/imports/sources.ts';
import { addressPolicyOf, fieldOfMessage, sourceFromForm } from '../../src/lib/imports/sources-form.ts';

const ADMIN = { id: null, label: 'admin-ana' };
const NOW = new Date('2026-12-06T09:00:00Z');
const HTTPS_ONLY = { allowLocal: false };

it('reads a form as the command line would: hashtags split, the one secret field as the kind’s own secret', () => {
  expect(sourceFromForm({ kind: 'mastodon', url: 'https://m.example', hashtags: ' #A, B  C', secret: 'tok' })).toEqual({
    kind: 'mastodon',
    url: 'https://m.example',
    hashtags: ['#A', 'B', 'C'],
    accessToken: 'tok',
  });
  expect(sourceFromForm({ kind: 'mastodon', url: 'https://m.example', hashtags: '', secret: '' })).toMatchObject({
    hashtags: [],
    accessToken: null,
  });
  expect(
    sourceFromForm({ kind: 'bluesky', url: 'https://bsky.social', account: ' asso.test ', secret: 'p w' }),
  ).toEqual({ kind: 'bluesky', url: 'https://bsky.social', hashtags: [], account: 'asso.test', appPassword: 'p w' });
  expect(sourceFromForm({ kind: 'rss', url: 'https://blog.example/feed', secret: 'ignored', hashtags: 'X' })).toEqual({
    kind: 'rss',
    url: 'https://blog.example/feed',
  });
  expect(fieldOfMessage('importSources.error.https_only')).toBe('url');
  expect(fieldOfMessage('importSources.error.bad_hashtag')).toBe('hashtags');
  expect(fieldOfMessage('importSources.error.has_consented_posts')).toBeUndefined();
  expect(addressPolicyOf({ IMPORT_ALLOW_LOCAL: '1' })).toEqual({ allowLocal: true });
  expect(addressPolicyOf({})).toEqual({ allowLocal: false });
});

describeEachDatabase('hashtag sources managed by admins', (t) => {
  const journal = () => journalEntries(t.db, {});

  it('refuses with a code the form can word: http, a name in the address, a bad hashtag, Bluesky without its account', async () => {
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (error: unknown) => (error instanceof ImportSourceError ? error.code : String(error)),
      );
    expect(await codeOf(addImportSource(t.db, { kind: 'mastodon', url: 'http://m.example' }, HTTPS_ONLY))).toBe(
      'https_only',
    );
    expect(await codeOf(addImportSource(t.db, { kind: 'mastodon', url: 'pas une adresse' }, HTTPS_ONLY))).toBe(
      'not_an_address',
    );
    expect(await codeOf(addImportSource(t.db, { kind: 'rss', url: 'https://a:b@blog.example/' }, HTTPS_ONLY))).toBe(
      'credentials_in_address',
    );
    expect(
      await codeOf(
        addImportSource(t.db, { kind: 'mastodon', url: 'https://m.example', hashtags: ['a-b'] }, HTTPS_ONLY),
      ),
    ).toBe('bad_hashtag');
    expect(
      await codeOf(
        addImportSource(t.db, { kind: 'bluesky', url: 'https://bsky.social', appPassword: 'x' }, HTTPS_ONLY),
      ),
    ).toBe('bluesky_needs_account');
    expect(await t.db.selectFrom('import_source').select('id').execute()).toEqual([]);
    expect(await journal()).toEqual([]);
    // The command line prints a sentence, not a code.
    expect(new ImportSourceError('https_only').message).toBe('Only https:// addresses are accepted.');
  });

  it('keeps a Mastodon access token and a Bluesky app password, lists only that one is set, and journals no secret', async () => {
    // What the admin's form does: the form read as the command line would, added in the admin's name.
    const fromAdminForm = (form: Parameters<typeof sourceFromForm>[0]) =>
      addImportSource(t.db, sourceFromForm(form), HTTPS_ONLY, NOW, ADMIN);
    const mastodon = await fromAdminForm({
      kind: 'mastodon',
      url: 'https://m.example/about',
      hashtags: '',
      secret: 'token-secret-123',
    });
    const bluesky = await fromAdminForm({
      kind: 'bluesky',
      url: 'https://bsky.social',
      account: 'asso.test',
      secret: 'app-pass-456',
    });
    const feed = await addImportSource(t.db, { kind: 'rss', url: 'https://blog.example/feed.xml' }, HTTPS_ONLY, NOW);
    const stored = await t.db
      .selectFrom('import_source')
      .select(['id', 'access_token', 'app_password'])
      .orderBy('id')
      .execute();
    expect(stored).toEqual([
      { id: mastodon, access_token: 'token-secret-123', app_password: null },
      { id: bluesky, access_token: null, app_password: 'app-pass-456' },
      { id: feed, access_token: null, app_password: null },
    ]);
    const listed = await listImportSources(t.db);
    expect(listed.map((s) => [s.kind, s.base_url, s.hashtags, s.has_secret])).toEqual([
      ['mastodon', 'https://m.example', [DEFAULT_HASHTAG], true],
      ['bluesky', 'https://bsky.social', [DEFAULT_HASHTAG], true],
      ['rss', 'https://blog.example/feed.xml', [], false],
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/token-secret|app-pass/);
    const events = await journal();
    expect(events.map((e) => [e.actor_label, e.action, e.target_type, e.target_id])).toEqual([
      ['admin-ana', 'import_source.add', 'import_source', mastodon],
      ['admin-ana', 'import_source.add', 'import_source', bluesky],
      ['script', 'import_source.add', 'import_source', feed],
    ]);
    expect(events[0]!.after).toMatchObject({ kind: 'mastodon', url: 'https://m.example', secret: true });
    expect(JSON.stringify(events)).not.toMatch(/token-secret|app-pass/);
  });

  it('pauses, resumes and removes with a journal row each; a missing source is false; one with a consented post stays', async () => {
    const id = await addImportSource(t.db, { kind: 'mastodon', url: 'https://m.example' }, HTTPS_ONLY, NOW, ADMIN);
    expect(await setImportSourceEnabled(t.db, id, false, ADMIN)).toBe(true);
    expect((await listImportSources(t.db))[0]!.enabled).toBe(false);
    expect(await setImportSourceEnabled(t.db, id, true, ADMIN)).toBe(true);
    expect(await setImportSourceEnabled(t.db, id + 100, true, ADMIN)).toBe(false);
    const kept = await addImportSource(t.db, { kind: 'mastodon', url: 'https://n.example' }, HTTPS_ONLY, NOW, ADMIN);
    await t.db
      .insertInto('import_item')
      .values({
        source_id: kept,
        network: 'mastodon',
        remote_uri: 'https://n.example/users/a/statuses/1',
        url: 'https://n.example/@a/1',
        account_handle: 'a@n.example',
        account_name: 'A',
        account_url: 'https://n.example/@a',
        body_html: '<p>Souvenir</p>',
        posted_at: NOW,
        fetched_at: NOW,
        consented_at: NOW,
      })
      .execute();
    await expect(removeImportSource(t.db, kept, ADMIN)).rejects.toMatchObject({ code: 'has_consented_posts' });
    expect(await removeImportSource(t.db, id, ADMIN)).toBe(true);
    expect(await removeImportSource(t.db, id, ADMIN)).toBe(false);
    expect((await listImportSources(t.db)).map((s) => s.id)).toEqual([kept]);
    expect((await journal()).map((e) => [e.action, e.target_id])).toEqual([
      ['import_source.add', id],
      ['import_source.pause', id],
      ['import_source.resume', id],
      ['import_source.add', kept],
      ['import_source.remove', id],
    ]);
  });
});
