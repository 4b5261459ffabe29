import { describe, expect, it } from 'vitest';
import { cpuSecondsOf, serverThreadsOf } from '../../scripts/bench/processes.ts';

describe("the bench's CPU per kind of thread (issue 19's walk rows)", () => {
  it("splits a process's CPU between its event loop and its other threads, adding up to the whole", () => {
    // Some work on this thread, so that the event loop has a time of its own to show.
    let spin = 0;
    for (const until = Date.now() + 50; Date.now() < until;) spin++;
    const threads = serverThreadsOf(process.pid);
    const whole = cpuSecondsOf(process.pid);
    expect(spin).toBeGreaterThan(0);
    expect(threads.main).toBeGreaterThan(0);
    const sum = threads.main + threads.v8 + threads.pool + threads.other;
    // Read a moment apart, and without the threads that ended before: at most the whole, and most of it.
    expect(sum).toBeLessThanOrEqual(whole + 0.02);
    expect(sum).toBeGreaterThan(whole * 0.5);
  });
});
