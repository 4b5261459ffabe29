import net from 'node:net';

/**
 * Ports below Linux's ephemeral range (32768–60999 by default), where the kernel never puts a
 * connection's own end: a port the kernel picked for `listen(0)` and that was closed again could
 * be taken by any outgoing connection (a fetch, a database pool) before the test's server bound it.
 */
const FIRST = 20_000;
/** Each Vitest worker of a run draws from its own slice, so that two files running at once never pick the same port. */
const PER_WORKER = 1_000;
const WORKERS = 12;

const worker = Number(process.env.VITEST_POOL_ID ?? '0') % WORKERS;
// A random start in the slice: two runs at once on one machine (rare) are unlikely to walk in step.
let offset = Math.floor(Math.random() * PER_WORKER);

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A TCP port free on 127.0.0.1 right now, from this worker's own slice (see above). */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < PER_WORKER; tries++) {
    const port = FIRST + worker * PER_WORKER + (offset++ % PER_WORKER);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port between ${FIRST + worker * PER_WORKER} and ${FIRST + (worker + 1) * PER_WORKER}`);
}
