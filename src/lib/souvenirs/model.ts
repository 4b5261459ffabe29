import type { SouvenirRow } from '../../../db/types.ts';
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
] as const satisfies readonly (keyof SouvenirRow)[];

export type PublicSouvenirRow = Pick<SouvenirRow, (typeof PUBLIC_SOUVENIR_COLUMNS)[number]>;

export const toPublicSouvenir = (row: PublicSouvenirRow): PublicSouvenir => camelised(row, PUBLIC_SOUVENIR_COLUMNS);
