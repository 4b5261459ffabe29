import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { PUBLIC_SOUVENIR_COLUMNS, toPublicSouvenir } from '../souvenirs/model.ts';
import type { PublicSouvenir } from '../souvenirs/model.ts';
import { shownSouvenirs } from '../souvenirs/wall.ts';
import type { WallNotifications } from './notifications.ts';

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
}

export type ScreenEvent =
  /** Approved, or changed while approved (an edit): show it, or refresh it where it is shown. */
  | { type: 'souvenir'; souvenir: ScreenSouvenir }
  /** No longer on the wall (rejected, trashed, withdrawn): take it off the screen. */
  | { type: 'retrait'; publicId: string };

export function toScreenSouvenir(souvenir: PublicSouvenir): ScreenSouvenir {
  return {
    publicId: souvenir.publicId,
    title: souvenir.title,
    authorName: souvenir.authorName,
    bodyHtml: souvenir.bodyHtml,
    memoryYear: souvenir.memoryYear,
    event: souvenir.event,
    locale: souvenir.locale,
    approvedAt: (souvenir.approvedAt ?? souvenir.createdAt).toISOString(),
  };
}

/** The screen event a change of souvenir `id` makes, or null when the public never saw it. */
export async function screenEventFor(db: Kysely<Database>, id: number): Promise<ScreenEvent | null> {
  const row = await db
    .selectFrom('souvenir')
    .select([...PUBLIC_SOUVENIR_COLUMNS, 'status', 'hidden_by_reports'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  if (row.status === 'approved' && !row.hidden_by_reports)
    return { type: 'souvenir', souvenir: toScreenSouvenir(toPublicSouvenir(row)) };
  // The notification is sent only when the souvenir was or is approved (decisions, edits, withdrawals).
  return { type: 'retrait', publicId: row.public_id };
}

/** Souvenirs approved after `since`, oldest first: what a screen missed while reconnecting. */
export async function approvedSince(db: Kysely<Database>, since: Date, limit = 20): Promise<ScreenSouvenir[]> {
  const rows = await shownSouvenirs(db)
    .where('approved_at', '>', since)
    .orderBy('approved_at', 'asc')
    .orderBy('id', 'asc')
    .limit(limit)
    .execute();
  return rows.map((row) => toScreenSouvenir(toPublicSouvenir(row)));
}

/**
 * One subscription to `wall_changed` for every open screen: each change is looked up once and
 * the event handed to all of them. A screen's listener is removed when its stream ends, so the
 * set only holds open connections.
 */
export class ScreenHub {
  #listeners = new Set<(event: ScreenEvent) => void>();
  #unsubscribe: () => void;

  constructor(db: Kysely<Database>, notifications: WallNotifications) {
    this.#unsubscribe = notifications.subscribe((signal) => {
      if (signal.kind !== 'souvenir' || this.#listeners.size === 0) return;
      screenEventFor(db, signal.id).then(
        (event) => {
          if (event) for (const listener of this.#listeners) listener(event);
        },
        (error: unknown) => console.error('[screen] could not read a changed souvenir:', (error as Error).message),
      );
    });
  }

  get size(): number {
    return this.#listeners.size;
  }

  subscribe(listener: (event: ScreenEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#unsubscribe();
    this.#listeners.clear();
  }
}

export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting (after a server restart, say). */
export const RETRY_MS = 2_000;

function frame(event: ScreenEvent, id: string | null): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event.type}\ndata: ${JSON.stringify(event.type === 'souvenir' ? event.souvenir : { publicId: event.publicId })}\n\n`;
}

/**
 * A `text/event-stream` body for one screen: the `retry:` delay, what it missed since
 * `lastEventId` (an approval time in ms), then live events and a comment every 15 s so proxies
 * keep the connection open. Everything it holds is released when the client goes away.
 */
export function screenStream(options: {
  hub: ScreenHub;
  missed: () => Promise<ScreenSouvenir[]>;
  signal: AbortSignal;
  heartbeatMs?: number;
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
      const sendEvent = (event: ScreenEvent) => {
        let id: string | null = null;
        if (event.type === 'souvenir') {
          const ms = Date.parse(event.souvenir.approvedAt);
          if (ms > lastId) id = String((lastId = ms));
        }
        send(frame(event, id));
      };
      const unsubscribe = options.hub.subscribe(sendEvent);
      const heartbeat = setInterval(() => send(': ping\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
      stop = () => {
        if (!open) return;
        open = false;
        unsubscribe();
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
        for (const souvenir of await options.missed()) sendEvent({ type: 'souvenir', souvenir });
      } catch (error) {
        console.error('[screen] could not replay missed souvenirs:', (error as Error).message);
      }
    },
    cancel() {
      stop();
    },
  });
}

/** `Last-Event-ID` as a date, when it is one of ours. */
export function lastEventDate(header: string | null): Date | null {
  if (!header || !/^\d{1,15}$/.test(header)) return null;
  const date = new Date(Number(header));
  return Number.isNaN(date.getTime()) ? null : date;
}
