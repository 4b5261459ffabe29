import { describe, it, expect } from 'vitest';
import { nextAttemptAt } from '../../src/lib/mail/backoff.ts';

const queued = new Date('2026-12-06T09:00:00Z');
const minutes = (n: number) => n * 60_000;

describe('nextAttemptAt', () => {
  it('waits 1, 2, 4, 8 minutes after each failure, at most 4 hours', () => {
    const waits = [1, 2, 3, 4, 10].map(
      (attempts) => nextAttemptAt(attempts, queued, queued)!.getTime() - queued.getTime(),
    );
    expect(waits).toEqual([minutes(1), minutes(2), minutes(4), minutes(8), minutes(240)]);
  });

  it('gives up once the next try would come more than 24 hours after the message was queued', () => {
    expect(nextAttemptAt(12, queued, new Date(queued.getTime() + minutes(60 * 19)))).not.toBeNull();
    expect(nextAttemptAt(12, queued, new Date(queued.getTime() + minutes(60 * 21)))).toBeNull();
  });
});
