import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { repeatEvery } from '../../src/lib/ops/repeat.ts';

describe('a task repeated in the background', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once, then every interval, until stopped', async () => {
    let runs = 0;
    const stop = repeatEvery(
      1_000,
      async () => void runs++,
      () => {},
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(3);
    stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(3);
  });

  it('skips a tick while the last run is still going, so runs never overlap', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const stop = repeatEvery(
      1_000,
      async () => {
        runs++;
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        running--;
      },
      () => {},
    );
    // Ticks at 1 s and 2 s find the first run going; the one at 3 s starts the second.
    await vi.advanceTimersByTimeAsync(5_000);
    stop();
    expect(most).toBe(1);
    expect(runs).toBe(2);
  });

  it('hands a failure to onError and tries again at the next tick', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const stop = repeatEvery(
      1_000,
      async () => {
        if (++runs === 1) throw new Error('database gone');
      },
      (error) => errors.push(error),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    stop();
    expect(errors).toEqual([new Error('database gone')]);
    expect(runs).toBe(2);
  });

  it('never keeps the process alive on its own', () => {
    const spy = vi.spyOn(globalThis, 'setInterval');
    const stop = repeatEvery(
      1_000,
      async () => {},
      () => {},
    );
    const timer = spy.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    stop();
    spy.mockRestore();
  });
});
