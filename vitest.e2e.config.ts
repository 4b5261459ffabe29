import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    // On PGlite, one migrated data directory per run, copied for each server (support/server.ts).
    globalSetup: ['tests/e2e/support/pglite-template.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One server and one Chromium at a time: this machine has two cores.
    fileParallelism: false,
    pool: 'forks',
  },
});
