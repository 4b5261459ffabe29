import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Migrates PGlite once per run; each integration file loads the result (tests/helpers/databases.ts).
    globalSetup: ['tests/helpers/pglite-template.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
