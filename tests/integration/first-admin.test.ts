import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
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
  it('stores only the hash of a setup token valid one hour, replaced at each start', async () => {
    const now = new Date('2026-12-06T08:00:00Z');
    const first = await issueSetupToken(t.db, now);
    const second = await issueSetupToken(t.db, now);
    expect(first).toMatch(/^[\w-]{32}$/);
    const rows = await t.db.selectFrom('setup_token').selectAll().execute();
    expect(rows).toEqual([{ token_hash: hashToken(second!), expires_at: expect.any(Date) }]);
    expect(await setupTokenIsValid(t.db, first!, now)).toBe(false);
    expect(await setupTokenIsValid(t.db, second!, now)).toBe(true);
    const later = new Date(now.getTime() + SETUP_TOKEN_LIFETIME_MS + 1);
    expect(await setupTokenIsValid(t.db, second!, later)).toBe(false);
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
