import { it, expect } from 'vitest';
import { describeEachDatabase, openSecondProcess } from '../helpers/databases.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { marcComment } from '../helpers/contribution-fixtures.ts';
import { lightCandle } from '../../src/lib/wall/candles.ts';
import { fileReport } from '../../src/lib/reports/file-report.ts';
import { reserveAttempt } from '../../src/lib/auth/throttle.ts';
import { hitRateLimit } from '../../src/lib/security/rate-limit.ts';
import { describePurge, purgeExpiredPersonalData, schedulePurge } from '../../src/lib/privacy/purge.ts';
import { readWallFigures } from '../../src/lib/wall/figures.ts';
import { script } from '../helpers/actors.ts';
import { claimSubmission, SUBMISSION_ONCE_MS } from '../../src/lib/contributions/submission-once.ts';

const NOW = new Date('2026-11-25T12:00:00Z');
const DAY = 86_400_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describeEachDatabase('purging expired personal data', (t) => {
  const souvenirAt = async (at: Date, ip = 'ip-souvenir') => {
    const s = await createSouvenir(
      t.db,
      {
        authorName: 'Léa',
        authorEmail: 'lea@example.org',
        title: null,
        body: `Un concert ${Math.random()}`,
        memoryYear: null,
        event: null,
        locale: 'fr',
      },
      { ipHash: ip, now: at },
    );
    await decideSouvenir(t.db, { id: s.id, decision: 'approve', actor: script });
    return s;
  };
  const commentAt = (souvenirId: number, at: Date) =>
    marcComment(
      t.db,
      souvenirId,
      { authorWebsite: null, body: `Oui ${Math.random()}` },
      { ipHash: 'ip-comment', now: at },
    );
  const ipHashes = async (table: 'souvenir' | 'comment' | 'report') =>
    (await t.db.selectFrom(table).select(['id', 'ip_hash']).orderBy('id').execute()).map((r) => r.ip_hash);

  it('clears IP hashes on souvenirs, comments and reports older than 30 days, and keeps the rows', async () => {
    const old = await souvenirAt(ago(30 * DAY + 1000));
    const recent = await souvenirAt(ago(30 * DAY - 1000));
    await commentAt(recent.id, ago(31 * DAY));
    await commentAt(recent.id, ago(29 * DAY));
    const publicId = (
      await t.db.selectFrom('souvenir').select('public_id').where('id', '=', recent.id).executeTakeFirstOrThrow()
    ).public_id;
    await fileReport(t.db, {
      targetType: 'souvenir',
      publicId,
      reason: 'spam',
      ipHash: 'ip-old-report',
      threshold: 10,
      now: ago(40 * DAY),
    });
    await fileReport(t.db, {
      targetType: 'souvenir',
      publicId,
      reason: 'spam',
      ipHash: 'ip-new-report',
      threshold: 10,
      now: ago(DAY),
    });

    const counts = await purgeExpiredPersonalData(t.db, NOW);
    expect(counts).toMatchObject({ souvenirIpHashes: 1, commentIpHashes: 1, reportIpHashes: 1 });
    expect(await ipHashes('souvenir')).toEqual([null, 'ip-souvenir']);
    expect(await ipHashes('comment')).toEqual([null, 'ip-comment']);
    expect(await ipHashes('report')).toEqual([null, 'ip-new-report']);
    expect(await t.db.selectFrom('souvenir').select('id').where('id', '=', old.id).executeTakeFirst()).toBeDefined();

    // A second run finds nothing more to do.
    expect(await purgeExpiredPersonalData(t.db, NOW)).toEqual({
      souvenirIpHashes: 0,
      commentIpHashes: 0,
      reportIpHashes: 0,
      contactIpHashes: 0,
      candles: 0,
      loginAttempts: 0,
      rateLimits: 0,
      mailMessages: 0,
      stagedPhotos: 0,
      importedPosts: 0,
      submissionKeys: 0,
    });
  });

  it('clears the IP hash of a contact message older than 30 days, and keeps the message', async () => {
    for (const [ipHash, at] of [
      ['ip-old-contact', ago(31 * DAY)],
      ['ip-new-contact', ago(29 * DAY)],
    ] as const) {
      await t.db
        .insertInto('contact_message')
        .values({ name: 'Sam', email: 's@example.org', body: 'Bonjour', locale: 'fr', ip_hash: ipHash, created_at: at })
        .execute();
    }
    expect((await purgeExpiredPersonalData(t.db, NOW)).contactIpHashes).toBe(1);
    const rows = await t.db.selectFrom('contact_message').select('ip_hash').orderBy('id').execute();
    expect(rows.map((r) => r.ip_hash)).toEqual([null, 'ip-new-contact']);
  });

  it('deletes candle rows from before yesterday (Paris) and keeps every count', async () => {
    const s = await souvenirAt(ago(60 * DAY));
    const publicId = (
      await t.db.selectFrom('souvenir').select('public_id').where('id', '=', s.id).executeTakeFirstOrThrow()
    ).public_id;
    // 2026-11-25 12:00Z is 13:00 in Paris: today the 25th, yesterday the 24th.
    await lightCandle(t.db, { publicId, ipHash: 'ip-a', now: new Date('2026-11-23T22:30:00Z') }); // the 23rd in Paris
    await t.db.insertInto('candle').values({ souvenir_id: s.id, ip_hash: 'ip-b', day: '2026-11-23' }).execute();
    await t.db.insertInto('candle').values({ souvenir_id: s.id, ip_hash: 'ip-c', day: '2026-11-24' }).execute();
    await t.db.insertInto('candle').values({ souvenir_id: s.id, ip_hash: 'ip-d', day: '2026-11-25' }).execute();
    const before = await t.db
      .selectFrom('souvenir')
      .select('candle_count')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();

    const counts = await purgeExpiredPersonalData(t.db, NOW);
    expect(counts.candles).toBe(2);
    const left = await t.db.selectFrom('candle').select('ip_hash').orderBy('ip_hash').execute();
    expect(left.map((r) => r.ip_hash)).toEqual(['ip-c', 'ip-d']);
    expect(
      await t.db.selectFrom('souvenir').select('candle_count').where('id', '=', s.id).executeTakeFirstOrThrow(),
    ).toEqual(before);
    expect((await readWallFigures(t.db)).candles).toBe(1);
  });

  it('deletes login attempts older than a day and rate-limit windows that ended days ago', async () => {
    await reserveAttempt(t.db, { username: 'nina', ipHash: 'ip-1' }, ago(DAY + 1000));
    await reserveAttempt(t.db, { username: 'nina', ipHash: 'ip-1' }, ago(DAY - 60_000));
    await hitRateLimit(t.db, 'comment', 'ip-1', { limit: 10, windowSeconds: 3600 }, ago(3 * DAY));
    await hitRateLimit(t.db, 'comment', 'ip-1', { limit: 10, windowSeconds: 3600 }, ago(3600_000));

    const counts = await purgeExpiredPersonalData(t.db, NOW);
    expect(counts).toMatchObject({ loginAttempts: 1, rateLimits: 1 });
    expect(await t.db.selectFrom('login_attempt').select('attempted_at').execute()).toEqual([
      { attempted_at: ago(DAY - 60_000) },
    ]);
    expect(await t.db.selectFrom('rate_limit').select('hits').execute()).toHaveLength(1);
  });

  it('deletes the keys of submissions once their minute has passed', async () => {
    const probe = { kind: 'souvenir' as const, name: 'Léa', email: 'lea@example.org', body: 'Un soir' };
    await claimSubmission(t.db, probe, 'ancien', ago(SUBMISSION_ONCE_MS + 1000)).execute();
    await claimSubmission(t.db, { ...probe, body: 'Un autre soir' }, 'recent', ago(1000)).execute();
    expect((await purgeExpiredPersonalData(t.db, NOW)).submissionKeys).toBe(1);
    expect(await t.db.selectFrom('submission_once').select('public_id').execute()).toEqual([{ public_id: 'recent' }]);
  });

  it('describes what it did in one line for the log', () => {
    const line = describePurge({
      souvenirIpHashes: 2,
      commentIpHashes: 1,
      reportIpHashes: 0,
      contactIpHashes: 0,
      candles: 5,
      loginAttempts: 3,
      rateLimits: 4,
      mailMessages: 6,
      stagedPhotos: 2,
      importedPosts: 1,
      submissionKeys: 7,
    });
    expect(line).toBe(
      '3 IP hash(es) cleared (souvenirs 2, comments 1, reports 0, contact messages 0); 28 row(s) deleted (candles 5, login attempts 3, rate-limit windows 4, mail 6, staged photos 2, imported posts 1, submission keys 7)',
    );
  });

  it('runs at once when scheduled, logs its counts, and logs a failure instead of throwing', async () => {
    await souvenirAt(new Date(Date.now() - 31 * DAY));
    const lines: string[] = [];
    const log = {
      log: (line: string) => lines.push(line),
      error: (...parts: unknown[]) => lines.push(parts.join(' ')),
    };
    const stop = schedulePurge(t.db, log);
    await expect.poll(() => lines.length).toBe(1);
    stop();
    expect(lines[0]).toMatch(/^\[privacy\] purge: 1 IP hash\(es\) cleared \(souvenirs 1,/);
    // Another worker or host starting now finds today's purge done: it runs once a day, in one process.
    const other = await openSecondProcess(t);
    try {
      const stopOther = schedulePurge(other.db, log);
      await new Promise((r) => setTimeout(r, 300));
      stopOther();
    } finally {
      await other.close();
    }
    expect(lines).toHaveLength(1);

    const broken = new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('database gone');
        },
      },
    ) as unknown as typeof t.db;
    const stopBroken = schedulePurge(broken, log);
    await expect.poll(() => lines.length).toBe(2);
    stopBroken();
    expect(lines[1]).toContain('purge failed (will retry later): database gone');
  });
});
