/**
 * Vitest setup file: what one test file changes in its process is put back when it ends, since
 * the next file of the same worker runs in that process (isolate: false, vitest.config.ts).
 * The project's modules are evaluated again for each file, but the process-wide holders on
 * globalThis (the runtime, the wall's listener, the render cache, the footer's publisher…) are
 * meant to outlive a module copy, so they would outlive the file; a test that failed before its
 * own clean-up would also leave its fake timers, spies or stubbed variables behind.
 */
import { afterAll, vi } from 'vitest';

afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  const holder = globalThis as Record<symbol, unknown>;
  for (const key of Object.getOwnPropertySymbols(holder)) {
    if (key.description?.startsWith('mur-des-souvenirs.')) delete holder[key];
  }
});
