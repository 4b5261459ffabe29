/** A position in a list ordered by (time, id) descending: the last row of the page shown (the wall, the queue, the journal). */
export interface KeysetCursor {
  at: Date;
  id: number;
}

/** Every cursor in a URL is two whole numbers in base 36 joined by a dot: short, and safe in a link. */
export function encodeNumberPair(first: number, second: number): string {
  return `${first.toString(36)}.${second.toString(36)}`;
}

/** The two numbers of `encodeNumberPair`, each at most `digits` long; null for anything else. */
export function decodeNumberPair(value: string | null | undefined, digits: number): [number, number] | null {
  if (!value) return null;
  const match = new RegExp(`^([0-9a-z]{1,${digits}})\\.([0-9a-z]{1,${digits}})$`).exec(value);
  return match ? [parseInt(match[1]!, 36), parseInt(match[2]!, 36)] : null;
}

/** The `?avant=` / `?curseur=` value: the time in ms and the id. */
export function encodeKeysetCursor(cursor: KeysetCursor): string {
  return encodeNumberPair(cursor.at.getTime(), cursor.id);
}

/** Null when the value is not a cursor we made (a hand-edited or truncated link). */
export function decodeKeysetCursor(value: string | null | undefined): KeysetCursor | null {
  const pair = decodeNumberPair(value, 12);
  if (!pair) return null;
  const [ms, id] = pair;
  if (!Number.isSafeInteger(ms) || !Number.isSafeInteger(id) || id > 2_147_483_647) return null;
  const at = new Date(ms);
  return Number.isNaN(at.getTime()) ? null : { at, id };
}
