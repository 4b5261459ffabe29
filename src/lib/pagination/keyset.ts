import { sql } from 'kysely';
import type { SelectQueryBuilder } from 'kysely';
import { encodeKeysetCursor } from './keyset-cursor.ts';
import type { KeysetCursor } from './keyset-cursor.ts';

/** A row's place in its order: a time (the wall, the queue) or a number (search's score), and its id. */
export interface KeysetPosition {
  at: Date | number;
  id: number;
}

export interface KeysetOrder {
  /** The time (or score) column and the id column that break its ties, as the query names them (`e.occurred_at`). */
  at: string;
  id: string;
  direction: 'asc' | 'desc';
  /** The last row of the page shown; null or absent for the first page. */
  cursor?: KeysetPosition | null | undefined;
  limit: number;
}

/**
 * Orders a query by (at, id), starts it after the cursor and reads one row more than the page,
 * so the page knows whether another follows without counting. Apply it with `$call`; finish
 * with `keysetPage`. A row comparison keeps it one index range scan (never OFFSET).
 */
export function keyset(order: KeysetOrder) {
  return <DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> => {
    const at = sql.ref(order.at);
    const id = sql.ref(order.id);
    const { cursor } = order;
    const after = !cursor
      ? query
      : query.where(
          order.direction === 'asc'
            ? sql<boolean>`(${at}, ${id}) > (${cursor.at}, ${cursor.id})`
            : sql<boolean>`(${at}, ${id}) < (${cursor.at}, ${cursor.id})`,
        );
    if (!Number.isSafeInteger(order.limit) || order.limit < 1) throw new RangeError(`bad page size ${order.limit}`);
    // Written in the statement, not a parameter: a prepared statement's generic plan takes an
    // unknown LIMIT for a tenth of the rows, so PostgreSQL planned the wall's page on every run
    // (0.5 ms of its 0.8) instead of keeping the plan (db/prepared-statements.ts, issue 19).
    return after
      .orderBy(at, order.direction)
      .orderBy(id, order.direction)
      .limit(sql.lit(order.limit + 1));
  };
}

export interface KeysetPage<T> {
  items: T[];
  /** Cursor of the next page, or null on the last one. */
  next: string | null;
}

/**
 * The page itself out of the rows `keyset` read, and the cursor of the next one when there was a
 * row beyond it. `position` reads a row's (time, id); a row without a time ends the list.
 * `encode` writes a position that is not a time (search's score).
 */
export function keysetPage<T, P extends KeysetPosition = KeysetCursor>(
  rows: readonly T[],
  limit: number,
  position: (row: T) => { at: P['at'] | null; id: number },
  encode: (position: P) => string = encodeKeysetCursor as unknown as (position: P) => string,
): KeysetPage<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const at = last && position(last);
  const next = rows.length > limit && at && at.at !== null ? encode({ at: at.at, id: at.id } as P) : null;
  return { items, next };
}
