/**
 * A crawler's walk driven by `wrk` (issue 19 item 6): each address asked once, by a client that
 * costs a tenth of autocannon's CPU per request, on a machine where the client shares the two
 * cores with the server and PostgreSQL. Timed from wrk's start to the moment every thread has its
 * last answer (wrk-walk.lua says so on stdout), not over wrk's fixed duration.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuSecondsOf, cpuSpent } from './processes.ts';
import type { ServerThreads } from './processes.ts';
import type { LoadResult, LoadSpec } from './load.ts';
import { WRK_THREADS, wrkArguments, wrkResult } from './wrk-load.ts';
import type { WrkReport } from './wrk-load.ts';

const WALK_SCRIPT = path.join(import.meta.dirname, 'wrk-walk.lua');
/** An event stream (the public screen's): a connection past its thread's share waits on it, unanswered (wrk-walk.lua). */
const HOLD_PATH = '/ecran/flux';
/** Longer than any walk: wrk is stopped as soon as the walk is answered. */
const LONGEST_WALK_S = 300;

/** CPU seconds used so far by the server, and by each of the database's backends (null when they are not processes here). */
export interface CpuReading {
  server: number;
  /** The server's, by kind of thread, when it is a process here. */
  serverThreads?: ServerThreads;
  database: Map<number, number> | null;
}

export interface Walked extends LoadResult {
  /** CPU per address walked, in ms: the server's, the database's, and wrk's own. */
  cpuMsPerRequest: { server: number; database: number | null; client: number; serverThreads?: ServerThreads };
}

async function walkOnce(wrk: string, spec: LoadSpec, paths: string[], readCpu: () => CpuReading): Promise<Walked> {
  const list = path.join(os.tmpdir(), `mur-bench-walk-${process.pid}-${Date.now()}.txt`);
  fs.writeFileSync(list, `${paths.join('\n')}\n`);
  const threads = Math.min(WRK_THREADS, paths.length);
  const args = wrkArguments({ ...spec, connections: Math.min(spec.connections, paths.length) }, LONGEST_WALK_S, {
    script: WALK_SCRIPT,
    threads,
  });
  const cpuBefore = readCpu();
  const started = performance.now();
  const child = spawn(wrk, [...args, '--', list, String(threads), HOLD_PATH], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  let walkedAt: number | null = null;
  let clientCpuSeconds = 0;
  let cpuAfter: CpuReading | null = null;
  // wrk's own CPU, read while it runs: after it exits there is nothing left to read.
  const readClient = () => {
    try {
      clientCpuSeconds = cpuSecondsOf(child.pid!);
    } catch {
      // exited
    }
  };
  const polling = setInterval(readClient, 250);
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (walkedAt === null && output.split('\n').filter((line) => line === 'walked').length === threads) {
      walkedAt = performance.now();
      readClient();
      cpuAfter = readCpu();
      child.kill('SIGINT');
    }
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  clearInterval(polling);
  fs.rmSync(list, { force: true });
  const line = output.split('\n').find((l) => l.startsWith('{'));
  if (code !== 0 || !line) throw new Error(`wrk exited with ${code}: ${output.slice(-500)}`);
  const report = JSON.parse(line) as WrkReport;
  // A walk that lost an answer (a socket error) never says it is done: wrk ran its whole duration,
  // the rate is over that, and the addresses not answered count as errors.
  const after = cpuAfter ?? readCpu();
  const answered = walkedAt === null ? Math.min(report.requests, paths.length) : paths.length;
  const seconds = walkedAt === null ? report.durationUs / 1e6 : (walkedAt - started) / 1000;
  const result = wrkResult(report, seconds);
  const perRequest = (cpuSeconds: number) => Math.round((cpuSeconds * 1e5) / answered) / 100;
  const database = cpuSpent(cpuBefore.database, after.database);
  return {
    ...result,
    requestsPerSecond: answered / seconds,
    total: answered,
    errors: result.errors + (paths.length - answered),
    cpuMsPerRequest: {
      server: perRequest(after.server - cpuBefore.server),
      database: database === null ? null : perRequest(database),
      client: perRequest(clientCpuSeconds),
      ...(cpuBefore.serverThreads && after.serverThreads
        ? { serverThreads: threadsPerRequest(cpuBefore.serverThreads, after.serverThreads, perRequest) }
        : {}),
    },
  };
}

function threadsPerRequest(
  before: ServerThreads,
  after: ServerThreads,
  perRequest: (cpuSeconds: number) => number,
): ServerThreads {
  return {
    main: perRequest(after.main - before.main),
    v8: perRequest(after.v8 - before.v8),
    pool: perRequest(after.pool - before.pool),
    other: perRequest(after.other - before.other),
  };
}

/** The warm-up walk (other addresses), then the measured one; the row's figures, CPU included, are the latter's. */
export async function runWrkWalk(wrk: string, spec: LoadSpec, readCpu: () => CpuReading): Promise<Walked> {
  if (!spec.paths?.length) throw new Error('runWrkWalk needs the paths to walk');
  if (spec.warmupPaths?.length) await walkOnce(wrk, spec, spec.warmupPaths, readCpu);
  return walkOnce(wrk, spec, spec.paths, readCpu);
}
