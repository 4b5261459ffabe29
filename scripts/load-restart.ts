/**
 * `npm run load:restart`: the full run of the "nothing lost" check — 2 000 souvenirs from
 * 50 concurrent clients to the built server on PostgreSQL, restarted in the middle.
 * Needs DATABASE_URL (a server the script may restart) and a build (`npm run build`).
 */
import { launchServer } from '../tests/e2e/support/server.ts';
import { runLoadWithRestart } from '../tests/load/restart-during-load.ts';

if (!process.env.DATABASE_URL) {
  console.error(
    'Set DATABASE_URL to the local PostgreSQL (it will be restarted), e.g. postgres://postgres@127.0.0.1:5432/postgres',
  );
  process.exit(2);
}
const server = await launchServer({ LIFT_RATE_LIMITS: '1' });
try {
  const report = await runLoadWithRestart({
    origin: server.origin,
    databaseUrl: server.env.DATABASE_URL!,
    posts: 2_000,
    concurrency: 50,
  });
  console.log(JSON.stringify(report, null, 2));
  const ok =
    report.unexpected.length === 0 &&
    report.storedOfSucceeded === report.succeeded &&
    report.duplicates === 0 &&
    (report.healthyAgainMs ?? Infinity) < 5_000;
  console.log(ok ? 'PASS: nothing lost.' : 'FAIL: see the report above.');
  process.exitCode = ok ? 0 : 1;
} finally {
  await server.dispose();
}
