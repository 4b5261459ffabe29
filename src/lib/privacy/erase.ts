import type { Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { eraseContribution } from '../contributions/erase.ts';
import type { Erased, Erasure } from '../contributions/erase.ts';

export { scrub } from '../contributions/erase.ts';
export type { Erased, Erasure, ErasureAction } from '../contributions/erase.ts';

/** `eraseContribution` for a souvenir, kept for callers that name the kind. */
export const eraseSouvenir = (trx: Transaction<Database>, id: number, erasure: Erasure): Promise<Erased | null> =>
  eraseContribution(trx, 'souvenir', id, erasure);

/** `eraseContribution` for a comment, kept for callers that name the kind. */
export const eraseComment = (trx: Transaction<Database>, id: number, erasure: Erasure): Promise<Erased | null> =>
  eraseContribution(trx, 'comment', id, erasure);
