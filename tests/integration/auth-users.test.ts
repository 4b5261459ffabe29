import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { journalEntries } from '../helpers/journal.ts';
import {
  createUser,
  listUsers,
  disableUser,
  enableUser,
  setRole,
  resetPassword,
  changePassword,
} from '../../src/lib/auth/users.ts';
import { login, startSession, validateRequestSession } from '../../src/lib/auth/session.ts';
import { script } from '../helpers/actors.ts';

const plain = { secure: false };
const PASSWORD = 'correct horse battery';

describeEachDatabase('accounts', (t) => {
  const make = (username: string, role: 'admin' | 'moderator' = 'moderator') =>
    createUser(t.db, { username, role, password: PASSWORD }, script);
  const events = () => journalEntries(t.db, {});
  const sessionCount = async (userId: number) =>
    (await t.db.selectFrom('user_session').select('id').where('user_id', '=', userId).execute()).length;

  it('creates an account with a lower-cased username, an argon2id hash and an audit row', async () => {
    const user = await createUser(
      t.db,
      { username: ' Alice.B ', displayName: 'Alice B.', role: 'admin', password: PASSWORD },
      script,
    );
    expect(user).toMatchObject({ username: 'alice.b', displayName: 'Alice B.', role: 'admin', disabledAt: null });
    const row = await t.db.selectFrom('app_user').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const [event] = await events();
    expect(event).toMatchObject({
      actor_label: 'script',
      action: 'user.create',
      target_type: 'user',
      target_id: user.id,
    });
    expect(JSON.stringify(event)).not.toContain('argon2');
  });

  it('refuses a display name that could lie about itself: direction controls, line breaks, C1 controls', async () => {
    for (const displayName of ['\u202Erotaredom', 'Alice\u2066B', 'Alice\nB', 'Alice\u0085B']) {
      await expect(
        createUser(t.db, { username: 'alice', displayName, role: 'moderator', password: PASSWORD }, script),
      ).rejects.toMatchObject({ code: 'display_name_invalid' });
    }
    const hebrew = await createUser(
      t.db,
      { username: 'alice', displayName: 'אליס', role: 'moderator', password: PASSWORD },
      script,
    );
    expect(hebrew.displayName).toBe('אליס');
  });

  it('names the problem: taken username, bad username, short or long password', async () => {
    await make('alice');
    await expect(make('ALICE')).rejects.toMatchObject({ code: 'username_taken' });
    await expect(make('a')).rejects.toMatchObject({ code: 'username_invalid' });
    await expect(make('alice bob')).rejects.toMatchObject({ code: 'username_invalid' });
    await expect(
      createUser(t.db, { username: 'bob', role: 'moderator', password: 'elevenchars' }, script),
    ).rejects.toMatchObject({ code: 'password_too_short' });
    await expect(
      createUser(t.db, { username: 'bob', role: 'moderator', password: 'x'.repeat(257) }, script),
    ).rejects.toMatchObject({ code: 'password_too_long' });
    expect((await listUsers(t.db)).map((u) => u.username)).toEqual(['alice']);
  });

  it('lists admins first, then by name', async () => {
    await make('zoe');
    await make('bob', 'admin');
    await make('anna');
    expect((await listUsers(t.db)).map((u) => u.username)).toEqual(['bob', 'anna', 'zoe']);
  });

  it('disables an account, ending its sessions at once, and enables it again', async () => {
    const admin = await make('root', 'admin');
    const mod = await make('mod');
    const cookie = await startSession(t.db, mod.id, plain);
    const actor = { id: admin.id, label: 'root' };

    expect((await disableUser(t.db, mod.id, actor)).disabledAt).toBeInstanceOf(Date);
    expect(await sessionCount(mod.id)).toBe(0);
    expect((await validateRequestSession(t.db, cookie.value, plain)).user).toBeNull();

    expect((await enableUser(t.db, mod.id, actor)).disabledAt).toBeNull();
    expect((await login(t.db, { username: 'mod', password: PASSWORD, ipHash: null }, plain)).status).toBe('ok');
    expect((await events()).map((e) => e.action)).toEqual([
      'user.create',
      'user.create',
      'user.disable',
      'user.enable',
    ]);
    expect((await events())[2]).toMatchObject({
      actor_label: 'root',
      before: { disabled: false },
      after: { disabled: true },
    });
  });

  it('protects the last active admin from being disabled or demoted', async () => {
    const root = await make('root', 'admin');
    const actor = { id: root.id, label: 'root' };
    await expect(disableUser(t.db, root.id, actor)).rejects.toMatchObject({ code: 'last_admin' });
    await expect(setRole(t.db, root.id, 'moderator', script)).rejects.toMatchObject({ code: 'last_admin' });

    // A disabled second admin does not count as another admin.
    const other = await make('other', 'admin');
    await disableUser(t.db, other.id, actor);
    await expect(setRole(t.db, root.id, 'moderator', script)).rejects.toMatchObject({ code: 'last_admin' });

    await enableUser(t.db, other.id, actor);
    expect((await setRole(t.db, root.id, 'moderator', { id: other.id, label: 'other' })).role).toBe('moderator');
    await expect(disableUser(t.db, other.id, script)).rejects.toMatchObject({ code: 'last_admin' });
    expect((await listUsers(t.db)).find((u) => u.id === root.id)?.role).toBe('moderator');
  });

  it('lets two admins not demote each other at the same moment', async () => {
    const a = await make('a-admin', 'admin');
    const b = await make('b-admin', 'admin');
    const results = await Promise.allSettled([
      setRole(t.db, a.id, 'moderator', { id: b.id, label: 'b-admin' }),
      setRole(t.db, b.id, 'moderator', { id: a.id, label: 'a-admin' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await listUsers(t.db)).filter((u) => u.role === 'admin')).toHaveLength(1);
  });

  it('does not let an admin disable or demote themselves', async () => {
    const a = await make('a-admin', 'admin');
    await make('b-admin', 'admin');
    const self = { id: a.id, label: 'a-admin' };
    await expect(disableUser(t.db, a.id, self)).rejects.toMatchObject({ code: 'self' });
    await expect(setRole(t.db, a.id, 'moderator', self)).rejects.toMatchObject({ code: 'self' });
  });

  it('changes a role, which takes effect on the next request without a new login', async () => {
    const root = await make('root', 'admin');
    const mod = await make('mod');
    const cookie = await startSession(t.db, mod.id, plain);
    await setRole(t.db, mod.id, 'admin', { id: root.id, label: 'root' });
    expect((await validateRequestSession(t.db, cookie.value, plain)).user?.role).toBe('admin');
  });

  it('resets a password: the old one stops working and every session ends', async () => {
    const root = await make('root', 'admin');
    const mod = await make('mod');
    await startSession(t.db, mod.id, plain);
    await expect(resetPassword(t.db, mod.id, 'short', script)).rejects.toMatchObject({ code: 'password_too_short' });
    await resetPassword(t.db, mod.id, 'a brand new password', { id: root.id, label: 'root' });
    expect(await sessionCount(mod.id)).toBe(0);
    expect((await login(t.db, { username: 'mod', password: PASSWORD, ipHash: null }, plain)).status).toBe('invalid');
    expect((await login(t.db, { username: 'mod', password: 'a brand new password', ipHash: null }, plain)).status).toBe(
      'ok',
    );
    expect((await events()).at(-1)).toMatchObject({
      action: 'user.password_reset',
      actor_label: 'root',
      target_id: mod.id,
    });
  });

  it('changes your own password only with the current one, ending all your sessions', async () => {
    const mod = await make('mod');
    const self = { id: mod.id, label: 'mod' };
    await startSession(t.db, mod.id, plain);
    await startSession(t.db, mod.id, plain);
    await expect(changePassword(t.db, mod.id, 'not my password', 'another good password', self)).rejects.toMatchObject({
      code: 'wrong_password',
    });
    expect(await sessionCount(mod.id)).toBe(2);
    await expect(changePassword(t.db, mod.id, PASSWORD, 'too short', self)).rejects.toMatchObject({
      code: 'password_too_short',
    });
    await changePassword(t.db, mod.id, PASSWORD, 'another good password', self);
    expect(await sessionCount(mod.id)).toBe(0);
    expect(
      (await login(t.db, { username: 'mod', password: 'another good password', ipHash: null }, plain)).status,
    ).toBe('ok');
    expect((await events()).at(-1)).toMatchObject({ action: 'user.password_change', actor_label: 'mod' });
  });

  it('reports an unknown account as not found', async () => {
    await expect(disableUser(t.db, 999, script)).rejects.toMatchObject({ code: 'not_found' });
    await expect(setRole(t.db, 999, 'admin', script)).rejects.toMatchObject({ code: 'not_found' });
  });
});
