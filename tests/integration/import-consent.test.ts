import { it, expect, beforeEach } from 'vitest';
import { createHash } from 'node:crypto';
import { describeEachDatabase } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { askForConsent } from '../../src/lib/imports/request.ts';
import {
  ConsentError,
  declineRequest,
  giveConsent,
  openConsentPage,
  withdrawConsent,
} from '../../src/lib/imports/consent.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { wallPage } from '../../src/lib/souvenirs/wall.ts';
import { CREDIT_CONSENT, exportedSouvenirs } from '../../src/lib/export/records.ts';
import { archiveChunks, CSV_COLUMNS } from '../../src/lib/export/archive.ts';
import { screenEventsFor } from '../../src/lib/wall/screen-feed.ts';
import { fakeStatus, gatherFromFakeSocial, lastRequestToken, LOCAL, useFakeSocial } from '../helpers/fake-social.ts';
import { refusalCode } from '../helpers/refusal.ts';
import { forgottenAmong } from '../../src/lib/imports/forgotten.ts';
import { phoneJpeg } from '../helpers/photo-fixtures.ts';

const MODERATOR = { id: null, label: 'modo' };

const social = useFakeSocial({ 'scene.jpg': () => phoneJpeg(800, 600) });
beforeEach(() => {
  social.statuses = [fakeStatus('301', 'ana', 'Le <strong>premier</strong> rang, ce soir-là.')];
});

/** Ana's post gathered, asked about, and her keyword reply seen: the page's token. */
async function provedRequest(t: TestDatabase): Promise<{ token: string; itemId: number }> {
  const itemId = (await gatherFromFakeSocial(t.db, social)).get(fakeStatus('301', 'ana').uri)!;
  const { keyword } = await askForConsent(t.db, itemId, MODERATOR, { ...LOCAL, origin: 'https://mur.test' });
  social.mastodonReply('https://social.test/@ana', `@asso ${keyword}`);
  const token = lastRequestToken(social);
  expect((await openConsentPage(t.db, token, LOCAL))!.status).toBe('proved');
  return { token, itemId };
}

const code = (promise: Promise<unknown>) => refusalCode(promise, ConsentError);

describeEachDatabase('consent and publication of an imported post', (t) => {
  it('records what was asked, the text and its hash, the account and the scopes, and queues a credited souvenir', async () => {
    const itemId = (await gatherFromFakeSocial(t.db, social)).get(fakeStatus('301', 'ana').uri)!;
    await askForConsent(t.db, itemId, MODERATOR, { ...LOCAL, origin: 'https://mur.test' });
    const token = lastRequestToken(social);
    expect(await code(giveConsent(t.db, token, ['wall']))).toBe('not_proved');
    social.mastodonReply('https://social.test/@ana', `@asso ${(await openConsentPage(t.db, token, LOCAL))!.keyword}`);
    await openConsentPage(t.db, token, LOCAL);
    expect(await code(giveConsent(t.db, token, ['screen']))).toBe('no_wall');
    const { souvenirId } = await giveConsent(t.db, token, ['archive', 'wall']);
    const consent = await t.db.selectFrom('import_consent').selectAll().executeTakeFirstOrThrow();
    expect(consent).toMatchObject({
      item_id: itemId,
      network: 'mastodon',
      account_uri: 'https://social.test/@ana',
      account_handle: 'ana@social.test',
      scopes: ['wall', 'archive'],
      withdrawn_at: null,
    });
    expect(consent.body_html).toContain('<strong>premier</strong>');
    expect(consent.body_sha256).toBe(createHash('sha256').update(consent.body_html).digest('hex'));
    expect(consent.asked_text).toContain('https://social.test/@ana/301');
    const souvenir = await t.db
      .selectFrom('souvenir')
      .selectAll()
      .where('id', '=', souvenirId)
      .executeTakeFirstOrThrow();
    expect(souvenir).toMatchObject({
      status: 'pending',
      author_name: 'Ana des concerts',
      author_email: '',
      import_scopes: ['wall', 'archive'],
      import_credit: { name: 'Ana des concerts', handle: 'ana@social.test', url: 'https://social.test/@ana/301' },
    });
    const item = await t.db.selectFrom('import_item').select(['souvenir_id', 'consented_at']).executeTakeFirstOrThrow();
    expect(item.souvenir_id).toBe(souvenirId);
    expect(item.consented_at).not.toBeNull();
    const journal = await t.db.selectFrom('moderation_event').select(['action', 'actor_label']).execute();
    expect(journal).toContainEqual({ action: 'import.consent', actor_label: 'author' });
    expect(journal).toContainEqual({ action: 'submit', actor_label: 'public' });
    expect(await code(giveConsent(t.db, token, ['wall']))).toBe('not_proved');
    expect((await openConsentPage(t.db, token, LOCAL))!.consent).toMatchObject({ scopes: ['wall', 'archive'] });
  });

  it('publishes only where the author chose: no archive, no live screen', async () => {
    const { token } = await provedRequest(t);
    const { souvenirId } = await giveConsent(t.db, token, ['wall']);
    await decideSouvenir(t.db, { id: souvenirId, decision: 'approve', actor: MODERATOR });
    const wall = await wallPage(t.db, {});
    expect(wall.souvenirs.map((s) => s.id)).toEqual([souvenirId]);
    expect(wall.souvenirs[0]!.importCredit).toMatchObject({ handle: 'ana@social.test' });
    const exported = [];
    for await (const row of exportedSouvenirs(t.db)) exported.push(row);
    expect(exported).toHaveLength(0);
    const [event] = await screenEventsFor(t.db, [{ seq: 1, souvenirId }] as never);
    expect(event!.event.type).toBe('retrait');
  });

  it('unpublishes at once when the author withdraws, keeping the record of the consent and its withdrawal', async () => {
    const { token, itemId } = await provedRequest(t);
    const { souvenirId } = await giveConsent(t.db, token, ['wall', 'screen', 'archive']);
    await decideSouvenir(t.db, { id: souvenirId, decision: 'approve', actor: MODERATOR });
    expect((await wallPage(t.db, {})).souvenirs).toHaveLength(1);
    await withdrawConsent(t.db, token, 'Je préfère garder ce souvenir pour moi');
    expect((await wallPage(t.db, {})).souvenirs).toHaveLength(0);
    const souvenir = await t.db
      .selectFrom('souvenir')
      .selectAll()
      .where('id', '=', souvenirId)
      .executeTakeFirstOrThrow();
    expect(souvenir).toMatchObject({ status: 'trash', body_html: '', author_name: '' });
    expect(souvenir.withdrawn_at).not.toBeNull();
    const consent = await t.db.selectFrom('import_consent').selectAll().executeTakeFirstOrThrow();
    expect(consent.withdrawn_at).not.toBeNull();
    expect(consent.withdrawal_reason).toBe('Je préfère garder ce souvenir pour moi');
    expect(consent.item_id).toBeNull();
    expect(
      await t.db.selectFrom('import_item').select('id').where('id', '=', itemId).executeTakeFirst(),
    ).toBeUndefined();
    expect(await openConsentPage(t.db, token, LOCAL)).toBeNull();
    expect(await code(withdrawConsent(t.db, token, null))).toBe('not_found');
    // Never gathered, nor asked about, again.
    expect(await forgottenAmong(t.db, [fakeStatus('301', 'ana').uri])).toEqual(new Set([fakeStatus('301', 'ana').uri]));
  });

  it('refuses consent on an expired request', async () => {
    const { token } = await provedRequest(t);
    expect(await code(giveConsent(t.db, token, ['wall'], new Date(Date.now() + 15 * 86_400_000)))).toBe('expired');
  });

  it('forgets the post at once when its author says no thanks: text, photos and request, journaled', async () => {
    const picture = { type: 'image', url: `${social.origin}/media/scene.jpg`, description: 'La scène' };
    social.statuses = [{ ...fakeStatus('301', 'ana'), media_attachments: [picture] }];
    const itemId = (await gatherFromFakeSocial(t.db, social)).get(fakeStatus('301', 'ana').uri)!;
    expect(await t.db.selectFrom('photo').select('id').where('import_item_id', '=', itemId).execute()).toHaveLength(1);
    await askForConsent(t.db, itemId, MODERATOR, { ...LOCAL, origin: 'https://mur.test' });
    const token = lastRequestToken(social);
    const shown = (await openConsentPage(t.db, token, LOCAL))!;
    expect(shown.status).toBe('sent');
    // The author sees our re-encoded copy of the picture, never the remote file.
    expect(shown.photos).toMatchObject([{ altText: 'La scène', thumbnail: expect.stringMatching(/^\/photos\//) }]);

    await declineRequest(t.db, token);

    expect(await openConsentPage(t.db, token, LOCAL)).toBeNull();
    expect(await t.db.selectFrom('import_item').select('id').execute()).toEqual([]);
    expect(await t.db.selectFrom('import_request').select('id').execute()).toEqual([]);
    expect(await t.db.selectFrom('photo').select('id').execute()).toEqual([]);
    expect(await t.db.selectFrom('photo_variant').select('photo_id').execute()).toEqual([]);
    expect(await t.db.selectFrom('souvenir').select('id').execute()).toEqual([]);
    const journal = await t.db
      .selectFrom('moderation_event')
      .select(['action', 'actor_label', 'target_id', 'before', 'after'])
      .where('action', '=', 'import.decline')
      .execute();
    expect(journal).toEqual([
      {
        action: 'import.decline',
        actor_label: 'author',
        target_id: itemId,
        before: { status: 'sent' },
        after: { status: 'declined' },
      },
    ]);
    expect(await t.db.selectFrom('import_forgotten').select('reason').execute()).toEqual([{ reason: 'declined' }]);
    expect(await forgottenAmong(t.db, [fakeStatus('301', 'ana').uri])).toEqual(new Set([fakeStatus('301', 'ana').uri]));
    expect(await code(declineRequest(t.db, token))).toBe('not_found');
  });

  it('refuses no thanks once consent is given: the author withdraws instead', async () => {
    const { token } = await provedRequest(t);
    await giveConsent(t.db, token, ['wall']);
    expect(await code(declineRequest(t.db, token))).toBe('already_consented');
    expect(await t.db.selectFrom('import_item').select('id').execute()).toHaveLength(1);
  });

  it('exports a souvenir consented for the archive with its credit and its author’s consent, in JSON and CSV', async () => {
    const { token } = await provedRequest(t);
    const { souvenirId } = await giveConsent(t.db, token, ['wall', 'archive']);
    await decideSouvenir(t.db, { id: souvenirId, decision: 'approve', actor: MODERATOR });
    const credit = {
      display_name: 'Ana des concerts',
      handle: 'ana@social.test',
      original_url: 'https://social.test/@ana/301',
      consent: CREDIT_CONSENT,
    };
    let json = '';
    for await (const chunk of archiveChunks(t.db, 'json')) json += chunk;
    const archived = JSON.parse(json) as { souvenirs: { author_name: string; credit: unknown }[] };
    expect(archived.souvenirs).toHaveLength(1);
    expect(archived.souvenirs[0]).toMatchObject({ author_name: 'Ana des concerts', credit });
    expect(CREDIT_CONSENT).toContain('published with its author’s consent');

    let csv = '';
    for await (const chunk of archiveChunks(t.db, 'csv')) csv += chunk;
    const header = csv.slice(1, csv.indexOf('\n'));
    expect(header).toContain('"credit_name","credit_handle","credit_url","credit_consent"');
    expect(CSV_COLUMNS).toContain('credit_url');
    expect(csv).toContain(`"Ana des concerts","ana@social.test","https://social.test/@ana/301","${CREDIT_CONSENT}"`);
  });
});
