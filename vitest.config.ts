import { configDefaults, defineConfig } from 'vitest/config';

// TEST_ONLY_POSTGRES=1 (with DATABASE_URL): only the PostgreSQL half of the integration tests.
// `.ci/run` sets it for its PostgreSQL pass, after a PGlite pass ran everything else on the same
// checkout; the unit and component tests and the PGlite half would only run again
// (tests/helpers/databases.ts).
const onlyPostgres = process.env.TEST_ONLY_POSTGRES === '1' && Boolean(process.env.DATABASE_URL);

export default defineConfig({
  test: {
    // A guard against hangs, not a speed check: on two cores shared with other work, the property
    // tests (fast-check, thousands of runs) and the script tests took over 20 s, and with CI's two
    // passes side by side under other work, dropping a PostgreSQL database once took over 60 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Files of a worker share the modules of node_modules (jsdom, PGlite, Astro's runtime) instead of
    // loading them again for each file: the unit tests took 77 → 44 s, the integration tests
    // 209 → 146 s. Vitest still evaluates the project's own modules afresh for each file, and
    // tests/helpers/file-isolation.ts puts back what a file changed in the process.
    isolate: false,
    // Vitest's default is one worker per core minus one, so one here: two files at a time keep both
    // cores busy (PGlite and argon2 are single-threaded). On PostgreSQL each worker has a database
    // of its own (tests/helpers/worker-database.ts says why one shared database was not enough).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: onlyPostgres
            ? ['tests/integration/**/*.test.ts']
            : ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          // PGlite-only files (the embedded database's lock) have nothing to do on PostgreSQL.
          exclude: onlyPostgres
            ? [...configDefaults.exclude, 'tests/integration/lock.test.ts']
            : configDefaults.exclude,
          // Migrates PGlite once per run; each integration file loads the result (tests/helpers/databases.ts).
          globalSetup: [
            'tests/helpers/worker-databases.ts',
            ...(onlyPostgres ? [] : ['tests/helpers/pglite-template.ts']),
          ],
          setupFiles: ['tests/helpers/worker-database.ts', 'tests/helpers/file-isolation.ts'],
        },
      },
      // .astro components need Astro's Vite plugins (the Container API): a project of their own,
      // with no database, so the PostgreSQL-only pass leaves it out.
      ...(onlyPostgres ? [] : ['vitest.components.config.ts']),
    ],
  },
});
