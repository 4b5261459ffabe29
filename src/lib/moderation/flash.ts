import { DECISIONS } from './decisions.ts';
import type { Decision } from './decisions.ts';

/**
 * What the queue says after a POST-redirect-GET: which decision was applied and how many items
 * it changed or left alone. Only these enumerated values travel in the URL, never submitted text.
 */
export type FlashDone = Decision | 'edit' | 'unchanged' | 'dismiss';

export interface Flash {
  done: FlashDone;
  n: number;
  conflicts: number;
  refused: number;
}

const DONE: readonly string[] = [...DECISIONS, 'edit', 'unchanged', 'dismiss'];
const MAX_COUNT = 1000;

export function flashParams(flash: Flash): URLSearchParams {
  const params = new URLSearchParams({ fait: flash.done, n: String(flash.n) });
  if (flash.conflicts > 0) params.set('conflits', String(flash.conflicts));
  if (flash.refused > 0) params.set('refus', String(flash.refused));
  return params;
}

function count(value: string | null): number {
  if (!value || !/^\d{1,4}$/.test(value)) return 0;
  return Math.min(Number(value), MAX_COUNT);
}

/** The flash of a queue URL, or null when there is none or it is not one we wrote. */
export function readFlash(params: URLSearchParams): Flash | null {
  const done = params.get('fait');
  if (!done || !DONE.includes(done)) return null;
  return {
    done: done as FlashDone,
    n: count(params.get('n')),
    conflicts: count(params.get('conflits')),
    refused: count(params.get('refus')),
  };
}
