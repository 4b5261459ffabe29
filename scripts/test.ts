/**
 * `npm test`: every check and every test, in order — the static checks, the unit, component and
 * integration tests, the build, the browser tests — stopping at the first that fails, then the
 * time each step took (where a slow run spends it).
 *
 * Two switches serve CI's second pass on the same checkout (`.ci/run`), never a newcomer:
 * - `TEST_ONLY_POSTGRES=1` (with `DATABASE_URL`): the static checks read the sources, not the
 *   database, so they are not run again; vitest.config.ts keeps only the PostgreSQL half of the
 *   integration tests, vitest.e2e.config.ts the browser tests whose outcome can depend on the engine.
 * - `TEST_USE_BUILD=1`: use `dist/` as it is, built by the first pass from the same sources.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

interface Step {
  name: string;
  command: string[];
  /** Why the step is left out, or null to run it. */
  skipped: string | null;
}

const onlyPostgres = process.env.TEST_ONLY_POSTGRES === '1' && Boolean(process.env.DATABASE_URL);
const useBuild = process.env.TEST_USE_BUILD === '1';

if (useBuild && !fs.existsSync(path.resolve('dist/server/entry.mjs'))) {
  console.error('TEST_USE_BUILD=1, but dist/ holds no build: run `npm run build` first.');
  process.exit(1);
}

const steps: Step[] = [
  {
    name: 'checks (types, format, cycles)',
    command: ['npm', 'run', 'check'],
    skipped: onlyPostgres ? 'TEST_ONLY_POSTGRES=1: the PGlite pass checked these sources' : null,
  },
  { name: 'unit, component, integration', command: ['vitest', 'run'], skipped: null },
  { name: 'build', command: ['astro', 'build'], skipped: useBuild ? 'TEST_USE_BUILD=1: dist/ is used as built' : null },
  { name: 'browser (end to end)', command: ['vitest', 'run', '--config', 'vitest.e2e.config.ts'], skipped: null },
];

const timings: string[] = [];
let failed: Step | null = null;
for (const step of steps) {
  if (step.skipped) {
    timings.push(`${step.name.padEnd(32)} skipped (${step.skipped})`);
    continue;
  }
  const started = Date.now();
  const result = spawnSync(step.command[0]!, step.command.slice(1), { stdio: 'inherit' });
  timings.push(`${step.name.padEnd(32)} ${Math.round((Date.now() - started) / 1000)} s`);
  if (result.status !== 0) {
    failed = step;
    break;
  }
}

const engine = onlyPostgres ? 'PostgreSQL' : process.env.DATABASE_URL ? 'PGlite and PostgreSQL' : 'PGlite';
console.log(`\nnpm test (${engine}):\n${timings.map((line) => `  ${line}`).join('\n')}`);
if (failed) {
  console.error(`npm test failed at: ${failed.name}`);
  process.exit(1);
}
