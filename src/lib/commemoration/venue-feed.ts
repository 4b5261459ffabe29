import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { WallNotifications } from '../wall/notifications.ts';
import { readVenueState } from './venue-state.ts';
import type { VenueState } from './venue-state.ts';
import { LiveHub } from '../wall/live-hub.ts';
import { eventStream } from '../wall/event-stream.ts';

/** Re-read even without a notification: a missed NOTIFY is caught up, clocks are corrected again. */
export const VENUE_REFRESH_MS = 10_000;

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
 * The venue screens' hub (see LiveHub): a notification (`salle`, a souvenir's change, a
 * reconnection) or the periodic refresh reads the venue's state once, whatever the number of
 * screens, and each screen gets it.
 */
export class VenueHub extends LiveHub<VenueFrames> {
  #db: Kysely<Database>;
  #latest: Promise<VenueFrames> | null = null;
  #timer: ReturnType<typeof setInterval>;

  constructor(db: Kysely<Database>, notifications: WallNotifications, refreshMs = VENUE_REFRESH_MS) {
    super({
      notifications,
      wakesOn: ['venue', 'souvenir', 'reset'],
      failure: '[venue] could not read the screen state',
    });
    this.#db = db;
    this.#timer = setInterval(() => void this.refresh(), refreshMs);
    this.#timer.unref?.();
  }

  /** The last state read (read now if none was). */
  latest(): Promise<VenueFrames> {
    this.#latest ??= readVenueState(this.#db).then(framesOf);
    return this.#latest;
  }

  protected async read(): Promise<void> {
    const frames = framesOf(await readVenueState(this.#db));
    this.#latest = Promise.resolve(frames);
    this.deliver(frames);
  }

  override close(): void {
    clearInterval(this.#timer);
    super.close();
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

/** A `text/event-stream` body for one venue screen (see eventStream): the state now, then every change, until it goes. */
export function venueStream(hub: VenueHub, signal: AbortSignal): ReadableStream<Uint8Array> {
  return eventStream({
    signal,
    failure: '[venue] could not read the screen state',
    follow: (send, endForStop) => hub.subscribe((frames) => send(venueEvents(frames)), endForStop),
    opening: async (send) => send(venueEvents(await hub.latest())),
  });
}
