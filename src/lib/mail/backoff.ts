/** How long a message keeps being retried before it is recorded as failed (the 24 h). */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;
const FIRST_RETRY_MS = 60_000;
const LONGEST_WAIT_MS = 4 * 3_600_000;

/**
 * When to try a message again after its `attempts`-th failure: 1, 2, 4, 8… minutes, at most 4 h
 * apart; null once the next try would fall more than 24 h after it was queued (give up).
 */
export function nextAttemptAt(attempts: number, queuedAt: Date, now: Date): Date | null {
  const wait = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_WAIT_MS);
  const next = new Date(now.getTime() + wait);
  return next.getTime() - queuedAt.getTime() > GIVE_UP_AFTER_MS ? null : next;
}
