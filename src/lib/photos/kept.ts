import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { PHOTO_POSITIONS } from './positions.ts';
import { stagedPhotos, unstagePhotos } from './staging.ts';
import type { StagedPhoto } from './staging.ts';

/**
 * The photos a refused share form shows again: those staged under its upload token, less the
 * ones the person ticked to remove (dropped now, with the text they had written for them).
 */
export async function keptPhotos(db: Kysely<Database>, values: Record<string, string>): Promise<StagedPhoto[]> {
  const token = values.photoUpload;
  if (!token) return [];
  const removed = PHOTO_POSITIONS.filter((n) => values[`photoRemove${n}`]);
  await unstagePhotos(db, token, removed);
  for (const n of removed) {
    delete values[`photoAlt${n}`];
    delete values[`photoNote${n}`];
  }
  return stagedPhotos(db, token);
}
