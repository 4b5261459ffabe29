/**
 * `npm run bench:cold`: what one cold render costs (issue 19, item 2), one request at a time so
 * the numbers are per page rather than a load generator's throughput. Seeds a fresh PostgreSQL
 * database (or reuses one given with --database-url), starts the production server with both
 * caches off, renders distinct deep wall pages, distinct souvenir pages and the souvenir with 50
 * comments, and prints per page the server's own CPU time (what a shared, busy machine inflates
 * least), the latency (median, p90, p99) and the HTML bytes, then the server's resident memory.
 *
 * Options: --caches (the server as `npm start` runs it, keeping what it renders: the walk is then
 * a crawler's first visits, and the memory after it what the bench reads), --souvenirs=N (20 000),
 * --pages=N (300 of each kind), --database-url=URL (skip the seed; the database must hold the
 * bench's rows), --keep (leave the seeded database), --profile (a V8 CPU profile under
 * bench-results/profiles/cold-…/, for `npm run bench:profile -- FILE`), --node-flags='…' (instead
 * of those of `npm start`, to compare heap settings).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createDb } from '../../db/index.ts';
import type { DbHandle } from '../../db/index.ts';
import { createBenchDatabase, openMigrated } from './bench-database.ts';
import type { BenchDatabase } from './bench-database.ts';
import { deepWallPaths, souvenirPagePaths } from './crawl-paths.ts';
import { ROOT, startServer } from './processes.ts';
import type { ServerProcess } from './processes.ts';
import { seedBenchData } from './seed.ts';

const { values } = parseArgs({
  options: {
    souvenirs: { type: 'string', default: '20000' },
    pages: { type: 'string', default: '300' },
    'database-url': { type: 'string' },
    keep: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'node-flags': { type: 'string' },
    caches: { type: 'boolean', default: false },
  },
});

const pages = Number(values.pages);
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);

interface Timing {
  what: string;
  count: number;
  /** The server's own CPU time (user + system) per page: what contention on a shared machine does not inflate. */
  cpuMs: number;
  medianMs: number;
  p90Ms: number;
  p99Ms: number;
  meanBytes: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** CPU time a process has used, in ms (Linux /proc; clock ticks are 10 ms here). */
function cpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Asks each address once, in turn, and times the whole answer (headers and body). */
async function timeRenders(server: ServerProcess, what: string, paths: string[]): Promise<Timing> {
  const { origin } = server;
  const ms: number[] = [];
  let bytes = 0;
  const cpuBefore = cpuMsOf(server.pid);
  for (const urlPath of paths) {
    const started = performance.now();
    const response = await fetch(`${origin}${urlPath}`, { headers: { 'accept-language': 'fr' } });
    const body = await response.arrayBuffer();
    ms.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${urlPath} answered ${response.status}`);
    bytes += body.byteLength;
  }
  const cpuMs = (cpuMsOf(server.pid) - cpuBefore) / paths.length;
  ms.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    what,
    count: paths.length,
    cpuMs: round(cpuMs),
    medianMs: round(quantile(ms, 0.5)),
    p90Ms: round(quantile(ms, 0.9)),
    p99Ms: round(quantile(ms, 0.99)),
    meanBytes: Math.round(bytes / paths.length),
  };
}

let database: BenchDatabase | null = null;
let handle: DbHandle;
let commentedPublicId: string;
if (values['database-url']) {
  handle = await createDb({ databaseUrl: values['database-url'], poolSize: 2 });
  const row = await sql<{ public_id: string }>`
    select public_id from souvenir where status = 'approved' order by comment_count desc limit 1`.execute(handle.db);
  commentedPublicId = row.rows[0]!.public_id;
} else {
  database = await createBenchDatabase('postgres', `cold_${stamp}`);
  handle = await openMigrated(database);
  const souvenirs = Number(values.souvenirs);
  const seeded = await seedBenchData(handle.db, { souvenirs, comments: souvenirs * 3, concurrency: 3 });
  commentedPublicId = seeded.commentedPublicId;
  console.log(`Seeded ${souvenirs} souvenirs in ${seeded.seconds.toFixed(1)} s: ${database.serverEnv.DATABASE_URL}`);
}
const wallPaths = await deepWallPaths(handle.db, pages + 20);
const souvenirPaths = await souvenirPagePaths(handle.db, pages + 20);
await handle.close();

const server = await startServer({
  name: 'cold',
  port: Number(process.env.BENCH_PORT || 4391),
  env: {
    ...(database?.serverEnv ?? { DATABASE_URL: values['database-url']! }),
    // Off unless --caches: then every address is still asked once, as by a crawler, and the
    // server keeps what it renders (its memory after the walk is issue 19's item 3).
    ...(values.caches ? {} : { FRONT_CACHE: 'off', RENDER_CACHE: 'off' }),
    IP_HASH_SECRET: 'bench-secret-0123456789abcdef',
  },
  logFile: path.join(os.tmpdir(), `mur-cold-${stamp}.log`),
  profileDir: values.profile ? path.join(ROOT, 'bench-results/profiles', `cold-${stamp}`) : undefined,
  nodeFlags: values['node-flags']?.split(/\s+/).filter(Boolean),
});
try {
  const rssAtStart = server.rssMb();
  // Warm-up: the first renders load the page modules and fill V8's inline caches.
  await timeRenders(server, 'warm-up', [...wallPaths.slice(0, 20), ...souvenirPaths.slice(0, 20)]);
  const timings = [
    await timeRenders(server, 'deep wall pages (distinct)', wallPaths.slice(20)),
    await timeRenders(server, 'souvenir pages (distinct)', souvenirPaths.slice(20)),
    // A query string the cache never keeps (cache-policy.ts), so each one is a render even with --caches.
    await timeRenders(
      server,
      'souvenir with 50 comments',
      Array.from({ length: pages }, (_, i) => `/souvenirs/${commentedPublicId}?n=${i}`),
    ),
  ];
  console.log(
    `load average ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')}`,
  );
  console.table(timings);
  console.log(`server RSS: ${rssAtStart} MB at start, ${server.rssMb()} MB after the renders`);
} finally {
  await server.stop();
  if (database && !values.keep) await database.drop();
  else if (database) console.log(`Kept: --database-url=${database.serverEnv.DATABASE_URL}`);
}
