/**
 * Runs `task` now and then every `intervalMs` in this process, until the returned function is
 * called. A tick that comes while the last run is still going is skipped, so runs never overlap;
 * a failure goes to `onError` and the next tick tries again. The timer is unref'd: it never keeps
 * a process alive on its own (a server's stop, or a script's end, is what ends it).
 */
export function repeatEvery(
  intervalMs: number,
  task: () => Promise<unknown>,
  onError: (error: unknown) => void,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
