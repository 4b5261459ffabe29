import { it, expect, beforeAll, afterAll } from 'vitest';
import type { Kysely } from 'kysely';
import { describeEachDatabase, openSecondProcess } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import type { Database } from '../../db/index.ts';
import { login } from '../../src/lib/auth/session.ts';
import type { LoginResult } from '../../src/lib/auth/session.ts';
import { deviceCookieName, recogniseDevice } from '../../src/lib/auth/device.ts';
import { GUESSES_PER_HOUR } from '../../src/lib/auth/throttle.ts';
import { createUser, disableUser, enableUser, resetPassword } from '../../src/lib/auth/users.ts';
import { hashToken } from '../../src/lib/security/tokens.ts';
import { script } from '../helpers/actors.ts';

const plain = { secure: false };
const PASSWORD = 'correct horse battery';
const WRONG = 'wrong password here';
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

/**
 * A second app process: on PostgreSQL its own pool on the same schema, as another host would
 * have; PGlite is one process's database, so there the same scenario runs on one connection.
 */
function secondProcess(t: TestDatabase): () => Kysely<Database> {
  let other: Awaited<ReturnType<typeof openSecondProcess>> | undefined;
  beforeAll(async () => {
    other = await openSecondProcess(t, 4);
  });
  afterAll(async () => {
    await other?.close();
  });
  return () => other?.db ?? t.db;
}

function deviceOf(result: LoginResult): string {
  expect(result.status).toBe('ok');
  if (result.status !== 'ok') throw new Error('not signed in');
  expect(result.device.name).toBe(deviceCookieName(plain));
  return result.device.value;
}

describeEachDatabase('device cookies: nobody can lock a moderator out', (t) => {
  const processB = secondProcess(t);
  const processA = () => t.db;

  it('lets a browser that signed in before in, whatever others failed, from any process and address', async () => {
    await createUser(t.db, { username: 'alice', role: 'moderator', password: PASSWORD }, script);
    const start = new Date();
    const device = deviceOf(
      await login(processA(), { username: 'alice', password: PASSWORD, ipHash: 'home' }, plain, start),
    );

    // Another host: bursts of guesses from many addresses, alice's own among them, with forged
    // cookies too, until browsers without her device cookie are refused.
    const forged = [device.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), 'x.y', `${device}.z`, ''];
    for (let round = 0; round < 12; round++) {
      await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          login(
            processB(),
            {
              username: 'Alice',
              password: WRONG,
              ipHash: i === 0 ? 'home' : `bot${round}-${i}`,
              deviceToken: forged[i % 4] ?? null,
            },
            plain,
            at(start, round * 20),
          ),
        ),
      );
    }
    const stranger = await login(
      processB(),
      { username: 'alice', password: PASSWORD, ipHash: 'home' },
      plain,
      at(start, 240),
    );
    expect(stranger.status).toBe('throttled');

    // Her browser, from the attacked address, through the other process: in at once, and never
    // made to spend the per-address budget the attacker shares.
    let budgetSpent = false;
    const back = await login(
      processA(),
      {
        username: 'alice',
        password: PASSWORD,
        ipHash: 'home',
        deviceToken: device,
        beforeUnknownBrowser: async () => void (budgetSpent = true),
      },
      plain,
      at(start, 240),
    );
    const renewed = deviceOf(back);
    expect(budgetSpent).toBe(false);
    // A device cookie is good for one sign-in: the next one comes with this success.
    expect(renewed).not.toBe(device);
    expect(await recogniseDevice(processB(), device, 'alice', at(start, 241))).toBeNull();
    expect(await recogniseDevice(processB(), renewed, 'alice', at(start, 241))).not.toBeNull();
    // And her success does not give the attacker a fresh budget.
    expect(
      (await login(processB(), { username: 'alice', password: WRONG, ipHash: 'bot' }, plain, at(start, 242))).status,
    ).toBe('throttled');
  });

  it('still slows a known browser down for its own failures, and only for those', async () => {
    await createUser(t.db, { username: 'alice', role: 'moderator', password: PASSWORD }, script);
    const start = new Date();
    const device = deviceOf(
      await login(processA(), { username: 'alice', password: PASSWORD, ipHash: 'home' }, plain, start),
    );
    const own = (seconds: number, password = WRONG) =>
      login(
        processB(),
        { username: 'alice', password, ipHash: 'home', deviceToken: device },
        plain,
        at(start, seconds),
      );
    for (let i = 1; i <= 5; i++) expect((await own(i)).status).toBe('invalid');
    expect(await own(5, PASSWORD)).toEqual({ status: 'throttled', retryAfterSeconds: 1 });
    // Its failures are its own: a browser without the cookie is not slowed by them.
    expect(
      (await login(processA(), { username: 'alice', password: WRONG, ipHash: 'elsewhere' }, plain, at(start, 5)))
        .status,
    ).toBe('invalid');
    expect((await own(7, PASSWORD)).status).toBe('ok');
  });

  it('asks a browser it does not know for this account to pay the per-address budget first', async () => {
    await createUser(t.db, { username: 'alice', role: 'moderator', password: PASSWORD }, script);
    await createUser(t.db, { username: 'bob', role: 'moderator', password: PASSWORD }, script);
    const now = new Date();
    const bobs = deviceOf(await login(processA(), { username: 'bob', password: PASSWORD, ipHash: 'b' }, plain, now));
    const overBudget = async () => {
      throw new Error('over the budget');
    };
    for (const deviceToken of [null, bobs]) {
      await expect(
        login(
          processB(),
          { username: 'alice', password: PASSWORD, ipHash: 'b', deviceToken, beforeUnknownBrowser: overBudget },
          plain,
          now,
        ),
      ).rejects.toThrow('over the budget');
    }
    expect(await t.db.selectFrom('login_attempt').select('id').execute()).toEqual([]);
  });

  it('forgets every trusted browser of an account when its password is reset or it is disabled', async () => {
    const alice = await createUser(t.db, { username: 'alice', role: 'moderator', password: PASSWORD }, script);
    const now = new Date();
    const first = deviceOf(await login(processA(), { username: 'alice', password: PASSWORD, ipHash: 'a' }, plain, now));
    await resetPassword(t.db, alice.id, 'another long passphrase', script);
    expect(await recogniseDevice(processB(), first, 'alice', now)).toBeNull();
    const second = deviceOf(
      await login(processA(), { username: 'alice', password: 'another long passphrase', ipHash: 'a' }, plain, now),
    );
    await disableUser(t.db, alice.id, script);
    await enableUser(t.db, alice.id, script);
    expect(await recogniseDevice(processB(), second, 'alice', now)).toBeNull();
  });

  it('does not recognise a device cookie for another account, an expired one or a copy of the table', async () => {
    await createUser(t.db, { username: 'alice', role: 'moderator', password: PASSWORD }, script);
    await createUser(t.db, { username: 'bob', role: 'moderator', password: PASSWORD }, script);
    const now = new Date();
    const bobs = deviceOf(await login(processA(), { username: 'bob', password: PASSWORD, ipHash: 'b' }, plain, now));
    expect(await recogniseDevice(processB(), bobs, 'BOB ', now)).not.toBeNull();
    expect(await recogniseDevice(processB(), bobs, 'alice', now)).toBeNull();
    expect(await recogniseDevice(processB(), bobs, 'bob', at(now, 181 * 24 * 3600))).toBeNull();

    const [selector, verifier] = bobs.split('.');
    const row = await t.db.selectFrom('login_device').selectAll().executeTakeFirstOrThrow();
    expect(row.selector).toBe(selector);
    expect(row.verifier_hash).toBe(hashToken(verifier!));
    expect(JSON.stringify(row)).not.toContain(verifier);
    expect(await recogniseDevice(processB(), `${selector}.${row.verifier_hash}`, 'bob', now)).toBeNull();
    expect(verifier!.length).toBeGreaterThanOrEqual(32); // 192 random bits, base64url
  });

  it(
    `lets browsers without a device cookie make at most ${GUESSES_PER_HOUR} password checks an hour against one account, from every address and process together`,
    { timeout: 120_000 },
    async () => {
      await createUser(t.db, { username: 'alice', role: 'moderator', password: PASSWORD }, script);
      const start = new Date(Date.now() - 3 * 3600_000);
      const checked: number[] = [];
      // Three hours of guesses: every 15 s, a burst from both processes and fresh addresses.
      for (let second = 0; second < 3 * 3600; second += 15) {
        const now = at(start, second);
        const results = await Promise.all([
          login(processA(), { username: 'alice', password: WRONG, ipHash: `a${second}` }, plain, now),
          login(processB(), { username: 'alice', password: WRONG, ipHash: `b${second}` }, plain, now),
          login(processB(), { username: 'ALICE', password: WRONG, ipHash: `c${second}` }, plain, now),
        ]);
        for (const result of results) if (result.status === 'invalid') checked.push(second);
      }
      const busiestHour = Math.max(
        ...checked.map((s) => checked.filter((other) => other >= s && other < s + 3600).length),
      );
      expect(busiestHour).toBe(GUESSES_PER_HOUR);
    },
  );

  it('does not let anyone’s success raise the hourly cap of browsers without a device cookie', async () => {
    await createUser(t.db, { username: 'alice', role: 'moderator', password: PASSWORD }, script);
    const start = new Date();
    const device = deviceOf(
      await login(processA(), { username: 'alice', password: PASSWORD, ipHash: 'home' }, plain, start),
    );
    let checks = 0;
    for (let minute = 0; minute < 60; minute++) {
      if (minute === 30) {
        // The owner signs in twice, from her browser and from a new one.
        deviceOf(
          await login(
            processA(),
            { username: 'alice', password: PASSWORD, ipHash: 'home', deviceToken: device },
            plain,
            at(start, minute * 60),
          ),
        );
        await login(
          processA(),
          { username: 'alice', password: PASSWORD, ipHash: 'cafe' },
          plain,
          at(start, minute * 60),
        );
      }
      const result = await login(
        processB(),
        { username: 'alice', password: WRONG, ipHash: `bot${minute}` },
        plain,
        at(start, minute * 60 + 1),
      );
      if (result.status === 'invalid') checks++;
    }
    expect(checks).toBeLessThanOrEqual(GUESSES_PER_HOUR);
  });
});
