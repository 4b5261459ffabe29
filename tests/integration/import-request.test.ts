import { it, expect, beforeEach } from 'vitest';
import { describeEachDatabase, openSecondProcess } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { askForConsent, expireConsentRequests, ImportRequestError } from '../../src/lib/imports/request.ts';
import { openConsentPage } from '../../src/lib/imports/consent.ts';
import { saysKeyword } from '../../src/lib/imports/proof.ts';
import { purgeExpiredPersonalData } from '../../src/lib/privacy/purge.ts';
import {
  fakeSkyPost,
  fakeStatus,
  gatherFromFakeSocial,
  LOCAL,
  MASTODON_TOKEN,
  useFakeSocial,
} from '../helpers/fake-social.ts';
import { refusalCode } from '../helpers/refusal.ts';

const SITE = 'https://mur.test';
const MODERATOR = { id: null, label: 'modo' };
const TOKEN_IN_LINK = /\/accord\/([A-Za-z0-9_-]{32})/;

const social = useFakeSocial();
beforeEach(() => {
  social.statuses = [fakeStatus('201', 'ana'), fakeStatus('202', 'bob'), fakeStatus('203', 'cleo')];
  social.skyPosts = [fakeSkyPost('3kaa', 'lea.test')];
});

/** Sources on the fake servers, read once: the private queue holds three Mastodon posts and one Bluesky post. */
async function gather(t: TestDatabase) {
  const byUri = await gatherFromFakeSocial(t.db, social);
  return {
    ana: byUri.get(fakeStatus('201', 'ana').uri)!,
    bob: byUri.get(fakeStatus('202', 'bob').uri)!,
    cleo: byUri.get(fakeStatus('203', 'cleo').uri)!,
    lea: byUri.get(fakeSkyPost('3kaa', 'lea.test').uri)!,
  };
}

const refusal = (promise: Promise<unknown>) => refusalCode(promise, ImportRequestError);

it('finds the keyword as a word, in any case, through HTML', () => {
  expect(saysKeyword('<p><span class="h-card">@asso</span> accord-k7m2pq merci</p>', 'ACCORD-K7M2PQ')).toBe(true);
  expect(saysKeyword('<p>ACCORD-K7M2PQX</p>', 'ACCORD-K7M2PQ')).toBe(false);
  expect(saysKeyword('<p>oui</p>', 'ACCORD-K7M2PQ')).toBe(false);
});

describeEachDatabase('asking an author for consent', (t) => {
  it('replies once on Mastodon, as a direct mention in reply to the post, with the link and the keyword', async () => {
    const { ana } = await gather(t);
    const { keyword } = await askForConsent(t.db, ana, MODERATOR, { ...LOCAL, origin: SITE });
    expect(social.posted).toHaveLength(1);
    const body = social.posted[0]!.body as { status: string; in_reply_to_id: string; visibility: string };
    expect(body).toMatchObject({ in_reply_to_id: '201', visibility: 'direct' });
    expect(body.status).toMatch(/^@ana@social\.test Bonjour/);
    expect(body.status).toContain(`« ${keyword} »`);
    expect(body.status).toContain('(EN)');
    const token = TOKEN_IN_LINK.exec(body.status)![1]!;
    const request = await t.db.selectFrom('import_request').selectAll().executeTakeFirstOrThrow();
    expect(request).toMatchObject({ item_id: ana, status: 'sent', keyword });
    expect(request.remote_reply_id).toMatch(/^9000\d+$/);
    expect(request.token_hash).not.toContain(token);
    expect(request.expires_at.getTime() - request.created_at.getTime()).toBe(14 * 86_400_000);
    const journal = await t.db
      .selectFrom('moderation_event')
      .select(['action', 'target_type', 'actor_label'])
      .execute();
    expect(journal).toContainEqual({ action: 'import.ask', target_type: 'import', actor_label: 'modo' });
    expect(await refusal(askForConsent(t.db, ana, MODERATOR, { ...LOCAL, origin: SITE }))).toBe('already_asked');
    expect(social.posted).toHaveLength(1);
  });

  it('asks once when two processes ask about the same post at the same time', async () => {
    const { bob } = await gather(t);
    const other = await openSecondProcess(t, 2);
    try {
      const outcomes = await Promise.allSettled([
        askForConsent(t.db, bob, MODERATOR, { ...LOCAL, origin: SITE }),
        askForConsent(other.db, bob, MODERATOR, { ...LOCAL, origin: SITE }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const failed = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect((failed.reason as ImportRequestError).code).toBe('already_asked');
      expect(social.posted).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('asks at most the set number of times an hour, across every post', async () => {
    const ids = await gather(t);
    const value = JSON.stringify({ requestsPerHour: 2 });
    await t.db
      .insertInto('setting')
      .values({ key: 'imports', value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    const at = (minutes: number) => ({ ...LOCAL, origin: SITE, now: new Date(Date.now() + minutes * 60_000) });
    await askForConsent(t.db, ids.ana, MODERATOR, at(0));
    await askForConsent(t.db, ids.bob, MODERATOR, at(1));
    expect(await refusal(askForConsent(t.db, ids.cleo, MODERATOR, at(2)))).toBe('rate_limited');
    expect(social.posted).toHaveLength(2);
    await askForConsent(t.db, ids.cleo, MODERATOR, at(61));
    expect(social.posted).toHaveLength(3);
  });

  it('lets a request whose sending failed be asked again, and says so', async () => {
    const { ana } = await gather(t);
    await t.db.updateTable('import_source').set({ access_token: 'wrong' }).where('kind', '=', 'mastodon').execute();
    expect(await refusal(askForConsent(t.db, ana, MODERATOR, { ...LOCAL, origin: SITE }))).toBe('send_failed');
    expect(await t.db.selectFrom('import_request').select(['status', 'error']).executeTakeFirst()).toMatchObject({
      status: 'failed',
      error: 'search: HTTP 401',
    });
    await t.db
      .updateTable('import_source')
      .set({ access_token: MASTODON_TOKEN })
      .where('kind', '=', 'mastodon')
      .execute();
    await askForConsent(t.db, ana, MODERATOR, { ...LOCAL, origin: SITE });
    expect(social.posted).toHaveLength(1);
  });

  it('cannot ask from a source with no account to reply from', async () => {
    const { ana } = await gather(t);
    await t.db.updateTable('import_source').set({ access_token: null }).where('kind', '=', 'mastodon').execute();
    expect(await refusal(askForConsent(t.db, ana, MODERATOR, { ...LOCAL, origin: SITE }))).toBe('cannot_ask');
    expect(await refusal(askForConsent(t.db, 999_999, MODERATOR, { ...LOCAL, origin: SITE }))).toBe('not_found');
  });

  it('lets unanswered requests lapse after 14 days, in the daily purge', async () => {
    const { ana } = await gather(t);
    await askForConsent(t.db, ana, MODERATOR, { ...LOCAL, origin: SITE });
    expect(await expireConsentRequests(t.db, new Date(Date.now() + 13 * 86_400_000))).toBe(0);
    await purgeExpiredPersonalData(t.db, new Date(Date.now() + 15 * 86_400_000));
    expect((await t.db.selectFrom('import_request').select('status').executeTakeFirstOrThrow()).status).toBe('expired');
  });

  it('replies on Bluesky under the post, with root and parent refs and the link as a facet', async () => {
    const { lea } = await gather(t);
    await askForConsent(t.db, lea, MODERATOR, { ...LOCAL, origin: SITE });
    const { record, repo } = social.posted[0]!.body as {
      repo: string;
      record: { text: string; reply: unknown; facets: { index: { byteStart: number; byteEnd: number } }[] };
    };
    const post = fakeSkyPost('3kaa', 'lea.test');
    expect(repo).toBe('did:plc:asso');
    expect(record.reply).toEqual({ root: { uri: post.uri, cid: post.cid }, parent: { uri: post.uri, cid: post.cid } });
    expect([...record.text].length).toBeLessThanOrEqual(300);
    const { byteStart, byteEnd } = record.facets[0]!.index;
    expect(Buffer.from(record.text).subarray(byteStart, byteEnd).toString()).toMatch(TOKEN_IN_LINK);
  });

  it('sees the proof only when the post’s author replies the keyword (Mastodon)', async () => {
    const { ana } = await gather(t);
    const { keyword } = await askForConsent(t.db, ana, MODERATOR, { ...LOCAL, origin: SITE });
    const token = TOKEN_IN_LINK.exec(social.posted[0]!.body.status as string)![1]!;
    expect((await openConsentPage(t.db, token, LOCAL))!.status).toBe('sent');
    social.mastodonReply('https://social.test/@bob', `@asso ${keyword}`);
    social.mastodonReply('https://social.test/@ana', '@asso oui !');
    expect((await openConsentPage(t.db, token, LOCAL))!.status).toBe('sent');
    social.mastodonReply('https://social.test/@ana', `@asso ${keyword.toLowerCase()}`);
    expect(await openConsentPage(t.db, token, LOCAL)).toMatchObject({
      status: 'proved',
      accountHandle: 'ana@social.test',
    });
    expect(social.seen).toContain('GET /api/v1/notifications?types%5B%5D=mention&limit=80');
    expect(await openConsentPage(t.db, 'x'.repeat(32), LOCAL)).toBeNull();
  });

  it('sees the proof in the reply thread (Bluesky), from the post’s author only', async () => {
    const { lea } = await gather(t);
    const { keyword } = await askForConsent(t.db, lea, MODERATOR, { ...LOCAL, origin: SITE });
    const token = TOKEN_IN_LINK.exec((social.posted[0]!.body.record as { text: string }).text)![1]!;
    social.blueskyReply('did:plc:other', keyword);
    expect((await openConsentPage(t.db, token, LOCAL))!.status).toBe('sent');
    social.blueskyReply('did:plc:lea', `Oui ! ${keyword}`);
    expect((await openConsentPage(t.db, token, LOCAL))!.status).toBe('proved');
  });
});
