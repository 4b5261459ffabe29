import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { reserveAttempt, delaySeconds, THROTTLE_WINDOW_MS } from '../../src/lib/auth/throttle.ts';
import { login } from '../../src/lib/auth/session.ts';
import { createUser } from '../../src/lib/auth/users.ts';

const plain = { secure: false };
const PASSWORD = 'correct horse battery';
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

describeEachDatabase('login throttling', (t) => {
  const fail = (username: string, ipHash: string, now: Date) =>
    login(t.db, { username, password: 'wrong password here', ipHash }, plain, now);

  it('doubles the wait after five failures, up to fifteen minutes', () => {
    expect([4, 5, 6, 7, 10].map(delaySeconds)).toEqual([0, 1, 2, 4, 32]);
    expect(delaySeconds(40)).toBe(15 * 60);
  });

  it('makes a username wait after five failures in 15 minutes, from any address', async () => {
    await createUser(t.db, { username: 'alice', role: 'admin', password: PASSWORD }, { id: null, label: 'script' });
    const start = new Date();
    for (let i = 0; i < 5; i++) expect((await fail('alice', `ip${i}`, at(start, i))).status).toBe('invalid');
    // The sixth attempt, even with the right password and from a new address, must wait.
    expect(
      await login(t.db, { username: 'alice', password: PASSWORD, ipHash: 'elsewhere' }, plain, at(start, 4)),
    ).toEqual({ status: 'throttled', retryAfterSeconds: 1 });
    expect((await fail('alice', 'ip9', at(start, 5))).status).toBe('invalid');
    expect(await fail('alice', 'ip9', at(start, 5))).toEqual({ status: 'throttled', retryAfterSeconds: 2 });
    expect((await fail('alice', 'ip9', at(start, 7))).status).toBe('invalid');
    expect(await fail('alice', 'ip9', at(start, 7))).toEqual({ status: 'throttled', retryAfterSeconds: 4 });
    // Another account is not affected.
    expect((await fail('bob', 'ip-bob', at(start, 7))).status).toBe('invalid');
  });

  it('makes an address wait after five failures whatever usernames it tries', async () => {
    const start = new Date();
    for (let i = 0; i < 5; i++) expect((await fail(`user${i}`, 'attacker', at(start, i))).status).toBe('invalid');
    expect(await fail('someone-else', 'attacker', at(start, 4))).toEqual({ status: 'throttled', retryAfterSeconds: 1 });
    expect((await fail('someone-else', 'another-ip', at(start, 4))).status).toBe('invalid');
  });

  it('forgets failures older than 15 minutes', async () => {
    const start = new Date(Date.now() - THROTTLE_WINDOW_MS - 60_000);
    for (let i = 0; i < 8; i++) await fail('carol', 'ip', at(start, i * 8));
    expect((await fail('carol', 'ip', at(start, 60))).status).toBe('throttled');
    expect((await fail('carol', 'ip', at(start, THROTTLE_WINDOW_MS / 1000 + 60))).status).toBe('invalid');
  });

  it('forgives the failures of a username once its password is given', async () => {
    await createUser(t.db, { username: 'alice', role: 'admin', password: PASSWORD }, { id: null, label: 'script' });
    const start = new Date();
    for (let i = 0; i < 4; i++) await fail('alice', 'ip', at(start, i));
    expect(
      (await login(t.db, { username: 'alice', password: PASSWORD, ipHash: 'ip' }, plain, at(start, 4))).status,
    ).toBe('ok');
    expect(await t.db.selectFrom('login_attempt').select('id').execute()).toEqual([]);
  });

  it('throttles a burst of parallel guesses, not only guesses in sequence', async () => {
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => reserveAttempt(t.db, { username: 'alice', ipHash: 'burst' }, now)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('keeps its counts in the database, so every process sees them', async () => {
    const now = new Date();
    for (let i = 0; i < 5; i++) await fail('dave', 'ip', now);
    const rows = await t.db.selectFrom('login_attempt').select(['username', 'ip_hash']).execute();
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({ username: 'dave', ip_hash: 'ip' });
  });
});
