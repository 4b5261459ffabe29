import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { PUBLIC_SOUVENIR_COLUMNS, toPublicSouvenir } from '../souvenirs/model.ts';
import type { PublicSouvenir } from '../souvenirs/model.ts';
import type { WallNotifications } from './notifications.ts';
import { photosOf, sharedPhoto } from '../photos/shown.ts';
import type { ShownPhoto } from '../photos/shown.ts';
import { latestWallChange, wallChangesSince } from './changes.ts';
import type { WallChange } from './changes.ts';

/** What the live screen receives about a souvenir: its public fields, nothing else. */
export interface ScreenSouvenir {
  publicId: string;
  title: string | null;
  authorName: string;
  bodyHtml: string;
  memoryYear: number | null;
  event: string | null;
  locale: string;
  approvedAt: string;
  /** Its first photo without a content note (a screen in a hall cannot ask before showing). */
  photo: { src: string; srcset: string; width: number; height: number; alt: string } | null;
}

export type ScreenEvent =
  /** Approved, or changed while approved (an edit): show it, or refresh it where it is shown. */
  | { type: 'souvenir'; souvenir: ScreenSouvenir }
  /** No longer on the wall (rejected, trashed, withdrawn): take it off the screen. */
  | { type: 'retrait'; publicId: string };

export function toScreenSouvenir(souvenir: PublicSouvenir, photos = souvenir.photos): ScreenSouvenir {
  const photo: ShownPhoto | null = sharedPhoto(photos);
  return {
    publicId: souvenir.publicId,
    title: souvenir.title,
    authorName: souvenir.authorName,
    bodyHtml: souvenir.bodyHtml,
    memoryYear: souvenir.memoryYear,
    event: souvenir.event,
    locale: souvenir.locale,
    approvedAt: (souvenir.approvedAt ?? souvenir.createdAt).toISOString(),
    photo: photo && {
      src: photo.src,
      srcset: photo.jpegSrcset,
      width: photo.width,
      height: photo.height,
      alt: photo.altText,
    },
  };
}

/** A screen event and its place in the wall's change sequence (the stream's event id). */
export interface SequencedEvent {
  seq: number;
  event: ScreenEvent;
}

/**
 * The screen events of `changes`, from each souvenir's current state (one query): shown → its
 * public fields; no longer shown → a withdrawal; erased → a withdrawal nobody can match, dropped.
 */
export async function screenEventsFor(db: Kysely<Database>, changes: WallChange[]): Promise<SequencedEvent[]> {
  if (changes.length === 0) return [];
  const rows = await db
    .selectFrom('souvenir')
    .select([...PUBLIC_SOUVENIR_COLUMNS, 'id', 'status', 'hidden_by_reports'])
    .where(
      'id',
      'in',
      changes.map((c) => c.souvenirId),
    )
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const photos = await photosOf(
    db,
    rows.map((row) => row.id),
  );
  const events: SequencedEvent[] = [];
  for (const change of changes) {
    const row = byId.get(change.souvenirId);
    if (!row) continue;
    const shown = row.status === 'approved' && !row.hidden_by_reports;
    events.push({
      seq: change.seq,
      event: shown
        ? { type: 'souvenir', souvenir: toScreenSouvenir(toPublicSouvenir(row), photos.get(row.id)) }
        : { type: 'retrait', publicId: row.public_id },
    });
  }
  return events;
}

/** Changes a commit may still bring below the highest one seen (sequence numbers are taken before commit). */
const LATE_COMMIT_WINDOW = 100;

/**
 * One subscription to `wall_changed` for every open screen. A notification only wakes it: it
 * then reads the change sequence from the last position it delivered (wall/changes.ts), so
 * changes made while its LISTEN connection was down (`reset`) are caught up from the database.
 * Sequence numbers are taken before commit, so a change may commit after a higher one was read:
 * each read looks a little below the highest delivered and skips what it already delivered.
 */
export class ScreenHub {
  #listeners = new Set<(event: SequencedEvent) => void>();
  #closers = new Set<() => void>();
  #unsubscribe: () => void;
  #db: Kysely<Database>;
  #high = 0;
  #delivered = new Set<number>();
  #started: Promise<void>;
  #running: Promise<void> | null = null;
  #again = false;

  constructor(db: Kysely<Database>, notifications: WallNotifications) {
    this.#db = db;
    this.#started = latestWallChange(db).then(
      (seq) => void (this.#high = seq),
      (error: unknown) => console.error('[screen] could not read the change sequence:', (error as Error).message),
    );
    this.#unsubscribe = notifications.subscribe((signal) => {
      if (signal.kind === 'souvenir' || signal.kind === 'reset') this.catchUp();
    });
  }

  get size(): number {
    return this.#listeners.size;
  }

  /** Reads and delivers what changed; calls during a read make one more read after it. */
  catchUp(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      await this.#started;
      do {
        this.#again = false;
        try {
          await this.#deliverNew();
        } catch (error) {
          console.error('[screen] could not read changed souvenirs:', (error as Error).message);
        }
      } while (this.#again);
    })().finally(() => (this.#running = null));
    return this.#running;
  }

  async #deliverNew(): Promise<void> {
    const floor = Math.max(0, this.#high - LATE_COMMIT_WINDOW);
    const changes = (await wallChangesSince(this.#db, floor)).filter((c) => !this.#delivered.has(c.seq));
    for (const sequenced of await screenEventsFor(this.#db, changes)) {
      this.#delivered.add(sequenced.seq);
      this.#high = Math.max(this.#high, sequenced.seq);
      for (const listener of this.#listeners) listener(sequenced);
    }
    for (const seq of this.#delivered) if (seq < this.#high - LATE_COMMIT_WINDOW) this.#delivered.delete(seq);
  }

  subscribe(listener: (event: SequencedEvent) => void, close: () => void = () => {}): () => void {
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

export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting (after a server restart, say). */
export const RETRY_MS = 2_000;

/** The delay a screen waits before reconnecting when this process stops (another one answers). */
export const STOP_RETRY_MS = 500;

function frame(event: ScreenEvent, id: string | null): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event.type}\ndata: ${JSON.stringify(event.type === 'souvenir' ? event.souvenir : { publicId: event.publicId })}\n\n`;
}

/**
 * A `text/event-stream` body for one screen: the `retry:` delay, what changed since the position
 * it gives (its Last-Event-ID, or the position its page was rendered at), then live events and a
 * comment every 15 s so proxies keep the connection open. Event ids are sequence numbers.
 * Everything it holds is released when the client goes away, or at once when the server stops.
 */
export function screenStream(options: {
  hub: ScreenHub;
  missed: () => Promise<SequencedEvent[]>;
  signal: AbortSignal;
  heartbeatMs?: number;
  /** Other events for the same screen (the moment of silence, issue 21): subscribes with `send`, answers its unsubscribe. */
  extra?: (send: (text: string) => void) => () => void;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let lastId = 0;
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const sendEvent = ({ seq, event }: SequencedEvent) => {
        // A late commit can bring a lower number after a higher one: the id only moves forward.
        send(frame(event, seq > lastId ? String((lastId = seq)) : null));
      };
      const endForStop = () => {
        send(`retry: ${STOP_RETRY_MS}\n\n`);
        stop();
      };
      const unsubscribe = options.hub.subscribe(sendEvent, endForStop);
      const unsubscribeExtra = options.extra?.(send) ?? (() => {});
      const heartbeat = setInterval(() => send(': ping\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
      stop = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        unsubscribeExtra();
        clearInterval(heartbeat);
        options.signal.removeEventListener('abort', stop);
        try {
          controller.close();
        } catch {
          // Already closed by the consumer.
        }
      };
      options.signal.addEventListener('abort', stop);
      if (options.signal.aborted) return stop();
      send(`retry: ${RETRY_MS}\n\n`);
      try {
        for (const missed of await options.missed()) sendEvent(missed);
      } catch (error) {
        console.error('[screen] could not replay missed souvenirs:', (error as Error).message);
      }
    },
    cancel() {
      stop();
    },
  });
}

/** The position a screen gives: its `Last-Event-ID`, else its page's `depuis`; null when neither is ours. */
export function screenPosition(lastEventId: string | null, fromPage: string | null): number | null {
  for (const value of [lastEventId, fromPage]) {
    if (value && /^\d{1,9}$/.test(value)) return Number(value);
  }
  return null;
}
