import type { ServerResponse } from 'node:http';

/**
 * How many pages no cache holds are made at once; the others wait their turn, first come first
 * served (issue 19). Without a limit, a crawler's 50 connections meant 50 renders interleaved: each
 * waited for the database pool and the compression threads behind the newer ones, their rows and
 * pages stayed alive long enough to be promoted to the old generation (mark-compacts every 150
 * ms), and the answers came in no order: measured with wrk's 50 connections on souvenir pages,
 * p99 5 to 6 times the median, against under twice with 10 connections at the same rate.
 */
/**
 * The default: enough renders to keep two cores and the database busy while one waits on the
 * other (at 4 to 6 the walk's p99 was lowest; at 10 and more it was back to the unlimited one's).
 */
export const DEFAULT_RENDER_SLOTS = 6;

/** The process's slots, once its front cache made them: /metrics reads them. */
let serving: RenderSlots | null = null;

/**
 * The process's slots from RENDER_SLOTS, or the default when unset; anything but a positive
 * integer stops the start with a clear message.
 */
export function renderSlotsFrom(env: Record<string, string | undefined>): RenderSlots {
  const given = env.RENDER_SLOTS?.trim();
  const size = given ? Number(given) : DEFAULT_RENDER_SLOTS;
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`RENDER_SLOTS must be a positive integer (pages made at once), not "${env.RENDER_SLOTS}"`);
  return (serving = new RenderSlots(size));
}

/** The slots' size, the renders holding one and the requests waiting for one; empty before the front cache starts. */
export function renderSlotsReading(): Record<string, number> {
  return serving ? { size: serving.size, busy: serving.busy, waiting: serving.waiting } : {};
}

export class RenderSlots {
  readonly size: number;
  #busy = 0;
  #waiting: Array<() => void> = [];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`render slots must be a positive integer, not ${size}`);
    this.size = size;
  }

  /** Renders running now, and waiting for a slot (for the metrics and tests). */
  get busy(): number {
    return this.#busy;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Takes a slot for the answer `res`, held until it closes: null when one is free now (the caller
   * goes on in the same tick), else a promise resolved when its turn comes. An answer closed while
   * waiting (the visitor left) gives its turn up and its promise never resolves: there is no one
   * left to render for, and nothing holds the promise once the answer is gone.
   */
  take(res: ServerResponse): Promise<void> | null {
    if (this.#busy < this.size) {
      this.#hold(res);
      return null;
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
    res.once('close', () => {
      this.#busy--;
      this.#waiting.shift()?.();
    });
  }
}
