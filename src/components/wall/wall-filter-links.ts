import type { WallLayout } from '../../lib/wall/wall-query.ts';

/** What a list of links that filter the wall (by year, by tag) is given. */
export interface WallFilterLinks<Filter> {
  /** The filter in force, if any: its link is marked as the current one. */
  current: Filter | null;
  /** The layout the visitor chose, which every link keeps. */
  layout: WallLayout;
}
