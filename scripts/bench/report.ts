/** The benchmark's table, its targets (issue 8) and the JSON written beside them. */
import os from 'node:os';
import type { LoadResult } from './load.ts';
import type { PhotoBench } from './photos.ts';

export interface Measurement extends LoadResult {
  name: string;
  path: string;
  /** The load generator: wrk for GETs (one address, or a crawler's walk), autocannon for POSTs. */
  client?: 'wrk' | 'autocannon';
  /** A crawler's walk: CPU per page, in ms, of the server, the database (null when not a process here) and the client. */
  cpuMsPerRequest?: {
    server: number;
    database: number | null;
    client: number;
    /** The server's share by thread: event loop, V8's workers (garbage collection, compilers), libuv's pool, others. */
    serverThreads?: { main: number; v8: number; pool: number; other: number };
  };
  /** Which server answered: the production one, the one with both caches off, or the bare ceiling. */
  server: 'cached' | 'uncached' | 'ceiling';
  /** The server's resident memory right after this measurement. */
  rssMb: number | null;
  ratioToCeiling: number | null;
}

function threadsSaid(threads: NonNullable<Measurement['cpuMsPerRequest']>['serverThreads']): string {
  if (!threads) return '';
  return ` (event loop ${threads.main}, V8's workers ${threads.v8}, libuv's pool ${threads.pool}, others ${threads.other})`;
}

export interface Target {
  name: string;
  met: boolean;
  detail: string;
}

export interface EngineRun {
  engine: 'postgres' | 'pglite';
  souvenirs: number;
  comments: number;
  seedSeconds: number;
  measurements: Measurement[];
  /** Each server's resident memory at the end of its run, MB. */
  rssAtEndMb: { cached: number; uncached: number };
  /** The shares answered 303 (Post/Redirect/Get), the private links read back from their flash, those stored. */
  share: { answered303: number; tokensRead: number; stored: number };
  /** Photo uploads through the share form (issue 16). */
  photos?: PhotoBench;
  targets: Target[];
  notes: string[];
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    /** 1, 5 and 15 minutes, at the end: other work on the machine skews every number. */
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

function find(run: EngineRun, name: string): Measurement | undefined {
  return run.measurements.find((m) => m.name === name);
}

/** The targets of issue 8, from the measurements of one run (ratios, so a noisy machine cancels out). */
export function evaluateTargets(run: EngineRun): Target[] {
  const targets: Target[] = [];
  // Read before and after the cached rows (measure-engine.ts): the higher reading.
  const ceiling = run.measurements
    .filter((m) => m.server === 'ceiling')
    .reduce<Measurement | undefined>(
      (high, m) => (high && high.requestsPerSecond >= m.requestsPerSecond ? high : m),
      undefined,
    );
  const cached = find(run, 'wall, cached');
  const uncached = find(run, 'wall, caches off');
  const deep = find(run, 'wall 1 000 pages deep');
  const share = find(run, 'share a souvenir (POST)');
  if (ceiling) {
    targets.push({
      name: `the client (${ceiling.client ?? 'autocannon'}) reaches ≥ 20 000 req/s on the bare server`,
      met: ceiling.requestsPerSecond >= 20_000,
      detail: `${Math.round(ceiling.requestsPerSecond)} req/s`,
    });
  }
  const ofCeiling = (name: string, row: Measurement | undefined, share: number) => {
    if (!ceiling || !row) return;
    const ratio = row.requestsPerSecond / ceiling.requestsPerSecond;
    targets.push({
      name: `${name} ≥ ${share * 100} % of the ceiling`,
      met: ratio >= share,
      detail: `${(ratio * 100).toFixed(0)} %`,
    });
  };
  ofCeiling('cached wall', cached, 0.8);
  ofCeiling('souvenir page cached', find(run, 'souvenir with 50 comments, cached'), 0.5);
  for (const row of run.measurements.filter((m) => m.name.startsWith('crawl: '))) {
    targets.push({
      name: `${row.name}, first visits, ≥ 1 000 req/s, p99 < 100 ms`,
      met: row.requestsPerSecond >= 1000 && row.p99 < 100,
      detail: `${Math.round(row.requestsPerSecond)} req/s, p99 ${row.p99} ms`,
    });
  }
  if (uncached) {
    targets.push({
      name: 'uncached wall ≥ 1 000 req/s, p99 < 100 ms',
      met: uncached.requestsPerSecond >= 1000 && uncached.p99 < 100,
      detail: `${Math.round(uncached.requestsPerSecond)} req/s, p99 ${uncached.p99} ms`,
    });
  }
  if (deep && uncached) {
    const ratio = deep.p50 / Math.max(1, uncached.p50);
    targets.push({
      name: '1 000 deep p50 ≤ 1.3 × first page p50',
      met: ratio <= 1.3,
      detail: `${ratio.toFixed(2)} × (${deep.p50} vs ${uncached.p50} ms)`,
    });
  }
  if (share) {
    const allStored = run.share.stored === run.share.answered303 && run.share.tokensRead === run.share.answered303;
    targets.push({
      name: 'sharing ≥ 300/s, every one stored',
      met: share.requestsPerSecond >= 300 && allStored,
      detail: `${Math.round(share.requestsPerSecond)}/s, ${run.share.stored} of ${run.share.answered303} stored`,
    });
  }
  if (run.photos) {
    const { single, concurrent } = run.photos;
    targets.push({
      name: 'a 4000 × 3000 photo uploaded and processed < 1 s',
      met: single.p50Ms < 1000,
      detail: `p50 ${single.p50Ms} ms, max ${single.maxMs} ms`,
    });
    targets.push({
      name: `RSS < 350 MB during ${concurrent.uploads} uploads at once`,
      met: concurrent.peakRssMb < 350 && concurrent.answered303 === concurrent.uploads,
      detail: `peak ${concurrent.peakRssMb} MB (${run.photos.beforeUploadsRssMb} MB before), ${concurrent.answered303} answered 303 in ${concurrent.seconds} s`,
    });
  }
  const rss = Math.max(run.rssAtEndMb.cached, run.rssAtEndMb.uncached);
  // Without the load rows (--rows=photos) no server ran to an end worth reading.
  if (run.measurements.length > 0)
    targets.push({ name: 'server RSS < 250 MB at the end', met: rss < 250, detail: `${rss} MB` });
  // A share's success is its 303 (Post/Redirect/Get), which autocannon counts as non-2xx.
  const unexpected = (m: Measurement) =>
    m.non2xx - (m.path.includes('_action=share') ? (m.statusCodes['303'] ?? 0) : 0);
  const failed = run.measurements.filter((m) => m.errors > 0 || unexpected(m) > 0);
  targets.push({
    name: 'no errors, no non-2xx',
    met: failed.length === 0,
    detail:
      failed.length === 0
        ? 'none'
        : failed.map((m) => `${m.name}: ${m.errors} errors, ${unexpected(m)} non-2xx`).join('; '),
  });
  return targets;
}

function cell(value: string, width: number, right = true): string {
  return right ? value.padStart(width) : value.padEnd(width);
}

/** The run as a plain-text table (also valid Markdown), then its targets. */
export function formatRun(run: EngineRun): string {
  const lines = [
    `${run.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}: ${run.souvenirs.toLocaleString('en')} souvenirs, ${run.comments.toLocaleString('en')} comments (seeded in ${run.seedSeconds.toFixed(1)} s)`,
    '',
    `| ${cell('measurement', 36, false)} | ${cell('client', 10, false)} | ${cell('req/s', 8)} | ${cell('p50 ms', 7)} | ${cell('p99 ms', 7)} | ${cell('errors', 6)} | ${cell('non-2xx', 7)} | ${cell('RSS MB', 7)} | ${cell('× ceiling', 9)} |`,
    `| ${'-'.repeat(36)} | ${'-'.repeat(10)} | ${'-'.repeat(7)}: | ${'-'.repeat(6)}: | ${'-'.repeat(6)}: | ${'-'.repeat(5)}: | ${'-'.repeat(6)}: | ${'-'.repeat(6)}: | ${'-'.repeat(8)}: |`,
  ];
  for (const m of run.measurements) {
    lines.push(
      `| ${cell(m.name, 36, false)} | ${cell(m.client ?? 'autocannon', 10, false)} | ${cell(Math.round(m.requestsPerSecond).toLocaleString('en'), 8)} | ${cell(String(m.p50), 7)} | ${cell(String(m.p99), 7)} | ${cell(String(m.errors), 6)} | ${cell(String(m.non2xx), 7)} | ${cell(m.rssMb === null ? '–' : String(m.rssMb), 7)} | ${cell(m.ratioToCeiling === null ? '–' : m.ratioToCeiling.toFixed(3), 9)} |`,
    );
  }
  for (const m of run.measurements.filter((m) => m.cpuMsPerRequest)) {
    const cpu = m.cpuMsPerRequest!;
    lines.push(
      `${m.name}: CPU per page ${cpu.server} ms in the server${threadsSaid(cpu.serverThreads)}, ${cpu.database === null ? 'the database in its process' : `${cpu.database} ms in PostgreSQL`}, ${cpu.client} ms in wrk.`,
    );
  }
  lines.push(
    '',
    `RSS at the end: production server ${run.rssAtEndMb.cached} MB, caches-off server ${run.rssAtEndMb.uncached} MB.`,
  );
  lines.push(
    `Sharing: ${run.share.answered303} answered 303, ${run.share.tokensRead} private links read, ${run.share.stored} found stored.`,
  );
  if (run.photos)
    lines.push(
      `Photos: a 4000 × 3000 JPEG shared in ${run.photos.single.p50Ms} ms (p50 of ${run.photos.single.uploads}); ${run.photos.concurrent.uploads} at once in ${run.photos.concurrent.seconds} s, server RSS ${run.photos.beforeUploadsRssMb} MB before the first, at most ${run.photos.concurrent.peakRssMb} MB.`,
    );
  lines.push('', 'Targets:');
  for (const target of run.targets) lines.push(`  ${target.met ? '✔' : '✘'} ${target.name}: ${target.detail}`);
  for (const note of run.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}
