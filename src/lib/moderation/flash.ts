import { DECISIONS } from './decisions.ts';
import type { Decision } from './decisions.ts';
import { isMessageKey } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';

/**
 * What the queue says after a POST-redirect-GET: which decision was applied and how many items
 * it changed or left alone. Only these enumerated values travel in the URL, never submitted text.
 */
export type FlashDone =
  | Decision
  | 'edit'
  | 'unchanged'
  | 'dismiss'
  | 'revert'
  | 'photoRemoved'
  | 'photoDescribed'
  | 'screenOn'
  | 'screenOff'
  | 'refusal';

export interface Flash {
  done: FlashDone;
  n: number;
  conflicts: number;
  /** Left alone because its text changed after the list was shown (a decision's only). */
  changed?: number;
  refused: number;
  /** The journal rows "Annuler" takes back (a decision just made), with when it was made (ms). */
  undo?: { events: number[]; at: number };
  /** Where in the list the decided item was (from 0): the message is shown there, above the next one. */
  place?: number | undefined;
  /** The item the message is about, still in the list (an edit): the message is shown above it. */
  item?: number;
  /**
   * Why a step on one item was refused (`done: 'refusal'`): the Action's sentence, a catalogue
   * key, said in the item's kind's words by the page (errorMessage).
   */
  refusal?: MessageKey;
}

/**
 * The sentences a refusal may carry in the address: the moderation steps' own conflicts and errors
 * and a refused report dismissal's, so a forged link can make the queue say nothing else (not
 * even a success sentence as an alert).
 */
const REFUSALS =
  /^(moderation\.(comment\.)?(conflict\.|error\.|edit\.(conflict|withdrawn)$)|report\.error\.|error\.text\.)/;

/** The catalogue key of a refusal the queue may say, or null. */
export function refusalKey(value: string | null | undefined): MessageKey | null {
  if (!value || !isMessageKey(value)) return null;
  return REFUSALS.test(value) ? value : null;
}

const DONE: readonly string[] = [
  ...DECISIONS,
  'edit',
  'unchanged',
  'dismiss',
  'revert',
  'photoRemoved',
  'photoDescribed',
  'screenOn',
  'screenOff',
  'refusal',
];
const MAX_COUNT = 1000;
/** The furthest place in a list a message is said at: a page of the queue holds fewer items. */
export const MAX_PLACE = 100;
/** How long the queue offers "Annuler" after a decision (issue 17: about ten seconds). */
export const UNDO_WINDOW_MS = 10_000;
const MAX_UNDO = 100;

export function flashParams(flash: Flash): URLSearchParams {
  const params = new URLSearchParams({ fait: flash.done, n: String(flash.n) });
  if (flash.conflicts > 0) params.set('conflits', String(flash.conflicts));
  if (flash.changed) params.set('modifies', String(flash.changed));
  if (flash.refused > 0) params.set('refus', String(flash.refused));
  if (flash.undo && flash.undo.events.length > 0) {
    params.set('annuler', flash.undo.events.slice(0, MAX_UNDO).join(','));
    params.set('le', String(flash.undo.at));
  }
  if (flash.place !== undefined) params.set('ici', String(flash.place));
  if (flash.item !== undefined) params.set('element', String(flash.item));
  if (flash.refusal) params.set('pourquoi', flash.refusal);
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
  const flash: Flash = {
    done: done as FlashDone,
    n: count(params.get('n')),
    conflicts: count(params.get('conflits')),
    refused: count(params.get('refus')),
  };
  const changed = count(params.get('modifies'));
  if (changed > 0) flash.changed = changed;
  const events = (params.get('annuler') ?? '')
    .split(',')
    .filter((id) => /^\d{1,9}$/.test(id))
    .slice(0, MAX_UNDO)
    .map(Number);
  const at = Number(params.get('le'));
  if (events.length > 0 && Number.isSafeInteger(at)) flash.undo = { events, at };
  const place = params.get('ici');
  if (place && /^\d{1,4}$/.test(place)) flash.place = Math.min(Number(place), MAX_PLACE);
  const item = params.get('element');
  if (item && /^[1-9]\d{0,9}$/.test(item)) flash.item = Number(item);
  if (done === 'refusal') {
    // A refusal that does not say why says nothing.
    const refusal = refusalKey(params.get('pourquoi'));
    if (!refusal) return null;
    flash.refusal = refusal;
  }
  return flash;
}

/** The milliseconds left to offer "Annuler" for this flash at `now`; 0 when it has passed. */
export function undoTimeLeft(flash: Flash | null, now = Date.now()): number {
  if (!flash?.undo) return 0;
  const left = flash.undo.at + UNDO_WINDOW_MS - now;
  return left > 0 && left <= UNDO_WINDOW_MS ? left : 0;
}

/**
 * Where in a list of items (their ids, as shown) the message is said: where the decided item was
 * (above the next one), else above the item it is about (an edit); null, at the top (a
 * selection's result, an error, an empty list).
 */
export function flashPlace(flash: Flash | null, ids: readonly number[], error: boolean): number | null {
  if (!flash || error || ids.length === 0) return null;
  if (flash.place !== undefined) return Math.min(flash.place, ids.length);
  const at = flash.item === undefined ? -1 : ids.indexOf(flash.item);
  return at >= 0 ? at : null;
}
