/**
 * `npm run bench`: builds the site, then on PostgreSQL (a fresh database on the local server,
 * 100 000 souvenirs and 300 000 comments) and on PGlite (20 000 and 60 000) measures the wall
 * cached and uncached, a page 1 000 deep, a search and a souvenir with 50 comments (each cached
 * and uncached), a crawler's walk of 1 000 distinct deep wall pages and of 1 000 distinct souvenir
 * pages (first visits), the feed, sharing, and on PostgreSQL the cached wall with every worker,
 * beside a bare `node:http` ceiling. GETs of one address are driven by wrk (installed with apt
 * when missing), which must reach 20 000 req/s on the ceiling; POSTs by autocannon; crawler walks by wrk with wrk-walk.lua.
 * Prints a table and writes bench-results/latest.json.
 *
 * Options: --only=postgres|pglite, --rows=photos (only the photo uploads, each engine's database
 * still seeded; their memory is measured on a server of their own either way), --rows=share (only
 * sharing, on a server of its own, with the server's CPU time per share in the notes: compare
 * that across runs on a busy machine rather than req/s; written to latest-share.json), --duration=SECONDS (10), --connections=N (50),
 * --souvenirs=N (PostgreSQL's count; comments are three times as many), --profile (V8 CPU
 * profiles of the servers under bench-results/profiles/).
 * Env: DIST_DIR (where to build, default dist), BENCH_POSTGRES_URL (an admin URL of the server
 * to create the database on, default postgres://postgres@127.0.0.1:5432/postgres), BENCH_PORT.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuild } from '../lib/builds.ts';
import { measureEngine } from './measure-engine.ts';
import { dropUndroppedDatabases } from './bench-database.ts';
import { formatRun, machine } from './report.ts';
import type { EngineRun } from './report.ts';
import { ROOT } from './processes.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    rows: { type: 'string', default: 'all' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    souvenirs: { type: 'string', default: '100000' },
    profile: { type: 'boolean', default: false },
  },
});

const resultsDir = path.join(ROOT, 'bench-results');
fs.mkdirSync(resultsDir, { recursive: true });
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const profileDir = values.profile ? path.join(resultsDir, 'profiles', stamp) : undefined;
const souvenirs = Number(values.souvenirs);
const rows = values.rows === 'photos' || values.rows === 'share' ? values.rows : 'all';
const plans = [
  { engine: 'postgres' as const, souvenirs, comments: souvenirs * 3 },
  { engine: 'pglite' as const, souvenirs: Math.min(20_000, souvenirs), comments: Math.min(20_000, souvenirs) * 3 },
].filter((plan) => !values.only || plan.engine === values.only);

ensureBuild();

// Ctrl-C reaches the servers and load runners too (same process group); the databases are ours to drop.
process.once('SIGINT', () => {
  console.error('\nInterrupted: dropping the benchmark databases…');
  void dropUndroppedDatabases().finally(() => process.exit(130));
});

const runs: EngineRun[] = [];
for (const plan of plans) {
  console.log(
    `\n=== ${plan.engine}: seeding ${plan.souvenirs.toLocaleString('en')} souvenirs and ${plan.comments.toLocaleString('en')} comments ===`,
  );
  const run = await measureEngine({
    ...plan,
    duration: Number(values.duration),
    connections: Number(values.connections),
    port: Number(process.env.BENCH_PORT || 4390),
    resultsDir,
    rows,
    profileDir,
    stamp,
  });
  console.log(`\n${formatRun(run)}`);
  runs.push(run);
}

const report = {
  takenAt: new Date().toISOString(),
  machine: machine(),
  settings: {
    connections: Number(values.connections),
    durationSeconds: Number(values.duration),
    warmupSeconds: 2,
    client: 'wrk (2 threads) for GETs of one address and crawler walks; autocannon in its own process for POSTs',
  },
  runs,
};
// A partial run does not replace the full one.
const written = rows === 'all' ? 'latest.json' : `latest-${rows}.json`;
fs.writeFileSync(path.join(resultsDir, written), `${JSON.stringify(report, null, 2)}\n`);
console.log(
  `\nWritten to bench-results/${written}${profileDir ? `; CPU profiles in ${path.relative(ROOT, profileDir)}` : ''}.`,
);
const missed = runs.flatMap((run) => run.targets.filter((t) => !t.met).map((t) => `${run.engine}: ${t.name}`));
if (missed.length > 0) console.log(`Targets missed: ${missed.join('; ')}.`);
