/**
 * `npm start`: builds when needed, opens the database (PGlite in ./data unless DATABASE_URL
 * is set), applies migrations, then serves the site. One process owns the embedded database.
 */
import { buildIdentityOf, currentBuild, ensureBuild, markInUse } from './lib/builds.ts';
import { setBuildIdentity } from '../src/lib/wall/content-version.ts';
import { astroKey } from '../src/lib/secrets/shared-secret.ts';
import { listen } from './lib/http-server.ts';
import { frontHandler } from './lib/front-handler.ts';
import { loadStaticFiles, staticFiles } from './lib/static-files.ts';
import { photoFiles } from './lib/photo-files.ts';
import { setRuntime } from '../src/lib/runtime.ts';
import { openRuntimeOrExit } from './lib/with-runtime.ts';
import { sendsHsts } from '../src/lib/security/public-origin.ts';
import { wallNotifications } from '../src/lib/wall/invalidation.ts';
import { endScreenStreams } from '../src/lib/wall/screen-hub.ts';
import { scheduleWallChangePurge } from '../src/lib/wall/changes.ts';
import { schedulePurge } from '../src/lib/privacy/purge.ts';
import { startProcessMailSender } from '../src/lib/mail/start.ts';
import { oneClickUnsubscribe } from './lib/one-click-unsubscribe.ts';
import { announceFirstAdmin, startDailyBackups } from './lib/association-start.ts';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const runtime = await openRuntimeOrExit(1);
setRuntime(runtime);

// Built with the key every host shares (issue 18), into a directory no later build changes; this
// process imports that directory's real path, so a rebuild beside it cannot pull files from under it.
const buildDir = process.argv.includes('--no-build')
  ? currentBuild()
  : ensureBuild(await astroKey(runtime.handle.db, process.env.ASTRO_KEY));
if (!buildDir) {
  console.error('No build found: run `npm start` without --no-build, or `npm run build`.');
  process.exit(1);
}
const unmarkBuild = markInUse(buildDir);
setBuildIdentity(buildIdentityOf(buildDir));
const entry = (await import(pathToFileURL(path.join(buildDir, 'server/entry.mjs')).href)) as {
  handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
};

const host = process.env.HOST || 'localhost';
const port = Number(process.env.PORT || 4321);
// Listening for wall changes before the first request, so the render cache accepts pages at once.
await wallNotifications().catch((error: unknown) =>
  console.error('[wall] not listening for changes yet:', (error as Error).message),
);
const files = await loadStaticFiles(path.join(buildDir, 'client'));
const running = await listen(
  oneClickUnsubscribe(staticFiles(photoFiles(frontHandler(entry.handler)), files)),
  host,
  port,
  {
    hsts: sendsHsts(runtime.publicOrigin),
  },
);
const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
console.log(`Mur des Souvenirs: http://${shown}:${port}/ (${runtime.handle.engine})`);
await announceFirstAdmin(runtime, `http://${shown}:${port}`);
const stopBackups = startDailyBackups(runtime);
// IP hashes older than 30 days go now and daily after; logged, and never a reason not to serve.
const stopPurge = schedulePurge(runtime.handle.db);
const stopChangePurge = scheduleWallChangePurge(runtime.handle.db);
// This process sends its share of the outbox (several processes never send one message twice).
const stopMail = startProcessMailSender(runtime, runtime.publicOrigin ?? `http://${shown}:${port}`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests in flight, then closing the database…`);
  stopPurge();
  stopChangePurge();
  stopBackups();
  await stopMail();
  // Live screens hold their connection open: ended now, with a short retry, rather than waited for.
  await endScreenStreams();
  await running.stop();
  await wallNotifications().then(
    (notifications) => notifications.close(),
    () => {},
  );
  await runtime.handle.close();
  unmarkBuild();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
