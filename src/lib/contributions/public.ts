import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { contributionsOf } from './kinds.ts';
import type { ContributionKind, ContributionTable } from './kinds.ts';

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** The listed columns of a row under their domain names: `author_name` becomes `authorName`. */
export type Camelised<Row, Column extends keyof Row & string> = { [C in Column as CamelCase<C>]: Row[C] };

/**
 * The one snake_case → camelCase mapping from rows to domain objects, so that what a kind shows
 * is said once, by its column list. Only the listed columns are copied: a query that selects more
 * (a status to filter on, a thread id to group by) never leaks them into what the page shows.
 */
export function camelised<Row, Column extends keyof Row & string>(
  row: Row,
  columns: readonly Column[],
): Camelised<Row, Column> {
  const result: Record<string, unknown> = {};
  for (const column of columns) result[camelName(column)] = row[column];
  return result as Camelised<Row, Column>;
}

// A crawled wall page maps 20 rows of 17 columns: a regex per column was a tenth of its rows' cost (issue 19).
const camelNames = new Map<string, string>();

function camelName(column: string): string {
  let name = camelNames.get(column);
  if (name === undefined) {
    name = column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    // Column names are the schema's: a bounded set.
    camelNames.set(column, name);
  }
  return name;
}

/** What every kind shows the public; each kind's model adds its own columns to these. */
export const PUBLIC_CONTRIBUTION_COLUMNS = [
  'id',
  'public_id',
  'author_name',
  'body_html',
  'locale',
  'created_at',
  'approved_at',
] as const satisfies readonly (keyof ContributionTable)[];

/** What the public may see of any contribution: never the email, IP hash or token hash. */
export interface PublicContribution {
  id: number;
  publicId: string;
  authorName: string;
  bodyHtml: string;
  locale: string;
  createdAt: Date;
  approvedAt: Date | null;
}

// A column added to the list without its field (or the reverse) fails here, at compile time: the
// key sets must be equal both ways, so that no column (an email, say) is ever copied unseen.
type PublicFields = Camelised<Selectable<ContributionTable>, (typeof PUBLIC_CONTRIBUTION_COLUMNS)[number]>;
const publicFieldsMatch: [keyof PublicFields] extends [keyof PublicContribution]
  ? [keyof PublicContribution] extends [keyof PublicFields]
    ? PublicFields extends PublicContribution
      ? true
      : never
    : never
  : never = true;
void publicFieldsMatch;

/**
 * The id of the contribution the public sees now under this public id (approved and not hidden
 * by visitors' reports, never withdrawn), or null. For a comment this says nothing of its souvenir.
 */
export async function findShownId(
  db: Kysely<Database>,
  kind: ContributionKind,
  publicId: string,
): Promise<number | null> {
  const row = await contributionsOf(db)
    .selectFrom(kind)
    .select('id')
    .where('public_id', '=', publicId)
    .where('status', '=', 'approved')
    .where('hidden_by_reports', '=', false)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return row?.id ?? null;
}
