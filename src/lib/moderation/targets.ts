import type { SouvenirStatus } from '../../../db/types.ts';

/**
 * The kinds of item the moderation queue holds. Comments (same statuses) join this list;
 * each kind adds its branch to `listQueue`, `countByStatus` and `decideTarget`.
 */
export type QueueTarget = 'souvenir';
export const QUEUE_TARGETS = ['souvenir'] as const satisfies readonly QueueTarget[];

export type QueueStatus = SouvenirStatus;
/** In the order of the queue's tabs. */
export const QUEUE_STATUSES = ['pending', 'approved', 'rejected', 'spam', 'trash'] as const satisfies readonly QueueStatus[];

export function isQueueStatus(value: string | null | undefined): value is QueueStatus {
  return (QUEUE_STATUSES as readonly string[]).includes(value ?? '');
}
