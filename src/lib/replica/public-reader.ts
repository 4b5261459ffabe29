import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { getRuntime } from '../runtime.ts';
import { wallNotifications } from '../wall/invalidation.ts';
import type { WallNotifications } from '../wall/notifications.ts';
import type { ReadRouter } from './read-router.ts';
import { ownWriteKey, ownWriteLsn } from './own-writes.ts';

/**
 * Tells the router of every change the wall hears (and of each LISTEN (re)connection, which may
 * have missed some), but candles: the pages show a candle count up to CANDLE_INVALIDATION_MS late
 * by design, far more than the replica's lag, and at a commemoration a candle every few ms would
 * otherwise keep every read on the primary. Whoever lit one reads it through their cookie.
 */
export function followWallChanges(router: ReadRouter, notifications: WallNotifications): () => void {
  const unsubscribe = notifications.subscribe((signal) => {
    if (signal.kind !== 'candle') router.noteChange();
  });
  // Anything committed before this process listened counts as a change heard now.
  router.noteChange();
  return unsubscribe;
}

const KEY = Symbol.for('mur-des-souvenirs.replica-follows-wall');
type Holder = { [KEY]?: Promise<void> };

function followOnce(router: ReadRouter): Promise<void> {
  const holder = globalThis as Holder;
  holder[KEY] ??= wallNotifications().then(
    (notifications) => void followWallChanges(router, notifications),
    (error: unknown) => {
      // Without notifications a change is never heard: the replica is still bounded by REPLICA_MAX_LAG_MS.
      console.error('[replica] not told of changes; pages trust the lag bound only:', (error as Error).message);
    },
  );
  return holder[KEY];
}

// One choice per request: the page, its components and the cache's version check read one database.
const chosen = new WeakMap<Request, Promise<Kysely<Database>>>();

/**
 * The database a public page (wall, souvenir page, feeds, live screen, embed, search) reads from:
 * the replica when DATABASE_REPLICA_URL is set and it is usable and fresh enough for this request
 * (replica/read-router.ts), else the primary, which is also what `getDb()` gives. A write request
 * always reads the primary: it acts on what it reads.
 */
export function publicReader(request: Request): Promise<Kysely<Database>> {
  let reader = chosen.get(request);
  if (!reader) {
    reader = chooseReader(request);
    chosen.set(request, reader);
  }
  return reader;
}

async function chooseReader(request: Request): Promise<Kysely<Database>> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return (await getRuntime()).handle.db;
  return visitorReader(request.headers.get('cookie'));
}

/**
 * The database for a GET of a public page outside Astro (the front cache filling a page from its
 * shell, wall/shell-fill.ts): the same choice as publicReader's, from the request's Cookie header.
 */
export async function visitorReader(cookieHeader: string | null | undefined): Promise<Kysely<Database>> {
  const { handle, readRouter, ipHashSecret } = await getRuntime();
  if (!readRouter) return handle.db;
  await followOnce(readRouter);
  return readRouter.reader(ownWriteLsn(cookieHeader, ownWriteKey(ipHashSecret)));
}
