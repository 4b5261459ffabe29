import type { ImportCredit, ImportScope, SouvenirRow } from '../../../db/types.ts';
import { camelised, PUBLIC_CONTRIBUTION_COLUMNS } from '../contributions/public.ts';
import type { PublicContribution } from '../contributions/public.ts';
import type { ShownPhoto } from '../photos/shown.ts';

/** What the public may see of a souvenir: never the email, IP hash or token hash. */
export interface PublicSouvenir extends PublicContribution {
  title: string | null;
  memoryYear: number | null;
  event: string | null;
  hashtags: string[];
  pinned: boolean;
  commentCount: number;
  candleCount: number;
  isDemo: boolean;
  /** An imported post's credit (issue 20), shown with it; null or absent for the site's own souvenirs. */
  importCredit?: ImportCredit | null;
  /** The uses an imported post's author consented to; null or absent (every use) for the others. */
  importScopes?: ImportScope[] | null;
  /** Its photos in order, where the reader loaded them (the wall, the souvenir's page, feeds). */
  photos?: ShownPhoto[];
}

export const PUBLIC_SOUVENIR_COLUMNS = [
  ...PUBLIC_CONTRIBUTION_COLUMNS,
  'title',
  'memory_year',
  'event',
  'hashtags',
  'pinned',
  'comment_count',
  'candle_count',
  'is_demo',
  // An imported post's credit and the uses its author consented to (issue 20); null for the others.
  'import_credit',
  'import_scopes',
] as const satisfies readonly (keyof SouvenirRow)[];

export type PublicSouvenirRow = Pick<SouvenirRow, (typeof PUBLIC_SOUVENIR_COLUMNS)[number]>;

export const toPublicSouvenir = (row: PublicSouvenirRow): PublicSouvenir => camelised(row, PUBLIC_SOUVENIR_COLUMNS);
