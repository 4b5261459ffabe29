import { describeFailure } from '../ops/failure.ts';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { WALL_CHANNEL } from '../moderation/decisions.ts';

/**
 * What a `wall_changed` notification says: a souvenir the wall shows changed (approved,
 * unapproved, edited, pinned: the payload is its id), a candle was lit (`candle:<souvenir id>`),
 * a comment's publication moved a souvenir's count (`comment:<souvenir id>`), something else
 * (`other`: any payload we do not know, so a new sender still invalidates), the venue's screen
 * changed (`salle`: only venue screens care, commemoration/venue-control.ts), or `reset`: the
 * subscription was (re)established or lost, so anything may have changed unseen.
 */
export type WallSignal =
  | { kind: 'venue' }
  | { kind: 'souvenir'; id: number }
  | { kind: 'candle'; id: number }
  | { kind: 'comment'; id: number }
  | { kind: 'other' }
  | { kind: 'reset' };

export function parseWallPayload(payload: string | undefined): WallSignal {
  if (payload === 'salle') return { kind: 'venue' };
  const match = /^(?:(candle|comment):)?(\d{1,10})$/.exec(payload ?? '');
  if (!match) return { kind: 'other' };
  const id = Number(match[2]);
  return match[1] === 'candle'
    ? { kind: 'candle', id }
    : match[1] === 'comment'
      ? { kind: 'comment', id }
      : { kind: 'souvenir', id };
}

export interface WallNotifications {
  /** True while LISTEN is in place; notifications sent while it is false are lost. */
  readonly listening: boolean;
  /** Resolves once the first LISTEN is in place (or failed: it retries in the background). */
  readonly ready: Promise<void>;
  subscribe(listener: (signal: WallSignal) => void): () => void;
  close(): Promise<void>;
}

export interface NotificationSource {
  engine: 'postgres' | 'pglite';
  pglite?: PGlite | undefined;
  /** Required for PostgreSQL: the listener holds a connection of its own, outside the pool. */
  databaseUrl?: string | undefined;
}

/** The listener's application_name in pg_stat_activity. */
export const LISTENER_NAME = 'mur-wall-listener';
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;

class Fanout {
  #listeners = new Set<(signal: WallSignal) => void>();
  subscribe(listener: (signal: WallSignal) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  emit(signal: WallSignal): void {
    for (const listener of this.#listeners) {
      try {
        listener(signal);
      } catch (error) {
        console.error(`[wall] a notification listener failed: ${describeFailure(error)}`);
      }
    }
  }
  /** What the app holds, whichever engine listens: closing drops every subscriber, then `stop`s listening. */
  notifications(listening: () => boolean, ready: Promise<void>, stop: () => Promise<void>): WallNotifications {
    return {
      get listening() {
        return listening();
      },
      ready,
      subscribe: (listener) => this.subscribe(listener),
      close: async () => {
        this.#listeners.clear();
        await stop();
      },
    };
  }
}

/**
 * Listens on `wall_changed`. PostgreSQL: a dedicated `pg.Client` (a pooled connection would be
 * handed to queries and lose its LISTEN), reconnected with backoff after any error, each
 * reconnection announced as `reset`. PGlite: its own `listen`, which hears the process's commits.
 */
export function listenForWallChanges(source: NotificationSource): WallNotifications {
  const fanout = new Fanout();
  if (source.engine === 'pglite') {
    if (!source.pglite) throw new Error('PGlite notifications need the PGlite instance');
    const pglite = source.pglite;
    let listening = false;
    let unlisten: (() => Promise<void>) | null = null;
    const ready = pglite
      .listen(WALL_CHANNEL, (payload) => fanout.emit(parseWallPayload(payload)))
      .then((stop) => {
        unlisten = stop;
        listening = true;
        fanout.emit({ kind: 'reset' });
      });
    return fanout.notifications(
      () => listening,
      ready,
      async () => {
        listening = false;
        if (unlisten && !pglite.closed) await unlisten();
      },
    );
  }

  if (!source.databaseUrl) throw new Error('PostgreSQL notifications need the database URL');
  const url = source.databaseUrl;
  let listening = false;
  let closed = false;
  let client: pg.Client | null = null;
  let retryMs = RETRY_MIN_MS;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const lose = (current: pg.Client, error?: Error) => {
    if (client !== current) return;
    client = null;
    if (error) console.error(`[wall] notification connection lost: ${error.message}`);
    if (listening) {
      listening = false;
      fanout.emit({ kind: 'reset' });
    }
    current.removeAllListeners('notification');
    current.on('error', () => {});
    current.end().catch(() => {});
    if (!closed) {
      retryTimer = setTimeout(connect, retryMs);
      retryTimer.unref();
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    }
  };

  async function connect(): Promise<void> {
    retryTimer = null;
    if (closed) return;
    const current = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: 5_000,
      application_name: LISTENER_NAME,
      // A connection dropped without a reset (a NAT's timeout, a failover) is found and replaced,
      // rather than left `listening` while it hears nothing: kept pages and settings rely on it.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client = current;
    current.on('notification', (message) => {
      if (message.channel === WALL_CHANNEL) fanout.emit(parseWallPayload(message.payload));
    });
    current.on('error', (error) => lose(current, error));
    current.on('end', () => lose(current, new Error('connection ended')));
    try {
      await current.connect();
      await current.query(`listen ${WALL_CHANNEL}`);
      if (client !== current || closed) return;
      listening = true;
      retryMs = RETRY_MIN_MS;
      fanout.emit({ kind: 'reset' });
      markReady();
    } catch (error) {
      lose(current, error as Error);
      markReady();
    }
  }
  void connect();

  return fanout.notifications(
    () => listening,
    ready,
    async () => {
      closed = true;
      listening = false;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      if (current) await current.end().catch(() => {});
    },
  );
}
