import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { getRuntime } from '../runtime.ts';
import { wallNotifications } from './invalidation.ts';
import type { WallNotifications, WallSignal } from './notifications.ts';

/** What a hub is told when it is made: where it reads, what wakes it, what its failures say. */
export interface LiveHubOptions {
  notifications: WallNotifications;
  /** The notifications that may change what the hub's streams show (`reset` included: one may have been missed). */
  wakesOn: ReadonlyArray<WallSignal['kind']>;
  /** The log line's start when a read fails, `[screen] could not read …`. */
  failure: string;
}

/**
 * One reader of the database for every open live stream of this process (the live screen, the
 * venue's screen): a notification only wakes it, it reads once whatever the number of streams,
 * and hands what it read to each. Reads never overlap: a wake-up during a read makes one more
 * read after it, so nothing that changed during a read is missed. A subclass says what a read is.
 */
export abstract class LiveHub<T> {
  #listeners = new Set<(item: T) => void>();
  #closers = new Set<() => void>();
  #running: Promise<void> | null = null;
  #again = false;
  #failure: string;
  #unsubscribe: () => void;

  constructor(options: LiveHubOptions) {
    this.#failure = options.failure;
    this.#unsubscribe = options.notifications.subscribe((signal) => {
      if (options.wakesOn.includes(signal.kind)) void this.refresh();
    });
  }

  /** Reads what is new and hands it to the streams with `deliver`. */
  protected abstract read(): Promise<void>;

  protected deliver(item: T): void {
    for (const listener of this.#listeners) listener(item);
  }

  get size(): number {
    return this.#listeners.size;
  }

  /** Reads and delivers; calls during a read make one more read after it. */
  refresh(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        try {
          await this.read();
        } catch (error) {
          console.error(`${this.#failure}:`, (error as Error).message);
        }
      } while (this.#again);
    })().finally(() => (this.#running = null));
    return this.#running;
  }

  /** Adds a stream: `listener` gets each item, `close` ends the stream when the server stops. */
  subscribe(listener: (item: T) => void, close: () => void = () => {}): () => void {
    this.#listeners.add(listener);
    this.#closers.add(close);
    return () => {
      this.#listeners.delete(listener);
      this.#closers.delete(close);
    };
  }

  /** Ends every open stream now (a stop of the server): each screen reconnects to another process. */
  endAll(): void {
    for (const close of [...this.#closers]) close();
  }

  close(): void {
    this.#unsubscribe();
    this.endAll();
    this.#listeners.clear();
  }
}

/**
 * The process's one hub of a kind, made on first use on the same `wall_changed` listener as the
 * render cache. It lives on `globalThis` because Astro's bundle and our front server
 * (scripts/lib/serve.ts) load this module separately, and both must reach the same hub.
 */
export function processHub<H extends { endAll(): void }>(
  name: string,
  create: (db: Kysely<Database>, notifications: WallNotifications) => H,
): { get: () => Promise<H>; endStreams: () => Promise<void> } {
  const key = Symbol.for(`mur-des-souvenirs.${name}`);
  const holder = globalThis as { [key]?: Promise<H> };
  return {
    get() {
      holder[key] ??= (async () => create((await getRuntime()).handle.db, await wallNotifications()))();
      return holder[key];
    },
    /** Ends every open stream of this hub, if it was ever made (a stop: see LiveHub.endAll). */
    async endStreams() {
      const hub = holder[key];
      if (hub) (await hub).endAll();
    },
  };
}
