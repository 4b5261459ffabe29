// How many pages no cache holds are made at once; the others wait their turn, first come first
// served (issue 19). Without a limit, a crawler's 50 connections were 50 renders interleaved, each
// waiting for the database pool and the compression threads behind newer ones, and the answers
// came in no order: wrk's walk of deep wall pages had a p99 of 480 to 620 ms for a median of
// 90 to 110; with six slots, 140 to 230 ms at the same rate.
import type { ServerResponse } from 'node:http';

/**
 * The default: enough renders to keep two cores and the database busy while one waits on the
 * other (at 4 to 6 the walk's p99 was lowest; at 10 and more it was back to the unlimited one's).
 */
export const DEFAULT_RENDER_SLOTS = 6;

/**
 * How many may wait for a slot before the next is told to come back (503 with Retry-After): at the
 * few hundred pages a second a slot-limited process makes here, about half a second of waiting.
 * A flood of distinct addresses (a crawler opening hundreds of connections) would otherwise wait
 * for ever longer, each visitor behind all of it, and hold a socket and its request meanwhile.
 */
export const DEFAULT_RENDER_QUEUE = 200;

/** The process's slots, once its front cache made them: /metrics reads them. */
let serving: RenderSlots | null = null;

function positiveInteger(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  what: string,
): number {
  const given = env[name]?.trim();
  const value = given ? Number(given) : fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer (${what}), not "${env[name]}"`);
  return value;
}

/**
 * The process's slots from RENDER_SLOTS and RENDER_QUEUE, or the defaults when unset; anything but
 * a positive integer stops the start with a clear message.
 */
export function renderSlotsFrom(env: Record<string, string | undefined>): RenderSlots {
  const size = positiveInteger(env, 'RENDER_SLOTS', DEFAULT_RENDER_SLOTS, 'pages made at once');
  const queue = positiveInteger(env, 'RENDER_QUEUE', DEFAULT_RENDER_QUEUE, 'requests waiting for a render');
  return (serving = new RenderSlots(size, queue));
}

/** The slots' size, the renders holding one, the requests waiting for one and how many may; empty before the front cache starts. */
export function renderSlotsReading(): Record<string, number> {
  if (!serving) return {};
  const { size, busy, waiting, queue } = serving;
  return { size, busy, waiting, ...(Number.isFinite(queue) ? { queue } : {}) };
}

/** Returned by `take` when the queue is full: the caller answers 503 and holds nothing. */
export const QUEUE_FULL = 'full';

export class RenderSlots {
  readonly size: number;
  /** The most requests waiting at once; Infinity for none. */
  readonly queue: number;
  #busy = 0;
  #waiting: Array<() => void> = [];

  constructor(size: number, queue = Number.POSITIVE_INFINITY) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`render slots must be a positive integer, not ${size}`);
    if (!(queue === Number.POSITIVE_INFINITY || (Number.isInteger(queue) && queue >= 1)))
      throw new Error(`a render queue must be a positive integer, not ${queue}`);
    this.size = size;
    this.queue = queue;
  }

  /** Renders running now, and waiting for a slot (for the metrics and tests). */
  get busy(): number {
    return this.#busy;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Takes a slot for the answer `res`, held until its page is made (its head written or `res.end`
   * called) or the answer closes, whichever comes first: null when one is free now (the caller
   * goes on in the same tick), else a promise resolved when its turn comes. Not held while the answer is sent: a slow
   * reader, or an answer queued behind an event stream on the same connection, would keep it.
   * An answer closed before its turn (the visitor left) gives the turn up and its promise never
   * settles: there is no one left to render for. QUEUE_FULL when `queue` requests already wait.
   */
  take(res: ServerResponse): Promise<void> | null | typeof QUEUE_FULL {
    // A promise of its own, which nothing settles: what its caller chains on it goes with it.
    if (res.closed) return new Promise<never>(() => {});
    if (this.#busy < this.size) {
      this.#hold(res);
      return null;
    }
    if (this.#waiting.length >= this.queue) {
      return QUEUE_FULL;
    }
    return new Promise<void>((resolve) => {
      const turn = () => {
        res.off('close', leave);
        this.#hold(res);
        resolve();
      };
      const leave = () => {
        const at = this.#waiting.indexOf(turn);
        if (at !== -1) this.#waiting.splice(at, 1);
      };
      res.once('close', leave);
      this.#waiting.push(turn);
    });
  }

  #hold(res: ServerResponse): void {
    this.#busy++;
    let held = true;
    const { end, writeHead } = res;
    const release = () => {
      if (!held) return;
      held = false;
      res.off('close', release);
      this.#busy--;
      this.#waiting.shift()?.();
    };
    res.once('close', release);
    // The page is made once its head is written (a whole page's head goes with its body; an event
    // stream's at its start) or it is ended, even if its bytes are still to be sent. Node writes
    // an implicit head through writeHead too.
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      res.writeHead = writeHead;
      release();
      return writeHead.apply(this, args);
    } as ServerResponse['writeHead'];
    res.end = function (this: ServerResponse, ...args: Parameters<ServerResponse['end']>) {
      res.end = end;
      release();
      return end.apply(this, args);
    } as ServerResponse['end'];
  }
}
