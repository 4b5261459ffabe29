import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { PUBLIC_SOUVENIR_COLUMNS, toPublicSouvenir } from '../souvenirs/model.ts';
import type { PublicSouvenir } from '../souvenirs/model.ts';
import { allows } from '../imports/scopes.ts';
import type { WallNotifications } from './notifications.ts';
import { photosOf, sharedPhoto } from '../photos/shown.ts';
import type { ShownPhoto } from '../photos/shown.ts';
import { latestWallChange, wallChangesSince } from './changes.ts';
import type { WallChange } from './changes.ts';
import { LiveHub } from './live-hub.ts';
import { eventStream } from './event-stream.ts';

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
    // An imported post whose author did not choose the live screen stays off it (issue 20).
    const shown = row.status === 'approved' && !row.hidden_by_reports && allows(row.import_scopes, 'screen');
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
 * The live screens' hub (see LiveHub), woken by a souvenir's change. A read goes through the
 * change sequence from the last position it delivered (wall/changes.ts), so changes made while
 * its LISTEN connection was down (`reset`) are caught up from the database. Sequence numbers are
 * taken before commit, so a change may commit after a higher one was read: each read looks a
 * little below the highest delivered and skips what it already delivered.
 */
export class ScreenHub extends LiveHub<SequencedEvent> {
  #db: Kysely<Database>;
  #high = 0;
  #delivered = new Set<number>();
  #started: Promise<void>;

  constructor(db: Kysely<Database>, notifications: WallNotifications) {
    super({ notifications, wakesOn: ['souvenir', 'reset'], failure: '[screen] could not read changed souvenirs' });
    this.#db = db;
    this.#started = this.#startAtTheLatest().catch((error: unknown) =>
      console.error('[screen] could not read the change sequence:', (error as Error).message),
    );
  }

  /**
   * Starts at the newest change, counting the window below it as delivered: a process that starts
   * (a restart, a new host) owes its screens nothing from before, and each read looks that far
   * back; without this its first read sent up to a hundred old souvenirs to every screen as new.
   */
  async #startAtTheLatest(): Promise<void> {
    const high = await latestWallChange(this.#db);
    for (const change of await wallChangesSince(this.#db, Math.max(0, high - LATE_COMMIT_WINDOW))) {
      if (change.seq <= high) this.#delivered.add(change.seq);
    }
    this.#high = high;
  }

  protected async read(): Promise<void> {
    await this.#started;
    const floor = Math.max(0, this.#high - LATE_COMMIT_WINDOW);
    const changes = (await wallChangesSince(this.#db, floor)).filter((c) => !this.#delivered.has(c.seq));
    for (const sequenced of await screenEventsFor(this.#db, changes)) {
      this.#delivered.add(sequenced.seq);
      this.#high = Math.max(this.#high, sequenced.seq);
      this.deliver(sequenced);
    }
    for (const seq of this.#delivered) if (seq < this.#high - LATE_COMMIT_WINDOW) this.#delivered.delete(seq);
  }
}

function frame(event: ScreenEvent, id: string | null): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event.type}\ndata: ${JSON.stringify(event.type === 'souvenir' ? event.souvenir : { publicId: event.publicId })}\n\n`;
}

/**
 * A `text/event-stream` body for one screen (see eventStream): what changed since the position
 * it gives (its Last-Event-ID, or the position its page was rendered at), then live events.
 * Event ids are sequence numbers.
 */
export function screenStream(options: {
  hub: ScreenHub;
  missed: () => Promise<SequencedEvent[]>;
  signal: AbortSignal;
  heartbeatMs?: number;
  /** Other events for the same screen (the moment of silence, issue 21): subscribes with `send`, answers its unsubscribe. */
  extra?: (send: (text: string) => void) => () => void;
}): ReadableStream<Uint8Array> {
  let lastId = 0;
  const sendEvent = (send: (text: string) => void, { seq, event }: SequencedEvent) => {
    // A late commit can bring a lower number after a higher one: the id only moves forward.
    send(frame(event, seq > lastId ? String((lastId = seq)) : null));
  };
  return eventStream({
    signal: options.signal,
    heartbeatMs: options.heartbeatMs,
    failure: '[screen] could not replay missed souvenirs',
    follow(send, endForStop) {
      const unsubscribe = options.hub.subscribe((sequenced) => sendEvent(send, sequenced), endForStop);
      const unsubscribeExtra = options.extra?.(send) ?? (() => {});
      return () => {
        unsubscribe();
        unsubscribeExtra();
      };
    },
    async opening(send) {
      for (const missed of await options.missed()) sendEvent(send, missed);
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
