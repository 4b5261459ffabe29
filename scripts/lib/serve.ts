import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildIdentityOf } from './builds.ts';
import { listen } from './http-server.ts';
import { frontHandler } from './front-handler.ts';
import { loadStaticFiles, staticFiles } from './static-files.ts';
import { photoFiles } from './photo-files.ts';
import { oneClickUnsubscribe } from './one-click-unsubscribe.ts';
import { startDailyBackups } from './association-start.ts';
import { setBuildIdentity } from '../../src/lib/wall/content-version.ts';
import { setRuntime } from '../../src/lib/runtime.ts';
import type { Runtime } from '../../src/lib/runtime.ts';
import { sendsHsts } from '../../src/lib/security/public-origin.ts';
import { wallNotifications } from '../../src/lib/wall/invalidation.ts';
import { endScreenStreams } from '../../src/lib/wall/screen-hub.ts';
import { endVenueStreams } from '../../src/lib/commemoration/venue-hub.ts';
import { scheduleWallChangePurge } from '../../src/lib/wall/changes.ts';
import { schedulePurge } from '../../src/lib/privacy/purge.ts';
import { scheduleImports } from '../../src/lib/imports/schedule.ts';
import { scheduleSilences } from '../../src/lib/commemoration/silence-schedule.ts';
import { startProcessMailSender } from '../../src/lib/mail/start.ts';
import { logger } from '../../src/lib/ops/logger.ts';
import { metricsEndpoint, shareMetricsWithPrimary, wireMetrics } from './metrics.ts';
import { accessLogMode } from './request-log.ts';

export interface Serving {
  /** What people type: http://localhost:4321 (the host as configured, 0.0.0.0 shown as localhost). */
  localOrigin: string;
  /** Finishes requests in flight, stops the background work and closes the database. */
  shutdown(): Promise<void>;
}

/**
 * One serving process: the build in `buildDir` behind our node:http front (static files, photos,
 * one-click unsubscribe, the front cache), and this process's share of the background work (the
 * outbox, the purges; each is safe with several processes, see their modules).
 */
export async function serve(runtime: Runtime, buildDir: string): Promise<Serving> {
  setRuntime(runtime);
  setBuildIdentity(buildIdentityOf(buildDir));
  const entry = (await import(pathToFileURL(path.join(buildDir, 'server/entry.mjs')).href)) as {
    handler: (req: IncomingMessage, res: ServerResponse) => void;
  };
  const host = process.env.HOST || 'localhost';
  const port = Number(process.env.PORT || 4321);
  // Listening for wall changes before the first request, so the render cache accepts pages at once.
  await wallNotifications().catch((error: unknown) =>
    console.error('[wall] not listening for changes yet:', (error as Error).message),
  );
  const files = await loadStaticFiles(path.join(buildDir, 'client'));
  wireMetrics(runtime);
  shareMetricsWithPrimary();
  const site = oneClickUnsubscribe(staticFiles(photoFiles(frontHandler(entry.handler)), files));
  const metricsToken = process.env.METRICS_TOKEN || undefined;
  const running = await listen(
    (req, res) => (metricsEndpoint(req, res, metricsToken) ? undefined : site(req, res)),
    host,
    port,
    { hsts: sendsHsts(runtime.publicOrigin) },
    { trustedProxies: runtime.trustedProxies, accessLog: accessLogMode(process.env.ACCESS_LOG) },
  ).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    throw new Error(`port ${port} on ${host} is in use: another instance still running? (PORT chooses another)`);
  });
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const localOrigin = `http://${shown}:${port}`;
  const stopBackups = startDailyBackups(runtime);
  // IP hashes older than 30 days go now and daily after; logged, and never a reason not to serve.
  const stopPurge = schedulePurge(runtime.handle.db);
  const stopChangePurge = scheduleWallChangePurge(runtime.handle.db);
  // Hashtag sources (issue 20): one process reads each due source, into the private queue only.
  const stopImports = scheduleImports(runtime.handle.db, { allowLocal: process.env.IMPORT_ALLOW_LOCAL === '1' });
  // Silences at set times (issue 21): one process claims each occurrence, minutes ahead.
  const stopSilences = scheduleSilences(runtime.handle.db);
  // This process sends its share of the outbox (several processes never send one message twice).
  const stopMail = startProcessMailSender(runtime, runtime.publicOrigin ?? localOrigin);

  return {
    localOrigin,
    async shutdown() {
      // New connections are refused from now on (a proxy's health check fails at once, and no
      // request starts that the stop would cut); those in flight finish while the rest stops.
      const closing = running.stop();
      stopPurge();
      stopChangePurge();
      stopImports();
      stopSilences();
      stopBackups();
      // Live screens hold their connection open: ended now, with a short retry, rather than waited for.
      await Promise.all([stopMail(), endScreenStreams(), endVenueStreams()]);
      await closing;
      await wallNotifications().then(
        (notifications) => notifications.close(),
        () => {},
      );
      await runtime.handle.close();
      logger.flush();
    },
  };
}
