import path from 'node:path';
import { createDb, migrateToLatest, DEFAULT_DATA_DIR } from '../../db/index.ts';
import type { DbHandle } from '../../db/index.ts';
import { parsePoolSize } from '../../db/pool-size.ts';
import { loadIpHashSecret } from './privacy/ip-hash.ts';
import { embedFrameAncestors } from './wall/embed-policy.ts';
import { parseTrustedProxies } from './security/client-address.ts';
import { parsePublicOrigin } from './security/public-origin.ts';
import { readMailConfig } from './mail/transport.ts';
import type { MailConfig } from './mail/transport.ts';
import { openReadRouter, replicaUrlOf } from './replica/open-read-router.ts';
import type { ReadRouter } from './replica/read-router.ts';

export interface Runtime {
  handle: DbHandle;
  ipHashSecret: string;
  /** The origin people reach the site at (https://…, no trailing slash), when configured. */
  publicOrigin: string | undefined;
  /** Rate limits and flood checks are off (LIFT_RATE_LIMITS=1): load tests and benchmarks only. */
  limitsLifted: boolean;
  /** The PostgreSQL URL, when not embedded (the wall's LISTEN needs a connection of its own). */
  databaseUrl: string | undefined;
  /** Who may frame /embed (EMBED_FRAME_ANCESTORS, see wall/embed-policy.ts). */
  embedFrameAncestors: string;
  /** Proxies in front that append to X-Forwarded-For (TRUST_PROXY, see security/client-address.ts); 0: none. */
  trustedProxies: number;
  /** SMTP_URL and MAIL_FROM (mail/transport.ts); without SMTP_URL messages wait in the outbox. */
  mail: MailConfig;
  /** Where public pages read (DATABASE_REPLICA_URL, replica/read-router.ts); absent: everything reads the primary. */
  readRouter: ReadRouter | undefined;
}

type Env = Record<string, string | undefined>;

/** Opens the database from the environment, applies migrations and loads the secrets. */
export async function openRuntime(env: Env = process.env): Promise<Runtime> {
  const publicOrigin = parsePublicOrigin(env.PUBLIC_ORIGIN);
  const mail = readMailConfig(env, publicOrigin);
  const dataDir = env.DATA_DIR || DEFAULT_DATA_DIR;
  const replicaUrl = replicaUrlOf(env);
  const poolSize = parsePoolSize(env.DATABASE_POOL_SIZE);
  const handle = await createDb({ databaseUrl: env.DATABASE_URL || undefined, dataDir, replicaUrl, poolSize });
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  let ipHashSecret: string;
  try {
    ipHashSecret = await loadIpHashSecret(handle.db, env.IP_HASH_SECRET, path.dirname(path.resolve(dataDir)));
  } catch (error) {
    await handle.close();
    throw error;
  }
  const limitsLifted = env.LIFT_RATE_LIMITS === '1';
  if (limitsLifted) console.warn('[runtime] LIFT_RATE_LIMITS=1: rate limits and flood checks are OFF.');
  return {
    handle,
    ipHashSecret,
    publicOrigin,
    limitsLifted,
    databaseUrl: env.DATABASE_URL || undefined,
    embedFrameAncestors: embedFrameAncestors(env.EMBED_FRAME_ANCESTORS),
    trustedProxies: parseTrustedProxies(env.TRUST_PROXY),
    mail,
    readRouter: openReadRouter(handle, env.REPLICA_MAX_LAG_MS, replicaUrl),
  };
}

// One runtime per process, shared by the start script and the Vite-bundled server.
const KEY = Symbol.for('mur-des-souvenirs.runtime');
type Holder = { [KEY]?: Promise<Runtime> };

export function setRuntime(runtime: Runtime): void {
  (globalThis as Holder)[KEY] = Promise.resolve(runtime);
}

/** The process's runtime; opened on first use when no start script provided one (astro dev). */
export function getRuntime(): Promise<Runtime> {
  const holder = globalThis as Holder;
  holder[KEY] ??= openRuntime();
  return holder[KEY];
}

/** Whether this process has a runtime already (a page rendered outside a server, as in component tests, has none). */
export function hasRuntime(): boolean {
  return (globalThis as Holder)[KEY] !== undefined;
}

export async function getDb() {
  return (await getRuntime()).handle.db;
}

/** Whether an error means the database could not be reached (error pages answer 503 for it). */
export { isConnectionLost } from '../../db/connection-loss.ts';
