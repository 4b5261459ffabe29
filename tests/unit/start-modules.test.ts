import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, it, expect } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** What scripts/start.ts imports before it serves (importing start.ts itself would start a server). */
const START_IMPORTS = [
  'scripts/lib/builds.ts',
  'scripts/lib/serve.ts',
  'scripts/lib/workers.ts',
  'scripts/lib/metrics.ts',
  'scripts/lib/with-runtime.ts',
  'scripts/lib/association-start.ts',
  'src/lib/secrets/shared-secret.ts',
];

/** Every file a fresh Node (the npm-pinned 24, as `npm start`) loads to import `modules`. */
function modulesLoadedBy(modules: string[]): string[] {
  const script = `
    import { registerHooks } from 'node:module';
    const loaded = [];
    registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
    for (const url of ${JSON.stringify(modules.map((m) => pathToFileURL(path.join(ROOT, m)).href))}) await import(url);
    process.stdout.write(JSON.stringify(loaded), () => process.exit(0));
  `;
  const run = spawnSync(path.join(ROOT, 'node_modules/.bin/node'), ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as string[];
}

describe('a server starting', () => {
  // Issue 19: each is loaded where it is first needed (sanitize/jsdom.ts, photos/process.ts,
  // mail/transport.ts, db/create-db.ts), and together they were over 60 MB of a 190 MB server.
  it('loads neither jsdom, sharp, nodemailer nor PGlite', () => {
    const loaded = modulesLoadedBy(START_IMPORTS);
    expect(loaded.some((url) => url.endsWith('/scripts/lib/serve.ts'))).toBe(true);
    const heavy = loaded.filter((url) => /\/node_modules\/(jsdom|sharp|nodemailer|@electric-sql\/pglite)\//.test(url));
    expect(heavy).toEqual([]);
  });
});
