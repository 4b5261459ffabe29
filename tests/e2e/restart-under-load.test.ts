import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { launchServer } from './support/server.ts';
import type { E2eServer } from './support/server.ts';
import { runLoadWithRestart } from '../load/restart-during-load.ts';

// Restarts the local PostgreSQL, so it runs only in the PostgreSQL pass.
describe.skipIf(!process.env.DATABASE_URL)('no souvenir lost when PostgreSQL restarts under load', () => {
  let server: E2eServer;
  beforeAll(async () => {
    server = await launchServer({ LIFT_RATE_LIMITS: '1' });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('stores every success exactly once, answers the rest with "try again", and recovers within 5 s', async () => {
    const report = await runLoadWithRestart({
      origin: server.origin,
      databaseUrl: server.env.DATABASE_URL!,
      posts: 300,
      concurrency: 20,
    });
    console.log('[restart-under-load]', JSON.stringify({ ...report, unexpected: report.unexpected.length }));
    // On a failure, what the server said about it (never personal: the log holds routes, not texts).
    if (report.unexpected.length > 0) {
      console.log(
        server
          .output()
          .split('\n')
          .filter((l) => /error|fail|lost|500/i.test(l))
          .slice(-40)
          .join('\n'),
      );
    }
    expect(report.unexpected).toEqual([]);
    expect(report.succeeded + report.retryable).toBe(report.posts);
    expect(report.storedOfSucceeded).toBe(report.succeeded);
    expect(report.duplicates).toBe(0);
    expect(report.healthyAgainMs).not.toBeNull();
    expect(report.healthyAgainMs!).toBeLessThan(5_000);
  }, 120_000);
});
