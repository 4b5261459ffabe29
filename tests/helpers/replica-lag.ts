const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ReplayLag {
  /** How long the burst took. */
  burstMs: number;
  /** The longest time between the primary reaching a position and the standby replaying it. */
  worstMs: number;
  /** The most WAL the standby was seen behind the primary's latest mark. */
  worstBytes: bigint;
}

/**
 * Runs `burst` while marking the primary's position every few ms and timing how long the standby
 * takes to replay each mark (the watcher polls without pause, so a mark is timed within one round trip).
 */
export async function measureReplayLag(
  primaryPosition: () => Promise<bigint>,
  replayedPosition: () => Promise<bigint>,
  burst: () => Promise<void>,
): Promise<ReplayLag> {
  const marks: Array<{ at: number; lsn: bigint }> = [];
  let worstMs = 0;
  let worstBytes = 0n;
  let bursting = true;
  const marker = (async () => {
    while (bursting) {
      marks.push({ at: performance.now(), lsn: await primaryPosition() });
      await sleep(5);
    }
  })();
  const watcher = (async () => {
    while (bursting || marks.length > 0) {
      const replayed = await replayedPosition();
      const now = performance.now();
      while (marks.length > 0 && marks[0]!.lsn <= replayed) worstMs = Math.max(worstMs, now - marks.shift()!.at);
      const head = marks.at(-1);
      if (head && head.lsn - replayed > worstBytes) worstBytes = head.lsn - replayed;
    }
  })();
  const started = performance.now();
  try {
    await burst();
  } finally {
    bursting = false;
  }
  const burstMs = performance.now() - started;
  await marker;
  await watcher;
  return { burstMs, worstMs, worstBytes };
}

export function describeLag(what: string, lag: ReplayLag): string {
  return (
    `[read replica] ${what} in ${lag.burstMs.toFixed(0)} ms: the standby replayed each position of the primary ` +
    `within ${lag.worstMs.toFixed(1)} ms at worst, at most ${lag.worstBytes} bytes of WAL behind`
  );
}
