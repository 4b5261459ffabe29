/**
 * Where the venue's loop is at a given instant. Every screen and the console compute it the same
 * way from the same rows (the playlist, the loop's start, its pause) and the server's clock, so
 * screens agree without telling each other anything.
 */

export const DEFAULT_ITEM_MS = 12_000;

export interface LoopItem {
  /** The souvenir's public id. */
  id: string;
  durationMs: number;
}

export interface LoopTiming {
  loopStartedAt: number;
  /** While paused, the loop stays where it was at this instant. */
  pausedAt: number | null;
}

export interface LoopPosition {
  index: number;
  /** Milliseconds the current item has been shown. */
  elapsedMs: number;
  /** When the current item ends (null while paused). */
  endsAt: number | null;
}

/** The item shown at `now`; null when there is nothing to show. */
export function loopPosition(items: readonly LoopItem[], timing: LoopTiming, now: number): LoopPosition | null {
  const total = items.reduce((sum, item) => sum + item.durationMs, 0);
  if (items.length === 0 || total <= 0) return null;
  const at = timing.pausedAt ?? now;
  let within = (((at - timing.loopStartedAt) % total) + total) % total;
  for (const [index, item] of items.entries()) {
    if (within < item.durationMs) {
      return { index, elapsedMs: within, endsAt: timing.pausedAt === null ? now + item.durationMs - within : null };
    }
    within -= item.durationMs;
  }
  return { index: 0, elapsedMs: 0, endsAt: null };
}

/** The loop start that puts item `index` at its beginning at `now` (a skip, or the loop re-anchored). */
export function startFor(items: readonly LoopItem[], index: number, now: number): number {
  let before = 0;
  for (const item of items.slice(0, index)) before += item.durationMs;
  return now - before;
}

/** The start that keeps what is shown at `now` where it is, within the first turn of the loop. */
export function anchoredStart(items: readonly LoopItem[], timing: LoopTiming, now: number): number {
  const position = loopPosition(items, timing, now);
  if (!position) return timing.pausedAt ?? now;
  return startFor(items, position.index, timing.pausedAt ?? now) - position.elapsedMs;
}

/**
 * A shuffle every screen agrees on: the items ordered by a hash of their id and the seed the
 * console chose when it switched to shuffle (a new seed, a new order).
 */
export function shuffled<T extends { id: string }>(items: readonly T[], seed: number): T[] {
  const hash = (text: string) => {
    // FNV-1a, seeded: cheap, stable across engines and browsers.
    let h = (2166136261 ^ seed) >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
    return h;
  };
  return [...items].sort((a, b) => hash(a.id) - hash(b.id) || (a.id < b.id ? -1 : 1));
}
