import type { DbHandle } from '../../../db/create-db.ts';
import { ReadRouter } from './read-router.ts';
import { DEFAULT_MAX_LAG_MS, ReplicaMonitor } from './replica-monitor.ts';

/** REPLICA_MAX_LAG_MS: a whole number of milliseconds; anything else keeps the default, said once. */
export function parseMaxLag(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_MAX_LAG_MS;
  if (/^\d{1,7}$/.test(text)) return Number(text);
  console.warn(
    `[runtime] REPLICA_MAX_LAG_MS=${JSON.stringify(text)} is not a number of milliseconds; using ${DEFAULT_MAX_LAG_MS}.`,
  );
  return DEFAULT_MAX_LAG_MS;
}

/** DATABASE_REPLICA_URL when there is a primary to follow (DATABASE_URL); with PGlite it is ignored, and said. */
export function replicaUrlOf(env: Record<string, string | undefined>): string | undefined {
  if (!env.DATABASE_REPLICA_URL) return undefined;
  if (env.DATABASE_URL) return env.DATABASE_REPLICA_URL;
  console.warn('[runtime] DATABASE_REPLICA_URL is ignored: the embedded database (no DATABASE_URL) has no replica.');
  return undefined;
}

/** The host, port and database of a URL, for a log line (never its password). */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'an unreadable URL';
  }
}

/** The router over the handle's replica, wired to hear when a connection to it fails; none without a replica. */
export function openReadRouter(
  handle: DbHandle,
  maxLagSetting: string | undefined,
  replicaUrl: string | undefined,
): ReadRouter | undefined {
  if (!handle.replica || !replicaUrl) return undefined;
  const maxLagMs = parseMaxLag(maxLagSetting);
  const monitor = new ReplicaMonitor(handle.replica.db, { maxLagMs });
  handle.replica.onUnreachable((error) => monitor.reportUnreachable(error));
  console.log(
    `[runtime] public pages read from the replica at ${describeDatabaseUrl(replicaUrl)} while it is up and less than ${maxLagMs} ms behind.`,
  );
  return new ReadRouter(handle.db, handle.replica.db, monitor);
}
