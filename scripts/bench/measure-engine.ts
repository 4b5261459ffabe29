/**
 * One engine's run: seed, then the caches-off server (the first page and the page 1 000 deep,
 * and a search, all through the database), then the production server (the ceiling beside it, the
 * cached wall and search, a souvenir with 50 comments, the feed, sharing).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedBenchData, countInconsistentSouvenirs } from './seed.ts';
import {
  captureAnswer,
  captureCachedAnswer,
  countStoredTokens,
  createBenchDatabase,
  cursorOfPage,
  openMigrated,
} from './bench-database.ts';
import {
  cpuSecondsOf,
  postgresCpuByBackend,
  runLoad,
  serverThreadsOf,
  startCeiling,
  startServer,
} from './processes.ts';
import { runWrkWalk } from './wrk-walk.ts';
import { recallThankYou } from '../../src/lib/flash/thank-you.ts';
import type { ServerProcess } from './processes.ts';
import { evaluateTargets } from './report.ts';
import type { EngineRun, Measurement } from './report.ts';
import type { LoadSpec } from './load.ts';
import { benchPhotoUploads, cameraJpeg, storeBenchPhoto } from './photos.ts';
import { ensureWrk, runWrk } from './wrk-load.ts';
import { deepWallPaths, souvenirPagePaths } from './crawl-paths.ts';

export interface EngineOptions {
  engine: 'postgres' | 'pglite';
  souvenirs: number;
  comments: number;
  duration: number;
  connections: number;
  port: number;
  resultsDir: string;
  /** 'photos': only the photo uploads (`--rows=photos`); 'share': only sharing (`--rows=share`). */
  rows: 'all' | 'photos' | 'share';
  /** Write V8 CPU profiles of both servers here. */
  profileDir?: string | undefined;
  stamp: string;
}

/** What a browser sends; the cached wall answers brotli to it. */
const BROWSER_HEADERS = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
  'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8',
};
const DEEP_PAGE = 1_000;
/**
 * A crawler's walk: this many distinct addresses measured, after WARM_WALK others. A crawler meets
 * a warm server: over a fresh one's first 800 souvenir pages, V8's compilers' CPU per page fell
 * from 0.63 to 0.30 ms, the server's from 2.5 to 1.8 ms (20 000 souvenirs).
 */
const WALK = 1_000;
const WARM_WALK = 1_000;
const SEARCH_PATH = '/recherche?q=salle';

/** Where a measurement is aimed, and how to read the memory of what answers there. */
interface Target {
  kind: Measurement['server'];
  origin: string;
  rssMb: () => number | null;
  pid?: number;
}

function asTarget(kind: Measurement['server'], server: ServerProcess): Target {
  return { kind, origin: server.origin, rssMb: () => server.rssMb(), pid: server.pid };
}

export async function measureEngine(options: EngineOptions): Promise<EngineRun> {
  const database = await createBenchDatabase(options.engine, options.stamp);
  const notes: string[] = [
    `load average at the start: ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')} (${os.cpus().length} cores)`,
  ];
  // Stopped in `finally` too, so a failed measurement leaves no server holding the port.
  const servers: ServerProcess[] = [];
  const started = async (starting: Promise<ServerProcess>) => {
    const server = await starting;
    servers.push(server);
    return server;
  };
  try {
    let handle = await openMigrated(database);
    const seeded = await seedBenchData(handle.db, {
      souvenirs: options.souvenirs,
      comments: options.comments,
      concurrency: options.engine === 'postgres' ? 3 : 1,
    });
    const inconsistent = await countInconsistentSouvenirs(handle.db);
    if (inconsistent > 0)
      throw new Error(`${inconsistent} souvenirs have a comment count that disagrees with their comments`);
    console.log(`Seeded in ${seeded.seconds.toFixed(1)} s; comment counts consistent.`);
    const deepPage = Math.min(DEEP_PAGE, Math.floor(options.souvenirs / 20) - 1);
    if (deepPage < DEEP_PAGE) notes.push(`the deep page is page ${deepPage}, the deepest this database has`);
    const deepPath = `/?avant=${encodeURIComponent(await cursorOfPage(handle.db, deepPage))}`;
    const wallWalk = await deepWallPaths(handle.db, WALK + WARM_WALK);
    const souvenirWalk = await souvenirPagePaths(handle.db, WALK + WARM_WALK);
    const walks = { wall: wallWalk, souvenirs: souvenirWalk };
    for (const [what, paths] of Object.entries(walks))
      if (paths.length < WALK + WARM_WALK) notes.push(`the ${what} walk has ${paths.length} distinct pages only`);
    const jpeg = await cameraJpeg();
    const photoPath = await storeBenchPhoto(handle.db, seeded.commentedPublicId, jpeg);
    // PGlite is one process's database: the bench lets go of it before a server opens it.
    if (options.engine === 'pglite') await handle.close();

    const wrk = ensureWrk();
    const measurements: Measurement[] = [];
    /** The run's report from what it measured; the targets are judged on the whole of it. */
    const report = (measured: Pick<EngineRun, 'rssAtEndMb' | 'share' | 'photos' | 'notes'>): EngineRun => {
      const run: EngineRun = {
        engine: options.engine,
        souvenirs: options.souvenirs,
        comments: options.comments,
        seedSeconds: Math.round(seeded.seconds * 10) / 10,
        measurements,
        ...measured,
        targets: [],
      };
      run.targets = evaluateTargets(run);
      return run;
    };
    // GETs go to wrk, which is not the limit (one address for a duration, or a crawler's walk of a
    // list, wrk-walk.ts); POSTs to autocannon, which writes each body and reads each 303's cookie.
    const measure = async (name: string, target: Target, urlPath: string, extra: Partial<LoadSpec> = {}) => {
      console.log(`  ${name} (${urlPath.length > 60 ? `${urlPath.slice(0, 57)}…` : urlPath})…`);
      const spec: LoadSpec = {
        url: `${target.origin}${urlPath}`,
        headers: BROWSER_HEADERS,
        connections: options.connections,
        duration: options.duration,
        warmup: 2,
        ...extra,
      };
      const client = spec.method === 'POST' ? 'autocannon' : 'wrk';
      const readCpu = () => ({
        server: target.pid ? cpuSecondsOf(target.pid) : 0,
        ...(target.pid ? { serverThreads: serverThreadsOf(target.pid) } : {}),
        database: database.serverEnv.DATABASE_URL ? postgresCpuByBackend(database.serverEnv.DATABASE_URL) : null,
      });
      const result = spec.paths
        ? await runWrkWalk(wrk, { ...spec, url: target.origin }, readCpu)
        : client === 'wrk'
          ? await runWrk(wrk, spec)
          : await runLoad(spec);
      const measurement: Measurement = {
        name,
        path: urlPath,
        client,
        server: target.kind,
        rssMb: target.rssMb(),
        ratioToCeiling: null,
        ...result,
      };
      measurements.push(measurement);
      return measurement;
    };
    const serverOptions = (name: string, env: Record<string, string> = {}) => ({
      name,
      port: options.port,
      env: { ...database.serverEnv, LIFT_RATE_LIMITS: '1', IP_HASH_SECRET: 'bench-secret-0123456789abcdef', ...env },
      logFile: path.join(options.resultsDir, `server-${options.engine}-${name}.log`),
      profileDir: options.profileDir ? path.join(options.profileDir, `${options.engine}-${name}`) : undefined,
    });
    const uploadPhotos = async () => {
      console.log('  photo uploads (4000 × 3000 JPEG), one at a time then 20 at once, on a server of their own…');
      const server = await started(startServer(serverOptions('photos')));
      const photos = await benchPhotoUploads(server.origin, () => server.rssMb(), jpeg);
      await server.stop();
      return photos;
    };
    const tokensFile = path.join(os.tmpdir(), `mur-bench-tokens-${options.stamp}.json`);
    const measureShare = (target: Target) =>
      measure('share a souvenir (POST)', target, '/partager?_action=share', {
        method: 'POST',
        headers: { ...BROWSER_HEADERS, 'content-type': 'application/x-www-form-urlencoded', origin: target.origin },
        shareTokensFile: tokensFile,
      });
    /** Each 303 left its private link in the thank-you flash, for ten minutes: read them back, count those stored. */
    const sharesStored = async (answered303: number) => {
      const secrets = JSON.parse(fs.readFileSync(tokensFile, 'utf8')) as string[];
      fs.rmSync(tokensFile, { force: true });
      if (options.engine === 'pglite') handle = await openMigrated(database);
      const tokens: string[] = [];
      for (const secret of secrets) {
        const thanks = await recallThankYou(handle.db, secret);
        if (thanks) tokens.push(thanks.token);
      }
      const stored = await countStoredTokens(handle.db, tokens);
      await handle.close();
      return { answered303, tokensRead: tokens.length, stored };
    };
    if (options.rows === 'share') {
      // Sharing alone, on a server of its own: its CPU per share compares runs on a busy machine.
      const server = await started(startServer(serverOptions('share')));
      const cpuBefore = cpuSecondsOf(server.pid);
      const share = await measureShare(asTarget('cached', server));
      const answered303 = share.statusCodes['303'] ?? 0;
      const cpuMs = (cpuSecondsOf(server.pid) - cpuBefore) * 1000;
      const rss = server.rssMb();
      await server.stop();
      // The warm-up's shares are not counted in the row but their CPU is: a slight overestimate.
      const perShare = cpuMs / Math.max(1, answered303 * ((options.duration + 2) / options.duration));
      return report({
        rssAtEndMb: { cached: rss, uncached: rss },
        share: await sharesStored(answered303),
        notes: [...notes, `sharing only (--rows=share): the server used ${perShare.toFixed(2)} ms of CPU per share`],
      });
    }
    if (options.rows === 'photos') {
      const photos = await uploadPhotos();
      return report({
        rssAtEndMb: { cached: photos.beforeUploadsRssMb, uncached: photos.beforeUploadsRssMb },
        share: { answered303: 0, tokensRead: 0, stored: 0 },
        photos,
        notes: [...notes, 'photo rows only (--rows=photos)'],
      });
    }

    const uncachedServer = await started(
      startServer(serverOptions('uncached', { FRONT_CACHE: 'off', RENDER_CACHE: 'off' })),
    );
    const uncached = asTarget('uncached', uncachedServer);
    await measure('wall, caches off', uncached, '/');
    await measure('wall 1 000 pages deep', uncached, deepPath);
    // A word of most texts: the GIN index finds thousands of rows, all ranked for the first page.
    await measure('search "salle", caches off', uncached, SEARCH_PATH);
    await measure('souvenir with 50 comments, caches off', uncached, `/souvenirs/${seeded.commentedPublicId}`);
    const uncachedRss = uncachedServer.rssMb();
    await uncachedServer.stop();

    const cachedServer = await started(startServer(serverOptions('cached', {})));
    const cached = asTarget('cached', cachedServer);
    const answer = await captureCachedAnswer(`${cached.origin}/`, BROWSER_HEADERS);
    const answerFile = path.join(os.tmpdir(), `mur-bench-answer-${options.stamp}.json`);
    fs.writeFileSync(answerFile, JSON.stringify({ headers: answer.headers, body: answer.body.toString('base64') }));
    const ceilingServer = await startCeiling(answerFile);
    const bare = { kind: 'ceiling', origin: ceilingServer.origin, rssMb: () => null } as const;
    const before = await measure('ceiling (bare node:http)', bare, '/');
    await measure('wall, cached', cached, '/');
    await measure('search "salle", cached', cached, SEARCH_PATH);
    await measure('souvenir with 50 comments, cached', cached, `/souvenirs/${seeded.commentedPublicId}`);
    // Read again after the rows it divides: this VM's speed moves within minutes, and one reading
    // taken before them made their ratios the VM's drift as much as the server's. The higher counts.
    const after = await measure('ceiling again, after the cached rows', bare, '/');
    const ceiling = after.requestsPerSecond > before.requestsPerSecond ? after : before;
    await ceilingServer.stop();
    fs.rmSync(answerFile, { force: true });
    // First visits: the production server, each address once, so every answer is a render.
    const walk = (paths: string[]) => {
      // A small database (PGlite's) keeps most of its few pages for the measured walk.
      const warm = Math.min(WARM_WALK, Math.max(paths.length - WALK, Math.floor(paths.length / 6)));
      return { paths: paths.slice(warm), warmupPaths: paths.slice(0, warm) };
    };
    for (const [what, paths, shape] of [
      ['deep wall pages', wallWalk, '/?avant=…'],
      ['souvenir pages', souvenirWalk, '/souvenirs/…'],
    ] as const) {
      const spec = walk([...paths]);
      await measure(`crawl: ${spec.paths.length} ${what}`, cached, shape, spec);
    }
    const feed = await captureAnswer(`${cached.origin}/rss.xml`, BROWSER_HEADERS);
    if (feed.status === 200) await measure('feed (/rss.xml)', cached, '/rss.xml');
    else notes.push(`/rss.xml answered ${feed.status}: the feed was not measured`);
    const share = await measureShare(cached);
    await measure('photo variant (960 px WebP)', cached, photoPath);
    const cachedRss = cachedServer.rssMb();
    await cachedServer.stop();
    const photos = await uploadPhotos();

    if (options.engine === 'postgres') {
      // Issue 18: `npm start` as deployed, one worker per core (its RSS is the primary's only: not shown).
      const allServer = await started(startServer(serverOptions('all-workers', { WEB_CONCURRENCY: '' })));
      await captureCachedAnswer(`${allServer.origin}/`, BROWSER_HEADERS);
      await measure('wall, cached, all workers', { kind: 'cached', origin: allServer.origin, rssMb: () => null }, '/');
      await allServer.stop();
    }

    for (const m of measurements)
      m.ratioToCeiling = Math.round((m.requestsPerSecond / ceiling.requestsPerSecond) * 1000) / 1000;
    return report({
      rssAtEndMb: { cached: cachedRss, uncached: uncachedRss },
      share: await sharesStored(share.statusCodes['303'] ?? 0),
      photos,
      notes,
    });
  } finally {
    for (const server of servers) await server.stop();
    await database.drop();
  }
}
