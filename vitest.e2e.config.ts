import { defineConfig } from 'vitest/config';

/**
 * CI's second pass (`TEST_ONLY_POSTGRES=1` with `DATABASE_URL`, .ci/run) comes after a PGlite pass
 * that ran every browser test on the same build; it runs again only those whose outcome can depend
 * on the engine: several processes or hosts (LISTEN/NOTIFY, workers, caches told of changes), a
 * replica, a restart, binary data (photos), full-text search, the mail outbox, and the paths every
 * contribution takes through the database (sharing, comments, moderation, privacy, the wall,
 * gathered posts). Left to the PGlite pass: what the browser and the sanitiser do with the page
 * (attack vectors, hostile inputs, request limits, the editor, the public pages, accessibility,
 * page weight), rate limits, the association's forms and the sources page, whose queries the
 * integration tests run on PostgreSQL too.
 */
const ON_POSTGRES_TOO = [
  'two-hosts',
  'read-replica',
  'restart-under-load',
  'operations',
  'commemoration',
  'souvenir-page-cache',
  'souvenir-shell',
  'share-and-wall',
  'photos',
  'search-and-wall',
  'email',
  'imports',
  'moderation',
  'moderation-access',
  'moderation-reports',
  'privacy',
  'comments',
  'wall',
  'wall-shell',
];
const onlyPostgres = process.env.TEST_ONLY_POSTGRES === '1' && Boolean(process.env.DATABASE_URL);
const files = onlyPostgres ? ON_POSTGRES_TOO.map((name) => `tests/e2e/${name}.test.ts`) : ['tests/e2e/**/*.test.ts'];

/**
 * Files that restart the machine's PostgreSQL (on PostgreSQL only): every other file would lose
 * its database for those seconds (an operations test met a 503 from /metrics in a CI run), so
 * they run alone, after the rest (`sequence.groupOrder`).
 */
const ALONE = ['tests/e2e/restart-under-load.test.ts'];

export default defineConfig({
  test: {
    // On PGlite, one migrated data directory per run, copied for each server (support/server.ts).
    // Chromium is found (or unpacked) once per run, before two files at a time may launch it.
    globalSetup: ['tests/e2e/support/pglite-template.ts', 'tests/e2e/support/chromium-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two files at a time, each with its own server and Chromium: one file's page, server and test
    // mostly wait on each other (about one core busy), so two keep both of this machine's cores busy.
    maxWorkers: 2,
    pool: 'forks',
    // On PGlite those files skip themselves: one project, as fast as before.
    projects: process.env.DATABASE_URL
      ? [
          { extends: true, test: { name: 'browser', include: files, exclude: ALONE, sequence: { groupOrder: 0 } } },
          { extends: true, test: { name: 'alone', include: ALONE, sequence: { groupOrder: 1 } } },
        ]
      : [{ extends: true, test: { name: 'browser', include: files } }],
  },
});
