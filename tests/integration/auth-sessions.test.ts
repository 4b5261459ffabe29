import { it, expect } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase } from '../helpers/databases.ts';
import { createKyselyAdapter, hashSessionId } from '../../src/lib/auth/lucia-adapter.ts';
import { createLucia, ABSOLUTE_TIMEOUT_MS } from '../../src/lib/auth/lucia.ts';
import {
  validateRequestSession,
  login,
  logout,
  startSession,
  countOpenSessions,
  endOtherSessions,
} from '../../src/lib/auth/session.ts';
import { createUser, disableUser } from '../../src/lib/auth/users.ts';
import { script } from '../helpers/actors.ts';

const PASSWORD = 'correct horse battery';
const MINUTE = 60_000;
const plain = { secure: false };

describeEachDatabase('the Lucia adapter and sessions', (t) => {
  const adapter = () => createKyselyAdapter(t.db, { absoluteTimeoutMs: ABSOLUTE_TIMEOUT_MS });
  const newUser = (username = 'alice', role: 'admin' | 'moderator' = 'moderator') =>
    createUser(t.db, { username, displayName: 'Alice A.', role, password: PASSWORD }, script);
  const storedIds = async () => (await t.db.selectFrom('user_session').select('id').execute()).map((r) => r.id);
  const age = (sessionId: string, set: { created_at?: Date; expires_at?: Date }) =>
    t.db.updateTable('user_session').set(set).where('id', '=', hashSessionId(sessionId)).execute();

  it('stores only the SHA-256 of a session id and gives back the raw id with the user', async () => {
    const user = await newUser();
    const a = adapter();
    const expiresAt = new Date(Date.now() + 30 * MINUTE);
    await a.setSession({ id: 'raw-session-id', userId: user.id, expiresAt, attributes: {} });
    expect(await storedIds()).toEqual([hashSessionId('raw-session-id')]);
    expect(hashSessionId('raw-session-id')).toMatch(/^[0-9a-f]{64}$/);

    const [session, found] = await a.getSessionAndUser('raw-session-id');
    expect(session).toEqual({ id: 'raw-session-id', userId: user.id, expiresAt, attributes: {} });
    expect(found).toEqual({
      id: user.id,
      attributes: { username: 'alice', displayName: 'Alice A.', role: 'moderator' },
    });
    expect(await a.getSessionAndUser(hashSessionId('raw-session-id'))).toEqual([null, null]);
    expect(await a.getSessionAndUser('unknown')).toEqual([null, null]);
  });

  it('never reads the password hash while validating a session', async () => {
    const user = await newUser();
    await adapter().setSession({ id: 's1', userId: user.id, expiresAt: new Date(Date.now() + MINUTE), attributes: {} });
    t.queries.length = 0;
    await adapter().getSessionAndUser('s1');
    expect(t.queries).toHaveLength(1);
    expect(t.queries[0]).not.toContain('password_hash');
  });

  it('gives a disabled account no user, so its session is refused', async () => {
    const user = await newUser();
    await adapter().setSession({ id: 's1', userId: user.id, expiresAt: new Date(Date.now() + MINUTE), attributes: {} });
    await t.db.updateTable('app_user').set({ disabled_at: new Date() }).execute();
    const [session, found] = await adapter().getSessionAndUser('s1');
    expect(session?.id).toBe('s1');
    expect(found).toBeNull();
  });

  it('lists, renews and deletes sessions by their raw id, by user, and when expired', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const a = adapter();
    const soon = new Date(Date.now() + 10 * MINUTE);
    await a.setSession({ id: 'a1', userId: alice.id, expiresAt: soon, attributes: {} });
    await a.setSession({ id: 'a2', userId: alice.id, expiresAt: soon, attributes: {} });
    await a.setSession({ id: 'b1', userId: bob.id, expiresAt: soon, attributes: {} });
    await a.setSession({ id: 'old', userId: bob.id, expiresAt: new Date(Date.now() - MINUTE), attributes: {} });

    const listed = await a.getUserSessions(alice.id);
    expect(listed.map((s) => s.id).sort()).toEqual([hashSessionId('a1'), hashSessionId('a2')].sort());
    expect(listed.every((s) => s.userId === alice.id && s.expiresAt.getTime() === soon.getTime())).toBe(true);

    const later = new Date(Date.now() + 25 * MINUTE);
    await a.updateSessionExpiration('a1', later);
    expect((await a.getSessionAndUser('a1'))[0]?.expiresAt).toEqual(later);

    await a.deleteSession('a1');
    expect(await a.getSessionAndUser('a1')).toEqual([null, null]);
    await a.deleteExpiredSessions();
    expect((await storedIds()).sort()).toEqual([hashSessionId('a2'), hashSessionId('b1')].sort());
    await a.deleteUserSessions(alice.id);
    expect(await storedIds()).toEqual([hashSessionId('b1')]);
  });

  it('never lets a session outlive 12 hours after sign-in, even when renewed', async () => {
    const user = await newUser();
    const a = adapter();
    await a.setSession({
      id: 's1',
      userId: user.id,
      expiresAt: new Date(Date.now() + 24 * 60 * MINUTE),
      attributes: {},
    });
    const [capped] = await a.getSessionAndUser('s1');
    expect(capped!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + ABSOLUTE_TIMEOUT_MS);

    await age('s1', { created_at: new Date(Date.now() - ABSOLUTE_TIMEOUT_MS + MINUTE) });
    await a.updateSessionExpiration('s1', new Date(Date.now() + 30 * MINUTE));
    const [renewed] = await a.getSessionAndUser('s1');
    expect(renewed!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + MINUTE + 1000);
  });

  it('renews a session used after half its idle time and keeps the raw id in the cookie', async () => {
    const user = await newUser();
    const cookie = await startSession(t.db, user.id, plain);
    expect(cookie.name).toBe('session');
    expect(cookie.value).toMatch(/^[a-z2-7]{40}$/); // 25 random bytes: 200 bits
    expect(await storedIds()).toEqual([hashSessionId(cookie.value)]);

    const fresh = await validateRequestSession(t.db, cookie.value, plain);
    expect(fresh.user).toEqual({ id: user.id, username: 'alice', displayName: 'Alice A.', role: 'moderator' });
    expect(fresh.cookie).toBeNull();

    await age(cookie.value, { expires_at: new Date(Date.now() + 10 * MINUTE) });
    const renewed = await validateRequestSession(t.db, cookie.value, plain);
    expect(renewed.user?.id).toBe(user.id);
    expect(renewed.cookie?.value).toBe(cookie.value);
    expect(renewed.cookie?.attributes.maxAge).toBe(30 * 60);
    const row = await t.db.selectFrom('user_session').select('expires_at').executeTakeFirstOrThrow();
    expect(new Date(row.expires_at).getTime()).toBeGreaterThan(Date.now() + 29 * MINUTE);
  });

  it('counts open sessions and signs out everywhere else, keeping the asking browser signed in', async () => {
    const user = await newUser();
    const other = await newUser('bruno');
    const phone = await startSession(t.db, user.id, plain);
    const laptop = await startSession(t.db, user.id, plain);
    const theirs = await startSession(t.db, other.id, plain);
    await age(phone.value, { expires_at: new Date(Date.now() - 1000) });
    expect(await countOpenSessions(t.db, user.id)).toBe(1);
    await startSession(t.db, user.id, plain);
    expect(await countOpenSessions(t.db, user.id)).toBe(2);

    const fresh = await endOtherSessions(t.db, user.id, plain);
    expect(await countOpenSessions(t.db, user.id)).toBe(1);
    expect((await validateRequestSession(t.db, fresh.value, plain)).user?.id).toBe(user.id);
    expect((await validateRequestSession(t.db, laptop.value, plain)).user).toBeNull();
    // Someone else's sessions are theirs.
    expect((await validateRequestSession(t.db, theirs.value, plain)).user?.id).toBe(other.id);
  });

  it('ends a session after 30 minutes without activity', async () => {
    const user = await newUser();
    const cookie = await startSession(t.db, user.id, plain);
    await age(cookie.value, { expires_at: new Date(Date.now() - 1000) });
    const result = await validateRequestSession(t.db, cookie.value, plain);
    expect(result.user).toBeNull();
    expect(result.cookie).toMatchObject({ name: 'session', value: '', attributes: { maxAge: 0 } });
    expect(await storedIds()).toEqual([]);
  });

  it('ends a session 12 hours after sign-in however active it was', async () => {
    const user = await newUser();
    const cookie = await startSession(t.db, user.id, plain);
    await age(cookie.value, {
      created_at: new Date(Date.now() - ABSOLUTE_TIMEOUT_MS - 1000),
      expires_at: new Date(Date.now() + 25 * MINUTE),
    });
    expect((await validateRequestSession(t.db, cookie.value, plain)).user).toBeNull();
    expect(await storedIds()).toEqual([]);
  });

  it('sets an HttpOnly, SameSite=Lax, Path=/ cookie, Secure with the __Host- prefix over https', async () => {
    const user = await newUser();
    const secure = await startSession(t.db, user.id, { secure: true });
    expect(secure.name).toBe('__Host-session');
    expect(secure.serialize()).toMatch(
      /^__Host-session=[a-z2-7]{40}; HttpOnly; Max-Age=1800; Path=\/; SameSite=Lax; Secure$/,
    );
    const local = await startSession(t.db, user.id, plain);
    expect(local.serialize()).not.toContain('Secure');
    expect(createLucia(t.db, plain).sessionCookieName).toBe('session');
  });

  it('logs in with the right password only and logs out for good', async () => {
    await newUser('alice');
    const wrong = await login(t.db, { username: 'alice', password: 'not the password', ipHash: 'ip1' }, plain);
    expect(wrong).toEqual({ status: 'invalid' });
    const ok = await login(t.db, { username: '  Alice ', password: PASSWORD, ipHash: 'ip1' }, plain);
    if (ok.status !== 'ok') throw new Error(ok.status);
    expect(ok.user.username).toBe('alice');
    const { sessionId } = await validateRequestSession(t.db, ok.cookie.value, plain);
    expect(sessionId).toBe(ok.cookie.value);

    const blank = await logout(t.db, sessionId, plain);
    expect(blank.value).toBe('');
    expect((await validateRequestSession(t.db, ok.cookie.value, plain)).user).toBeNull();
  });

  it('answers an unknown user exactly as a wrong password', async () => {
    await newUser('alice');
    expect(await login(t.db, { username: 'nobody', password: PASSWORD, ipHash: 'ip1' }, plain)).toEqual({
      status: 'invalid',
    });
    expect(await login(t.db, { username: 'alice', password: 'wrong password!', ipHash: 'ip1' }, plain)).toEqual({
      status: 'invalid',
    });
  });

  it('refuses a disabled account even with its right password, and ends its sessions', async () => {
    const admin = await newUser('root', 'admin');
    const alice = await newUser('alice');
    const cookie = await startSession(t.db, alice.id, plain);
    await disableUser(t.db, alice.id, { id: admin.id, label: 'root' });
    expect((await validateRequestSession(t.db, cookie.value, plain)).user).toBeNull();
    expect(await login(t.db, { username: 'alice', password: PASSWORD, ipHash: 'ip1' }, plain)).toEqual({
      status: 'invalid',
    });
    expect(await sql`select 1 from user_session`.execute(t.db).then((r) => r.rows)).toEqual([]);
  });

  it('sweeps sessions abandoned without logout at the next sign-in', async () => {
    const user = await newUser('alice');
    const abandoned = await startSession(t.db, user.id, plain);
    await age(abandoned.value, { expires_at: new Date(Date.now() - MINUTE) });
    const ok = await login(t.db, { username: 'alice', password: PASSWORD, ipHash: null }, plain);
    if (ok.status !== 'ok') throw new Error(ok.status);
    expect(await storedIds()).toEqual([hashSessionId(ok.cookie.value)]);
  });

  it('clears the cookie of an id that is far too long to be ours without a query', async () => {
    t.queries.length = 0;
    const result = await validateRequestSession(t.db, 'x'.repeat(500), plain);
    expect(result.user).toBeNull();
    expect(result.cookie?.value).toBe('');
    expect(t.queries).toEqual([]);
  });
});
