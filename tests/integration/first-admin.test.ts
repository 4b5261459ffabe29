import { it, expect } from 'vitest';
import { describeEachDatabase, openSecondProcess } from '../helpers/databases.ts';
import {
  createFirstAdmin,
  FirstAdminError,
  hasActiveAdmin,
  issueSetupToken,
  setupTokenIsValid,
  SETUP_TOKEN_LIFETIME_MS,
} from '../../src/lib/auth/first-admin.ts';
import { createUser, UserError } from '../../src/lib/auth/users.ts';
import { hashToken } from '../../src/lib/security/tokens.ts';

const strong = 'Une bougie pour la salle 11';

describeEachDatabase('the first admin, created in the browser', (t) => {
  it('stores only the hash of a setup token valid one hour, each start’s address working until then', async () => {
    const now = new Date('2026-12-06T08:00:00Z');
    // Two hosts started together: each printed its own address, and either may be the one followed.
    const first = await issueSetupToken(t.db, now);
    const second = await issueSetupToken(t.db, now);
    expect(first).toMatch(/^[\w-]{32}$/);
    const rows = await t.db.selectFrom('setup_token').select('token_hash').orderBy('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).toEqual([hashToken(first!), hashToken(second!)].sort());
    expect(await setupTokenIsValid(t.db, first!, now)).toBe(true);
    expect(await setupTokenIsValid(t.db, second!, now)).toBe(true);
    const later = new Date(now.getTime() + SETUP_TOKEN_LIFETIME_MS + 1);
    expect(await setupTokenIsValid(t.db, second!, later)).toBe(false);
    // A start after they expired forgets them.
    const third = await issueSetupToken(t.db, later);
    expect(await t.db.selectFrom('setup_token').select('token_hash').execute()).toEqual([
      { token_hash: hashToken(third!) },
    ]);
  });

  it('creates the admin once: the address is spent and gone for good', async () => {
    const token = (await issueSetupToken(t.db))!;
    const admin = await createFirstAdmin(t.db, { token, username: 'Camille', password: strong });
    expect(admin).toMatchObject({ username: 'camille', role: 'admin' });
    expect(await hasActiveAdmin(t.db)).toBe(true);
    expect(await setupTokenIsValid(t.db, token)).toBe(false);
    await expect(createFirstAdmin(t.db, { token, username: 'autre', password: strong })).rejects.toMatchObject({
      code: 'gone',
    });
    expect(await issueSetupToken(t.db)).toBeNull();
    const event = await t.db.selectFrom('moderation_event').selectAll().executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'user.create', actor_label: 'setup' });
  });

  it('creates one admin when two hosts’ addresses are used at the same moment, and spends both', async () => {
    const a = (await issueSetupToken(t.db))!;
    const b = (await issueSetupToken(t.db))!;
    const other = await openSecondProcess(t);
    try {
      const results = await Promise.allSettled([
        createFirstAdmin(t.db, { token: a, username: 'camille', password: strong }),
        createFirstAdmin(other.db, { token: b, username: 'dominique', password: strong }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'gone' } });
    } finally {
      await other.close();
    }
    expect(await t.db.selectFrom('app_user').select('username').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('setup_token').select('token_hash').execute()).toEqual([]);
  });

  it('refuses a weak password without spending the address', async () => {
    const token = (await issueSetupToken(t.db))!;
    const refusal = await createFirstAdmin(t.db, { token, username: 'camille', password: 'Motdepasse2024!' }).catch(
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(FirstAdminError);
    expect(refusal).toMatchObject({ code: 'common' });
    await expect(createFirstAdmin(t.db, { token, username: 'camille', password: 'court' })).rejects.toBeInstanceOf(
      UserError,
    );
    expect(await setupTokenIsValid(t.db, token)).toBe(true);
  });

  it('is closed once an admin exists, whoever created it', async () => {
    const token = (await issueSetupToken(t.db))!;
    await createUser(t.db, { username: 'script', role: 'admin', password: strong }, { id: null, label: 'script' });
    expect(await setupTokenIsValid(t.db, token)).toBe(false);
    await expect(createFirstAdmin(t.db, { token, username: 'camille', password: strong })).rejects.toMatchObject({
      code: 'gone',
    });
  });
});
