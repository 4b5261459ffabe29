import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One server and one Chromium at a time: this machine has two cores.
    fileParallelism: false,
    pool: 'forks',
  },
});
