import { it, expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { fakeSkyPost, fakeStatus, LOCAL, SKY_ACCOUNT, SKY_PASSWORD, useFakeSocial } from '../helpers/fake-social.ts';
import { phoneJpeg } from '../helpers/photo-fixtures.ts';
import { importTimerLog } from '../helpers/import-timer.ts';
import { addImportSource } from '../../src/lib/imports/sources.ts';
import { runDueImports } from '../../src/lib/imports/run.ts';
import { publishConsented } from '../../src/lib/imports/publish.ts';
import { attachImportPhotosToSouvenir } from '../../src/lib/imports/images.ts';
import { checkOriginals, claimDailyCheck, mastodonOriginal } from '../../src/lib/imports/check.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { script } from '../helpers/actors.ts';

const NOW = new Date('2026-12-06T10:00:00Z');
const LATER = new Date('2026-12-07T10:00:00Z');

const social = useFakeSocial({ 'scene.jpg': () => phoneJpeg(800, 600) });

/** What giving consent leaves behind (imports/consent.ts): the record, the item marked, a souvenir approved with its photos. */
async function consentAndPublish(
  db: Kysely<Database>,
  remoteUri: string,
): Promise<{ itemId: number; souvenirId: number }> {
  const item = await db
    .selectFrom('import_item')
    .selectAll()
    .where('remote_uri', '=', remoteUri)
    .executeTakeFirstOrThrow();
  const souvenirId = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('import_consent')
      .values({
        item_id: item.id,
        network: item.network,
        account_uri: item.account_url,
        account_handle: item.account_handle,
        asked_text: 'wall, photos',
        body_html: item.body_html,
        body_sha256: 'x',
        scopes: ['wall', 'photos'],
        given_at: NOW,
      })
      .execute();
    await trx.updateTable('import_item').set({ consented_at: NOW }).where('id', '=', item.id).execute();
    const id = await publishConsented(
      trx,
      {
        itemId: item.id,
        accountName: item.account_name,
        accountHandle: item.account_handle,
        url: item.url,
        bodyHtml: item.body_html,
        contentNote: item.content_note,
        language: item.language,
      },
      ['wall', 'photos'],
      NOW,
    );
    await attachImportPhotosToSouvenir(trx, item.id, id);
    return id;
  });
  await decideSouvenir(db, { id: souvenirId, decision: 'approve', actor: script });
  return { itemId: item.id, souvenirId };
}

it('reads a Mastodon status as public, private or deleted, and a server that fails as unknown', async () => {
  social.statuses.push(fakeStatus('401'), { ...fakeStatus('402'), visibility: 'private' });
  expect(await mastodonOriginal(social.origin, '401')).toBe('public');
  expect(await mastodonOriginal(social.origin, '402')).toBe('private');
  expect(await mastodonOriginal(social.origin, '999')).toBe('deleted');
  expect(await mastodonOriginal('http://127.0.0.1:9', '401')).toBe('unknown');
});

describeEachDatabase('the daily check of consented originals', (t) => {
  const souvenir = (id: number) =>
    t.db.selectFrom('souvenir').select(['status', 'body_html']).where('id', '=', id).executeTakeFirstOrThrow();
  const consents = () =>
    t.db.selectFrom('import_consent').select(['withdrawn_at', 'withdrawal_reason']).orderBy('id').execute();

  it('unpublishes at once a souvenir whose Mastodon original was deleted or made private, and keeps the others', async () => {
    social.statuses.push(
      {
        ...fakeStatus('301'),
        media_attachments: [{ type: 'image', url: `${social.origin}/media/scene.jpg`, description: 'La scène' }],
      },
      fakeStatus('302', 'leo'),
      fakeStatus('303', 'max'),
    );
    await addImportSource(t.db, { kind: 'mastodon', url: social.origin }, LOCAL, NOW);
    await runDueImports(t.db, { ...LOCAL, now: NOW });
    const deleted = await consentAndPublish(t.db, social.statuses[0]!.uri);
    const hidden = await consentAndPublish(t.db, social.statuses[1]!.uri);
    const kept = await consentAndPublish(t.db, social.statuses[2]!.uri);
    expect((await t.db.selectFrom('photo').select('souvenir_id').execute()).map((p) => p.souvenir_id)).toEqual([
      deleted.souvenirId,
    ]);
    // Nothing changed yet: the check unpublishes nothing.
    expect(await checkOriginals(t.db, NOW, LOCAL)).toEqual({ checked: 3, withdrawn: 0, unknown: 0 });
    expect((await souvenir(kept.souvenirId)).status).toBe('approved');

    social.deleteStatus('301');
    social.statuses[1]!.visibility = 'private';
    expect(await checkOriginals(t.db, LATER, LOCAL)).toEqual({ checked: 3, withdrawn: 2, unknown: 0 });
    expect(await souvenir(deleted.souvenirId)).toEqual({ status: 'trash', body_html: '' });
    expect(await souvenir(hidden.souvenirId)).toEqual({ status: 'trash', body_html: '' });
    expect((await souvenir(kept.souvenirId)).status).toBe('approved');
    expect(await consents()).toEqual([
      { withdrawn_at: LATER, withdrawal_reason: 'original deleted' },
      { withdrawn_at: LATER, withdrawal_reason: 'made private' },
      { withdrawn_at: null, withdrawal_reason: null },
    ]);
    // Forgotten for good: a source that reads them again leaves them out.
    expect(await t.db.selectFrom('import_forgotten').select('reason').execute()).toEqual([
      { reason: 'original_gone' },
      { reason: 'original_gone' },
    ]);
    // Our copy goes with it, and the photos it became (no variant left).
    const items = await t.db.selectFrom('import_item').select('id').execute();
    expect(items.map((i) => i.id)).toEqual([kept.itemId]);
    expect(await t.db.selectFrom('photo').select('id').execute()).toEqual([]);
    expect(await t.db.selectFrom('photo_variant').select('photo_id').execute()).toEqual([]);
    const journal = await t.db
      .selectFrom('moderation_event')
      .select(['actor_label', 'target_type', 'target_id', 'reason'])
      .where('action', '=', 'import.unpublish')
      .orderBy('id')
      .execute();
    expect(journal).toEqual([
      { actor_label: 'system', target_type: 'import', target_id: deleted.itemId, reason: 'original deleted' },
      { actor_label: 'system', target_type: 'import', target_id: hidden.itemId, reason: 'made private' },
    ]);
    // A server that does not answer unpublishes nothing: asked again tomorrow.
    await t.db.updateTable('import_source').set({ base_url: 'http://127.0.0.1:9' }).execute();
    expect(await checkOriginals(t.db, LATER, LOCAL)).toEqual({ checked: 1, withdrawn: 0, unknown: 1 });
    expect((await souvenir(kept.souvenirId)).status).toBe('approved');
  });

  it('follows Bluesky originals through getPosts with the association’s account', async () => {
    social.skyPosts.push(fakeSkyPost('3k20'), fakeSkyPost('3k21', 'max.test'));
    await addImportSource(
      t.db,
      { kind: 'bluesky', url: social.origin, account: SKY_ACCOUNT, appPassword: SKY_PASSWORD },
      LOCAL,
      NOW,
    );
    await runDueImports(t.db, { ...LOCAL, now: NOW });
    const gone = await consentAndPublish(t.db, social.skyPosts[0]!.uri);
    const kept = await consentAndPublish(t.db, social.skyPosts[1]!.uri);
    social.deleteSkyPost(social.skyPosts[0]!.uri);
    expect(await checkOriginals(t.db, LATER, LOCAL)).toEqual({ checked: 2, withdrawn: 1, unknown: 0 });
    expect((await souvenir(gone.souvenirId)).status).toBe('trash');
    expect((await souvenir(kept.souvenirId)).status).toBe('approved');
    expect(social.seen.some((line) => line.startsWith('GET /xrpc/app.bsky.feed.getPosts?uris='))).toBe(true);
  });

  it('lets one process a day run the check, however many ask at once', async () => {
    const first = await Promise.all([claimDailyCheck(t.db, NOW), claimDailyCheck(t.db, NOW)]);
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await claimDailyCheck(t.db, new Date(NOW.getTime() + 3_600_000))).toBe(false);
    expect(await claimDailyCheck(t.db, LATER)).toBe(true);
  });

  it('runs the day’s check from the import timer, logging counts only', async () => {
    social.statuses.push(fakeStatus('311'));
    await addImportSource(t.db, { kind: 'mastodon', url: social.origin }, LOCAL, NOW);
    await runDueImports(t.db, { ...LOCAL, now: NOW });
    const published = await consentAndPublish(t.db, social.statuses[0]!.uri);
    social.deleteStatus('311');
    const lines = await importTimerLog(t.db, LOCAL, (line) => line.includes('originals'));
    expect(lines.at(-1)).toBe('[imports] originals checked: 1, unpublished: 1, no answer: 0');
    expect((await souvenir(published.souvenirId)).status).toBe('trash');
  });
});
