import type { SouvenirStatus } from '../../../db/types.ts';

/**
 * The kinds of item the moderation queue holds (same statuses); each kind has its branch in
 * `listQueue`, `countByStatus` and `decideTarget`.
 */
export type QueueTarget = 'souvenir' | 'comment';
export const QUEUE_TARGETS = ['souvenir', 'comment'] as const satisfies readonly QueueTarget[];

export type QueueStatus = SouvenirStatus;
/** In the order of the queue's tabs. */
export const QUEUE_STATUSES = ['pending', 'approved', 'rejected', 'spam', 'trash'] as const satisfies readonly QueueStatus[];

export function isQueueStatus(value: string | null | undefined): value is QueueStatus {
  return (QUEUE_STATUSES as readonly string[]).includes(value ?? '');
}
