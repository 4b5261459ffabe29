/**
 * `npm start`: opens the database (PGlite in ./data unless DATABASE_URL is set) and applies
 * migrations, builds when needed, then serves the site: in this process on PGlite (one process
 * owns the embedded database), in one worker per core on PostgreSQL (scripts/lib/workers.ts).
 */
import cluster from 'node:cluster';
import { currentBuild, ensureBuild, markInUse } from './lib/builds.ts';
import { serve } from './lib/serve.ts';
import { runWorkers, workerCount } from './lib/workers.ts';
import { serveClusterMetrics } from './lib/cluster-metrics.ts';
import { openRuntimeOrExit } from './lib/with-runtime.ts';
import { announceFirstAdmin } from './lib/association-start.ts';
import { astroKey } from '../src/lib/secrets/shared-secret.ts';
import type { Runtime } from '../src/lib/runtime.ts';

const runtime = await openRuntimeOrExit(1);

if (cluster.isWorker) {
  // A worker serves the build its primary chose (MUR_BUILD_DIR): never one of its own.
  await serveHere(runtime, process.env.MUR_BUILD_DIR!, false);
} else {
  // Built with the key every host shares (issue 18), into a directory no later build changes;
  // serving imports that directory's real path, so a rebuild beside it cannot pull files from under it.
  const buildDir = process.argv.includes('--no-build')
    ? currentBuild()
    : ensureBuild(await astroKey(runtime.handle.db, process.env.ASTRO_KEY));
  if (!buildDir) {
    console.error('No build found: run `npm start` without --no-build, or `npm run build`.');
    process.exit(1);
  }
  const unmarkBuild = markInUse(buildDir);
  const count = workerCount(runtime.handle.engine, process.env.WEB_CONCURRENCY);
  if (count === 1) {
    await serveHere(runtime, buildDir, true, unmarkBuild);
  } else {
    const host = process.env.HOST || 'localhost';
    const port = Number(process.env.PORT || 4321);
    const localOrigin = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
    serveClusterMetrics();
    await runWorkers(count, { MUR_BUILD_DIR: buildDir }, () => {
      unmarkBuild();
      process.exit(0);
    });
    console.log(`Mur des Souvenirs: ${localOrigin}/ (postgres, ${count} workers)`);
    await announceFirstAdmin(runtime, localOrigin);
    await runtime.handle.close();
  }
}

async function serveHere(runtime: Runtime, buildDir: string, announce: boolean, unmarkBuild = () => {}) {
  const serving = await serve(runtime, buildDir).catch(async (error: unknown) => {
    console.error(`Cannot serve: ${(error as Error).message}`);
    await runtime.handle.close().catch(() => {});
    process.exit(1);
  });
  if (announce) {
    console.log(`Mur des Souvenirs: ${serving.localOrigin}/ (${runtime.handle.engine})`);
    await announceFirstAdmin(runtime, serving.localOrigin);
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (announce) console.log(`${signal}: finishing requests in flight, then closing the database…`);
    await serving.shutdown();
    unmarkBuild();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
