import { sql } from 'kysely';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { contributionsOf } from './kinds.ts';
import type { ContributionKind, ContributionStatus } from './kinds.ts';

/** Narrows any kind's query (every one names its item `c`) the same way: by status, by ids, by page. */
export type Narrowing = <DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
) => SelectQueryBuilder<DB, TB, O>;

/** What a moderator narrows the queue to; empty, every item of the status. */
export interface QueueFilter {
  /**
   * Words found in the text, the title or the name (any case). Not the address: the search is in
   * the page's address, which a proxy's log keeps (the admins' data page takes an address by POST).
   */
  text?: string | null;
  /** Only what the rules flagged or visitors' reports hid: the hostile part of the queue first. */
  flagged?: boolean;
}

/** Whether the filter narrows anything (a search of blanks does not). */
export const isFiltering = (filter: QueueFilter | undefined): boolean =>
  Boolean(filter?.text?.trim() || filter?.flagged);

/** `text` as a LIKE pattern matching it anywhere, its own `%`, `_` and `\\` taken literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The filter's conditions on any kind's query (each names its item `c`; a souvenir has a title too). */
export function filtered(kind: ContributionKind, filter: QueueFilter | undefined): Narrowing {
  const text = filter?.text?.trim();
  return (query) => {
    let narrowed = query;
    if (text) {
      const pattern = containing(text);
      const columns = ['c.body_raw', 'c.author_name', ...(kind === 'souvenir' ? ['c.title'] : [])];
      narrowed = narrowed.where(
        sql<boolean>`(${sql.join(
          // Accents and case folded on both sides (fold_text, migration 2026_12_07_400).
          columns.map((column) => sql`fold_text(${sql.ref(column)}) like fold_text(${pattern})`),
          sql` or `,
        )})`,
      );
    }
    if (filter?.flagged) {
      narrowed = narrowed.where(
        sql<boolean>`(cardinality(${sql.ref('c.flag_reasons')}) > 0 or ${sql.ref('c.hidden_by_reports')})`,
      );
    }
    return narrowed;
  };
}

/**
 * How many items of a kind and status the filter keeps, on every page of the list: the queue says
 * "2 of 3 match" while its heading keeps the tab's total. Counted per request (a search is not a
 * kept count), on the item's own table: a comment's search reads no joined column.
 */
export async function countMatching(
  db: Kysely<Database>,
  kind: ContributionKind,
  status: ContributionStatus,
  filter: QueueFilter,
): Promise<number> {
  const row = await contributionsOf(db)
    .selectFrom(`${kind} as c`)
    .select(sql<number>`count(*)::int`.as('n'))
    .where(sql<boolean>`${sql.ref('c.status')} = ${status}`)
    .$call(filtered(kind, filter))
    .executeTakeFirstOrThrow();
  return row.n;
}
