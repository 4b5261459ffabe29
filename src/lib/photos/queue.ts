/**
 * At most `slots` jobs at once; the others wait their turn in order. Photo processing goes
 * through one of these so that twenty uploads at once decode one picture at a time, not twenty:
 * a decoded 4000 × 3000 picture is ~36 MB of pixels, and the server's budget is 350 MB.
 */
export function boundedQueue(slots: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    running -= 1;
    const next = waiting.shift();
    if (next) {
      running += 1;
      next();
    }
  };
  return async function run<T>(job: () => Promise<T>): Promise<T> {
    if (running < slots) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await job();
    } finally {
      release();
    }
  };
}
