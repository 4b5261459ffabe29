import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import os from 'node:os';

/**
 * How many serving processes `npm start` runs: one per core on PostgreSQL (WEB_CONCURRENCY to
 * choose), always one on PGlite, which a single process owns (db/lock.ts).
 */
export function workerCount(engine: 'postgres' | 'pglite', fromEnv: string | undefined): number {
  if (engine === 'pglite') return 1;
  const wanted = Number(fromEnv);
  if (fromEnv && Number.isInteger(wanted) && wanted >= 1 && wanted <= 64) return wanted;
  return os.availableParallelism();
}

/** A worker that dies this soon after starting is not restarted at once again (a crash loop). */
const RESTART_MIN_MS = 1_000;
const RESTART_MAX_MS = 30_000;
/**
 * Workers that end before any has served (at least two per worker), after which the host stops
 * trying (exit code 1). Once one has served, a worker that dies is restarted for as long as the
 * host runs, with backoff: a database that comes back, a memory spike, heal by themselves.
 */
const GIVE_UP_AFTER = 4;
/** How long a stop waits for workers to finish their requests before ending them. */
const STOP_GRACE_MS = 15_000;

/**
 * The primary of `npm start` with several workers: forks them (node:cluster shares the port),
 * restarts one that dies, with backoff, and on SIGTERM/SIGINT passes the signal on and waits for
 * each to finish its requests. Resolves once every worker listens the first time.
 */
export function runWorkers(count: number, env: Record<string, string>, onStopped: () => void): Promise<void> {
  let stopping = false;
  let delay = RESTART_MIN_MS;
  let everListened = false;
  let failedStarts = 0;
  const startedAt = new Map<number, number>();
  const fork = (): Worker => {
    const worker = cluster.fork(env);
    startedAt.set(worker.id, Date.now());
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    delay = lived > RESTART_MAX_MS ? RESTART_MIN_MS : Math.min(delay * 2, RESTART_MAX_MS);
    // Workers that never served (a port in use, a broken build) will not serve by trying for
    // ever: the host exits with an error, for its service manager to see and restart.
    if (!everListened && ++failedStarts >= Math.max(GIVE_UP_AFTER, 2 * count)) {
      console.error(`[workers] ${failedStarts} workers ended before serving: stopping (see the errors above).`);
      process.exit(1);
    }
    console.error(`[workers] worker ${worker.process.pid} ended (${signal ?? code}); another starts in ${delay} ms`);
    // Not unref'd: with every worker gone, this timer is what keeps the host alive to restart one.
    setTimeout(() => !stopping && fork(), delay);
  });
  cluster.on('listening', () => (everListened = true));
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: each worker finishes its requests in flight, then closes the database…`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    const force = setTimeout(() => {
      const left = workers.filter((w) => w.process.exitCode === null && w.process.signalCode === null);
      console.error(`[workers] ${left.length} worker(s) still busy after ${STOP_GRACE_MS / 1000} s: ended (SIGKILL).`);
      left.forEach((w) => w.process.kill('SIGKILL'));
    }, STOP_GRACE_MS);
    force.unref();
    let left = workers.length;
    if (left === 0) onStopped();
    for (const worker of workers) {
      worker.once('exit', () => --left === 0 && onStopped());
      worker.process.kill(signal);
    }
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  return new Promise((resolve) => {
    let listening = 0;
    const onListening = () => {
      if (++listening === count) {
        cluster.off('listening', onListening);
        resolve();
      }
    };
    cluster.on('listening', onListening);
    for (let i = 0; i < count; i++) fork();
  });
}
