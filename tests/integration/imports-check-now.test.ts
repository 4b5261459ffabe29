import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { fakeStatus, gatherFromFakeSocial, lastRequestToken, LOCAL, useFakeSocial } from '../helpers/fake-social.ts';
import { refusalCode } from '../helpers/refusal.ts';
import { journalEntries } from '../helpers/journal.ts';
import { askForConsent } from '../../src/lib/imports/request.ts';
import { giveConsent, openConsentPage } from '../../src/lib/imports/consent.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { CHECK_JOB, claimDailyCheck } from '../../src/lib/imports/check.ts';
import {
  CHECK_NOW_JOB,
  CHECK_NOW_LEASE_MS,
  checkOriginalsNow,
  CheckNowError,
  claimCheckNow,
} from '../../src/lib/imports/check-now.ts';

const ADMIN = { id: null, label: 'admin' };

const social = useFakeSocial();

describeEachDatabase('checking consented originals on request', (t) => {
  /** Ana's post consented to and approved: on the wall. */
  async function publishedPost(): Promise<number> {
    social.statuses = [fakeStatus('301', 'ana')];
    const itemId = (await gatherFromFakeSocial(t.db, social)).get(fakeStatus('301', 'ana').uri)!;
    const { keyword } = await askForConsent(t.db, itemId, ADMIN, { ...LOCAL, origin: 'https://mur.test' });
    social.mastodonReply('https://social.test/@ana', `@asso ${keyword}`);
    const token = lastRequestToken(social);
    await openConsentPage(t.db, token, LOCAL);
    const { souvenirId } = await giveConsent(t.db, token, ['wall']);
    await decideSouvenir(t.db, { id: souvenirId, decision: 'approve', actor: ADMIN });
    return souvenirId;
  }
  const statusOf = async (id: number) =>
    (await t.db.selectFrom('souvenir').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('takes a souvenir down at once when its original was deleted, and journals the counts', async () => {
    const souvenirId = await publishedPost();
    expect(await checkOriginalsNow(t.db, ADMIN, LOCAL)).toEqual({ checked: 1, withdrawn: 0, unknown: 0 });
    expect(await statusOf(souvenirId)).toBe('approved');

    social.deleteStatus('301');
    expect(await checkOriginalsNow(t.db, ADMIN, LOCAL)).toEqual({ checked: 1, withdrawn: 1, unknown: 0 });
    expect(await statusOf(souvenirId)).toBe('trash');
    const journal = await journalEntries(t.db, { action: 'import.check' });
    expect(journal.map(({ actor_label, after }) => ({ actor_label, after }))).toEqual([
      { actor_label: 'admin', after: { checked: 1, withdrawn: 0, unknown: 0 } },
      { actor_label: 'admin', after: { checked: 1, withdrawn: 1, unknown: 0 } },
    ]);
  });

  it('never runs two checks at once, and a dead host’s claim lapses after its lease', async () => {
    const now = new Date('2026-12-06T10:00:00Z');
    expect(await claimCheckNow(t.db, now)).toBe(true);
    expect(await refusalCode(checkOriginalsNow(t.db, ADMIN, LOCAL, now), CheckNowError)).toBe('busy');
    expect(await claimCheckNow(t.db, new Date(now.getTime() + CHECK_NOW_LEASE_MS - 1))).toBe(false);
    expect(await claimCheckNow(t.db, new Date(now.getTime() + CHECK_NOW_LEASE_MS))).toBe(true);
  });

  it('releases its claim when done and leaves the daily check’s schedule alone', async () => {
    const now = new Date('2026-12-06T10:00:00Z');
    expect(await claimDailyCheck(t.db, now)).toBe(true);
    const daily = () =>
      t.db.selectFrom('mail_job').select('next_run_at').where('name', '=', CHECK_JOB).executeTakeFirstOrThrow();
    const before = await daily();
    await checkOriginalsNow(t.db, ADMIN, LOCAL, now);
    expect(await daily()).toEqual(before);
    const own = await t.db
      .selectFrom('mail_job')
      .select('next_run_at')
      .where('name', '=', CHECK_NOW_JOB)
      .executeTakeFirstOrThrow();
    expect(own.next_run_at).toEqual(now);
    expect(await claimCheckNow(t.db, now)).toBe(true);
  });
});
