/**
 * `npm run bench:anniversary`: the anniversary's load (issue 21) on a fresh PostgreSQL database
 * with 2 000 souvenirs, against the built server (`dist/`, build it first): 500 open event
 * streams (half the venue's screen, half the public one), 200 candles/s and 50 shares/s for
 * 60 s, while the wall and the venue screen are read every 100 ms. Says the pages' p99, how many
 * streams dropped, and whether every candle and share answered was counted in the database.
 *
 * Every request that is not counted as done is tallied by its reason (status and the Action's
 * error code, or the client's error), the events each stream received are counted (candles must
 * reach screens in batches, not one event each), and the front cache's renders are read from
 * /metrics before and after (candles must not re-render pages one by one).
 *
 * Options: --seconds=N (or --duration=N; 60), --streams=N (500), --candles=PER_SECOND (200),
 * --shares=PER_SECOND (50). Env: BENCH_POSTGRES_URL, BENCH_PORT (4390).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createBenchDatabase, dropUndroppedDatabases, openMigrated } from './bench-database.ts';
import { seedBenchData } from './seed.ts';
import { ROOT, startServer } from './processes.ts';
import { countStreamEvents, cpuSecondsOf, failureReason, frontCacheCounts, Reasons } from './anniversary-probes.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string' },
    seconds: { type: 'string' },
    streams: { type: 'string', default: '500' },
    candles: { type: 'string', default: '200' },
    shares: { type: 'string', default: '50' },
  },
});
const seconds = Number(values.seconds ?? values.duration ?? 60);
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);

function p99(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? NaN);
}

/** Calls `fire` `perSecond` times a second, spread evenly, until `until`; resolves when all answered. */
async function paced(perSecond: number, until: number, fire: (n: number) => Promise<void>): Promise<void> {
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let n = 0; Date.now() < until; n++) {
    const due = start + (n * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(fire(n));
  }
  await Promise.all(pending);
}

const database = await createBenchDatabase('postgres', stamp);
try {
  const handle = await openMigrated(database);
  await seedBenchData(handle.db, { souvenirs: 2_000, comments: 0, concurrency: 2 });
  const ids = (
    await handle.db.selectFrom('souvenir').select('public_id').where('status', '=', 'approved').execute()
  ).map((r) => r.public_id);
  const before = await handle.db.selectFrom('wall_stat').select('candles').executeTakeFirstOrThrow();
  const souvenirsBefore = Number(
    (await sql<{ n: number }>`select count(*)::int as n from souvenir`.execute(handle.db)).rows[0]!.n,
  );
  const server = await startServer({
    name: 'anniversary',
    port: Number(process.env.BENCH_PORT ?? 4390),
    // TRUST_PROXY: each candle comes from an address of its own (one candle per visitor per day).
    env: { ...database.serverEnv, LIFT_RATE_LIMITS: '1', TRUST_PROXY: '1' },
    logFile: path.join(ROOT, 'bench-results', `anniversary-${stamp}.log`),
  });
  const origin = server.origin;
  try {
    // The streams: each must stay open for the whole run.
    const abort = new AbortController();
    let opened = 0;
    const dropReasons = new Reasons();
    // Events received by every stream, by name, counted from the run's start (the first state excluded).
    const events: Record<string, number> = {};
    const streams = Array.from({ length: Number(values.streams) }, async (_, i) => {
      const response = await fetch(`${origin}${i % 2 ? '/ecran/flux' : '/ecran/salle/flux'}`, {
        signal: abort.signal,
      }).catch(async (error: unknown) => dropReasons.add(await failureReason(null, error)));
      if (!(response instanceof Response)) return;
      if (response.status !== 200 || !response.body) return dropReasons.add(await failureReason(response));
      opened += 1;
      try {
        await countStreamEvents(response.body, events);
        if (!abort.signal.aborted) dropReasons.add('ended by the server');
      } catch (error) {
        if (!abort.signal.aborted) dropReasons.add(await failureReason(null, error));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const name of Object.keys(events)) events[name] = 0;
    const cacheBefore = await frontCacheCounts(origin);
    const cpuBefore = cpuSecondsOf(server.pid);
    const clientCpuBefore = process.cpuUsage();
    const loadBefore = os.loadavg()[0]!;
    const until = Date.now() + seconds * 1000;
    const latencies: Record<string, number[]> = { '/': [], '/ecran/salle': [] };
    const pageFailures = new Reasons();
    const probe = (async () => {
      while (Date.now() < until) {
        for (const page of Object.keys(latencies)) {
          const started = performance.now();
          // A page that fails is counted with its reason and its time, never dropped from the p99.
          const response = await fetch(`${origin}${page}`).catch((error: unknown) => error);
          if (!(response instanceof Response)) pageFailures.add(await failureReason(null, response));
          else if (response.status !== 200) pageFailures.add(await failureReason(response));
          else await response.arrayBuffer();
          latencies[page]!.push(performance.now() - started);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    let candlesLit = 0;
    const candleFailures = new Reasons();
    const candles = paced(Number(values.candles), until, async (n) => {
      const response = await fetch(`${origin}/_actions/lightCandle`, {
        method: 'POST',
        headers: {
          origin,
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        },
        body: new URLSearchParams({ souvenir: ids[n % ids.length]!, locale: 'fr' }),
      }).catch((error: unknown) => error);
      if (!(response instanceof Response)) return candleFailures.add(await failureReason(null, response));
      if (!response.ok) return candleFailures.add(await failureReason(response));
      // Actions answer in devalue's format: the outcome is one of its strings.
      const answer = await response.text();
      if (answer.includes('"lit"')) candlesLit += 1;
      else candleFailures.add(answer.includes('"already_lit"') ? 'already lit' : `200 ${answer.slice(0, 60)}`);
    });
    let shared = 0;
    let sharedInPlace = 0;
    const shareFailures = new Reasons();
    const shares = paced(Number(values.shares), until, async (n) => {
      const response = await fetch(`${origin}/partager?_action=share`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          origin,
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': `10.200.0.${n % 250}`,
        },
        body: new URLSearchParams({
          name: 'Banc',
          email: `banc${n}@example.org`,
          body: `Le concert du soir numéro ${n}, la salle qui chante (démo).`,
          consent: 'on',
        }),
      }).catch((error: unknown) => error);
      if (!(response instanceof Response)) return shareFailures.add(await failureReason(null, response));
      if (response.status === 303) return void (shared += 1);
      // A 200 is either the thank-you answered in place (stored, but its flash could not be kept:
      // it carries the private link) or the form again with its errors, whose words name why.
      const text = response.status === 200 ? await response.clone().text() : '';
      if (/\/mes-souvenirs\/[A-Za-z0-9_-]{32}/.test(text)) sharedInPlace += 1;
      else shareFailures.add(await failureReason(response));
    });
    await Promise.all([probe, candles, shares]);
    const cacheAfter = await frontCacheCounts(origin);
    // The server's CPU per second of the run: above 1 its one worker cannot keep up on any machine.
    const serverCpuSeconds = cpuSecondsOf(server.pid) - cpuBefore;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    abort.abort();
    await Promise.allSettled(streams);
    const after = await handle.db.selectFrom('wall_stat').select('candles').executeTakeFirstOrThrow();
    const souvenirsAfter = Number(
      (await sql<{ n: number }>`select count(*)::int as n from souvenir`.execute(handle.db)).rows[0]!.n,
    );
    const probeCount = () => Object.values(latencies).reduce((sum, l) => sum + l.length, 0);
    const result = {
      seconds,
      loadAverage: { before: loadBefore, after: os.loadavg()[0]!, cores: os.cpus().length },
      serverCpu: {
        seconds: Math.round(serverCpuSeconds * 10) / 10,
        perSecondOfRun: Math.round((serverCpuSeconds / seconds) * 100) / 100,
        msPerRequest:
          Math.round(
            ((serverCpuSeconds * 1000) /
              (candlesLit + candleFailures.total + shared + sharedInPlace + shareFailures.total + probeCount())) *
              100,
          ) / 100,
      },
      // The load runner's own CPU (streams, requests): on a shared machine it competes with the server.
      benchClientCpuSeconds: Math.round((clientCpu.user + clientCpu.system) / 1e5) / 10,
      streams: {
        asked: Number(values.streams),
        opened,
        dropped: dropReasons.total,
        dropReasons: dropReasons.counts,
        eventsDuringRun: events,
      },
      pages: Object.fromEntries(
        Object.entries(latencies).map(([page, l]) => [page, { requests: l.length, p99Ms: p99(l) }]),
      ),
      pageErrors: pageFailures.total,
      pageFailures: pageFailures.counts,
      frontCacheDuringRun: Object.fromEntries(
        Object.entries(cacheAfter).map(([result, n]) => [result, n - (cacheBefore[result] ?? 0)]),
      ),
      candles: {
        answeredLit: candlesLit,
        failed: candleFailures.total,
        failures: candleFailures.counts,
        counted: after.candles - before.candles,
      },
      shares: {
        answered303: shared,
        answeredThanksInPlace: sharedInPlace,
        failed: shareFailures.total,
        failures: shareFailures.counts,
        stored: souvenirsAfter - souvenirsBefore,
      },
    };
    console.log(JSON.stringify(result, null, 2));
    fs.writeFileSync(path.join(ROOT, 'bench-results', 'anniversary.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await server.stop();
    await handle.close();
  }
} finally {
  await database.drop();
  await dropUndroppedDatabases();
}
