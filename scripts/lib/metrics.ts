import cluster from 'node:cluster';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import client from 'prom-client';
import { clusterMetricsText, shareMetricsWithPrimary as shareRegistry } from './cluster-metrics.ts';
import { renderSlotsReading } from './render-slots.ts';
import { shellCounts } from '../../src/lib/wall/shell-counts.ts';
import { sql } from 'kysely';
import type { Runtime } from '../../src/lib/runtime.ts';

/**
 * Prometheus metrics (prom-client): requests and latency by route, the front cache's hits and
 * misses, the outbox's depth, the moderation queue, the database pool and the event loop's delay
 * (prom-client's default process metrics). With several workers, a scrape reaching any of them
 * gets the sum of all (the primary aggregates over IPC, see cluster-metrics.ts).
 */
const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

const requests = new client.Counter({
  name: 'mur_http_requests_total',
  help: 'Requests answered, by method, route and status class (aborted: the visitor left before any answer).',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});
const duration = new client.Histogram({
  name: 'mur_http_request_duration_seconds',
  help: 'Time to answer, by route.',
  labelNames: ['route'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});
const frontCache = new client.Counter({
  name: 'mur_front_cache_total',
  help: 'Public pages answered from the front cache (hit), made there from a shell (filled), rendered by Astro (miss), never cacheable (bypass), told to come back because too many waited for a render (busy), or sent to the address without tracking parameters (redirect).',
  labelNames: ['result'] as const,
  registers: [registry],
});

/** A metric read from the database at scrape time: the same on every worker, so not summed. */
function databaseGauge(name: string, help: string, read: (runtime: Runtime) => Promise<number>, runtime: Runtime) {
  new client.Gauge({
    name,
    help,
    registers: [registry],
    aggregator: 'max',
    async collect() {
      try {
        this.set(await read(runtime));
      } catch {
        // A scrape during a database outage shows the last value; the outage shows elsewhere.
      }
    },
  });
}

/** A gauge whose values, one per value of its label, are read together at scrape time (summed over workers unless told). */
function labelledGauge(options: {
  name: string;
  help: string;
  label: string;
  aggregator?: 'max';
  read: () => Record<string, number> | Promise<Record<string, number>>;
}) {
  const gauge = new client.Gauge({
    name: options.name,
    help: options.help,
    labelNames: [options.label],
    registers: [registry],
    ...(options.aggregator ? { aggregator: options.aggregator } : {}),
    async collect() {
      for (const [value, reading] of Object.entries(await options.read()))
        gauge.set({ [options.label]: value }, reading);
    },
  });
}

let wired = false;

/** Adds the gauges that read this process's database and pool (once per process). */
export function wireMetrics(runtime: Runtime): void {
  if (wired) return;
  wired = true;
  const pool = runtime.handle.pool;
  if (pool) {
    // Registered first, so read before the gauges below ask the pool for their connections: pg
    // queues a request a tick even with idle connections, and a scrape counted its own as waiting.
    labelledGauge({
      name: 'mur_db_pool_connections',
      help: 'Connections of the PostgreSQL pool, by state.',
      label: 'state',
      read: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    });
  }
  databaseGauge(
    'mur_outbox_waiting',
    'Messages queued in the outbox, not yet sent.',
    async ({ handle }) =>
      (
        await handle.db
          .selectFrom('mail_outbox')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('status', '=', 'queued')
          .executeTakeFirstOrThrow()
      ).n,
    runtime,
  );
  databaseGauge(
    'mur_moderation_pending',
    'Souvenirs and comments waiting for a moderator.',
    async ({ handle }) => {
      const count = (table: 'souvenir' | 'comment') =>
        handle.db
          .selectFrom(table)
          .select(sql<number>`count(*)::int`.as('n'))
          .where('status', '=', 'pending')
          .executeTakeFirstOrThrow();
      const [souvenirs, comments] = await Promise.all([count('souvenir'), count('comment')]);
      return souvenirs.n + comments.n;
    },
    runtime,
  );
  labelledGauge({
    name: 'mur_wall_deep_pages',
    help: 'Deep wall pages since start: Astro renders cut into a shell, and pages filled from a shell.',
    label: 'how',
    read: () => {
      const { cut, filled } = shellCounts('wall');
      return { cut, filled };
    },
  });
  labelledGauge({
    name: 'mur_souvenir_pages',
    help: 'Souvenir pages since start: Astro renders cut into a shell, and pages filled from a shell.',
    label: 'how',
    read: () => {
      const { cut, filled } = shellCounts('souvenir');
      return { cut, filled };
    },
  });
  labelledGauge({
    name: 'mur_render_slots',
    help: 'Pages no cache holds made at once (render-slots.ts): the limit, those being made, those waiting their turn, and how many may wait (queue); summed over the workers.',
    label: 'state',
    read: renderSlotsReading,
  });
  const monitor = runtime.readRouter?.monitor;
  if (monitor) {
    labelledGauge({
      name: 'mur_replica',
      help: 'The read replica: usable (1 or 0) and its lag in seconds (-1 when unknown).',
      label: 'measure',
      // Every worker watches the same replica: the most recent reading, not a sum.
      aggregator: 'max',
      async read() {
        const status = await monitor.status();
        return { usable: status.usable ? 1 : 0, lag_seconds: status.lagMs === null ? -1 : status.lagMs / 1000 };
      },
    });
  }
}

/** A status's class for the metrics ('2xx'…), or `aborted` for a visitor gone before any answer (status 0). */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'aborted';
}

/** Counts one answered request. */
export function recordRequest(method: string, route: string, status: number, seconds: number): void {
  requests.inc({ method, route, status: statusClass(status) });
  duration.observe({ route }, seconds);
}

export function recordFrontCache(result: 'hit' | 'filled' | 'miss' | 'bypass' | 'busy' | 'redirect'): void {
  frontCache.inc({ result });
}

/**
 * Who may read /metrics: a request from this machine that no proxy forwarded, or one carrying
 * `Authorization: Bearer <METRICS_TOKEN>`. Anyone else gets the same 404 as any unknown path.
 */
export function mayReadMetrics(req: IncomingMessage, token: string | undefined): boolean {
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (token && given) {
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
  const peer = req.socket.remoteAddress ?? '';
  const local = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
  return local && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined;
}

/** This process's metrics, or every worker's summed when it is one of several. */
function metricsText(): Promise<string> {
  return cluster.isWorker && process.send ? clusterMetricsText() : registry.metrics();
}

/** In a worker: lets the primary read this process's registry (scripts/lib/cluster-metrics.ts). */
export function shareMetricsWithPrimary(): void {
  shareRegistry(registry);
}

/** GET /metrics, when allowed; false for every other request. */
export function metricsEndpoint(req: IncomingMessage, res: ServerResponse, token: string | undefined): boolean {
  if ((req.url ?? '').split('?', 1)[0] !== '/metrics' || req.method !== 'GET') return false;
  if (!mayReadMetrics(req, token)) return false;
  metricsText().then(
    (text) => {
      res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
      res.end(text);
    },
    (error: Error) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(`metrics unavailable: ${error.message}\n`);
    },
  );
  return true;
}
