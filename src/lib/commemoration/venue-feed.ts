import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { WallNotifications } from '../wall/notifications.ts';
import { readVenueState } from './venue-state.ts';
import type { VenueState } from './venue-state.ts';

/** Re-read even without a notification: a missed NOTIFY is caught up, clocks are corrected again. */
export const VENUE_REFRESH_MS = 10_000;
const HEARTBEAT_MS = 15_000;
const RETRY_MS = 2_000;

/** What the hub hands its streams: the state's text once, stamped with the clock at each send. */
export interface VenueFrames {
  loop: string;
  silence: string;
}

function framesOf(state: VenueState): VenueFrames {
  const { silence, now: _readAt, ...loop } = state;
  return { loop: JSON.stringify(loop), silence: JSON.stringify(silence) };
}

/**
 * One reader of the venue's state for every open venue screen of this process: a notification
 * (`salle`, a souvenir's change, a reconnection) or the periodic refresh makes one read from the
 * database, whatever the number of screens, and each screen gets it.
 */
export class VenueHub {
  #db: Kysely<Database>;
  #listeners = new Set<(frames: VenueFrames) => void>();
  #closers = new Set<() => void>();
  #latest: Promise<VenueFrames> | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #unsubscribe: () => void;
  #timer: ReturnType<typeof setInterval>;

  constructor(db: Kysely<Database>, notifications: WallNotifications, refreshMs = VENUE_REFRESH_MS) {
    this.#db = db;
    this.#unsubscribe = notifications.subscribe((signal) => {
      if (signal.kind === 'venue' || signal.kind === 'souvenir' || signal.kind === 'reset') void this.refresh();
    });
    this.#timer = setInterval(() => void this.refresh(), refreshMs);
    this.#timer.unref?.();
  }

  get size(): number {
    return this.#listeners.size;
  }

  /** The last state read (read now if none was). */
  latest(): Promise<VenueFrames> {
    this.#latest ??= readVenueState(this.#db).then(framesOf);
    return this.#latest;
  }

  /** Reads the state and hands it to every screen; calls during a read make one more read after it. */
  refresh(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        try {
          const frames = framesOf(await readVenueState(this.#db));
          this.#latest = Promise.resolve(frames);
          for (const listener of this.#listeners) listener(frames);
        } catch (error) {
          console.error('[venue] could not read the screen state:', (error as Error).message);
        }
      } while (this.#again);
    })().finally(() => (this.#running = null));
    return this.#running;
  }

  subscribe(listener: (frames: VenueFrames) => void, close: () => void = () => {}): () => void {
    this.#listeners.add(listener);
    this.#closers.add(close);
    return () => {
      this.#listeners.delete(listener);
      this.#closers.delete(close);
    };
  }

  endAll(): void {
    for (const close of [...this.#closers]) close();
  }

  close(): void {
    clearInterval(this.#timer);
    this.#unsubscribe();
    this.endAll();
    this.#listeners.clear();
  }
}

/**
 * The event-stream text of a state: `salle` (the loop) and `silence` (the silence going on or
 * next, or null), each with `now`, the server's clock when it was written, so that every screen
 * schedules from the same clock.
 */
export function venueEvents(frames: VenueFrames, now = Date.now()): string {
  return (
    `event: salle\ndata: {"now":${now},"state":${frames.loop}}\n\n` +
    `event: silence\ndata: {"now":${now},"silence":${frames.silence}}\n\n`
  );
}

/** The `silence` event alone, for the public live screen: it goes silent with the venue's. */
export function silenceEvent(frames: VenueFrames, now = Date.now()): string {
  return `event: silence\ndata: {"now":${now},"silence":${frames.silence}}\n\n`;
}

/** Sends `silence` events to one more stream (the public screen's): the latest at once, then each refresh. */
export function silenceFeed(hub: VenueHub): (send: (text: string) => void) => () => void {
  return (send) => {
    let open = true;
    hub.latest().then(
      (frames) => open && send(silenceEvent(frames)),
      () => {},
    );
    const unsubscribe = hub.subscribe((frames) => send(silenceEvent(frames)));
    return () => {
      open = false;
      unsubscribe();
    };
  };
}

/** A `text/event-stream` body for one venue screen: the state now, then every change, until it goes. */
export function venueStream(hub: VenueHub, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const unsubscribe = hub.subscribe(
        (frames) => send(venueEvents(frames)),
        () => {
          send('retry: 500\n\n');
          stop();
        },
      );
      const heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
      stop = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        clearInterval(heartbeat);
        signal.removeEventListener('abort', stop);
        try {
          controller.close();
        } catch {
          // Already closed by the consumer.
        }
      };
      signal.addEventListener('abort', stop);
      if (signal.aborted) return stop();
      send(`retry: ${RETRY_MS}\n\n`);
      try {
        send(venueEvents(await hub.latest()));
      } catch (error) {
        console.error('[venue] could not read the screen state:', (error as Error).message);
      }
    },
    cancel() {
      stop();
    },
  });
}
