/**
 * One measurement, in a process of its own so the load generator never shares an event loop with
 * the server or with the bench's bookkeeping. Reads a `LoadSpec` (JSON, first argument), runs
 * autocannon, prints a `LoadResult` (JSON) on stdout.
 */
import fs from 'node:fs';
import autocannon from 'autocannon';
import { TextMaker } from './fake-text.ts';

export interface LoadSpec {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  connections: number;
  duration: number;
  warmup: number;
  /** POST a different souvenir each time and write the thank-you cookies of the 303s to this file. */
  shareTokensFile?: string;
  /**
   * A crawler's walk: each of these paths asked exactly once (no duration), after a warm-up on
   * `warmupPaths` (other addresses, so none of the measured ones was seen before).
   */
  paths?: string[];
  warmupPaths?: string[];
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  bytesPerSecond: number;
}

const argument = process.argv[2] ?? '{}';
// `@file`: a crawler's list of paths is longer than one command-line argument may be.
const spec = JSON.parse(argument.startsWith('@') ? fs.readFileSync(argument.slice(1), 'utf8') : argument) as LoadSpec;
/** The thank-you cookies' secrets, one per souvenir shared. */
const tokens: string[] = [];
/** A share answers 303 with the thank-you cookie (src/lib/flash/thank-you-cookie.ts); its secret finds the private link. */
const THANKS_COOKIE = /(?:^|[,;]\s*)(?:__Host-)?merci=([A-Za-z0-9_-]{32})(?=;|,|$)/;

const text = new TextMaker(process.pid);
/** Counts every souvenir sent (warm-up included), so no two bodies are alike (the duplicate rule). */
let sent = 0;

function shareRequests(): autocannon.Request[] {
  return [
    {
      method: 'POST',
      setupRequest(request) {
        sent++;
        const souvenir = text.souvenir();
        const form = new URLSearchParams({
          name: souvenir.authorName,
          email: `partage-${process.pid}-${sent}@example.invalid`,
          title: souvenir.title ?? '',
          body: `${souvenir.bodyRaw}\n\n(${process.pid}-${sent})`,
          year: String(souvenir.memoryYear),
          event: souvenir.event ?? '',
          consent: 'on',
          website: '',
        });
        return { ...request, body: form.toString() };
      },
      onResponse(status, _body, _context, headers) {
        if (status !== 303) return;
        const cookies = [headers?.['set-cookie'] ?? []].flat();
        const secret = cookies.map((c) => THANKS_COOKIE.exec(String(c))?.[1]).find(Boolean);
        if (secret) tokens.push(secret);
      },
    },
  ];
}

/** When the walk measured began and its last answer came (performance.now()). */
const walkClock = { started: 0, lastAnswer: 0 };

/**
 * Each path once, in order, whichever connection is free: one request per address. Its rate is
 * timed here: autocannon ends a run with an `amount` at its next one-second tick, so its own
 * duration rounds a walk up to whole seconds (1 000 pages in 3.1 s or in 3.9 s both read 249/s).
 */
function walk(paths: string[]): Pick<autocannon.Options, 'requests' | 'amount'> {
  let next = 0;
  return {
    amount: paths.length,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }),
        onResponse: () => {
          walkClock.lastAnswer = performance.now();
        },
      },
    ],
  };
}

/** A short run first, so module loading and the JIT's first passes are not measured. */
async function warmUp() {
  if (spec.paths) {
    if (spec.warmupPaths?.length) {
      await autocannon({
        url: spec.url,
        headers: spec.headers,
        connections: Math.min(spec.connections, spec.warmupPaths.length),
        ...walk(spec.warmupPaths),
      });
    }
    return;
  }
  if (spec.warmup <= 0) return;
  await autocannon({
    url: spec.url,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    connections: spec.connections,
    duration: spec.warmup,
    ...(spec.shareTokensFile ? { requests: shareRequests() } : {}),
  });
  tokens.length = 0;
}

await warmUp();
walkClock.started = performance.now();
const result = await autocannon({
  url: spec.url,
  method: spec.method ?? 'GET',
  headers: spec.headers,
  connections: spec.paths ? Math.min(spec.connections, spec.paths.length) : spec.connections,
  duration: spec.duration,
  ...(spec.shareTokensFile ? { requests: shareRequests() } : {}),
  ...(spec.paths ? walk(spec.paths) : {}),
});
if (spec.shareTokensFile) fs.writeFileSync(spec.shareTokensFile, JSON.stringify(tokens));

const statusCodes: Record<string, number> = {};
for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = Number(stats.count);
const output: LoadResult = {
  requestsPerSecond: spec.paths
    ? walkClock.lastAnswer > walkClock.started
      ? (result.requests.total * 1000) / (walkClock.lastAnswer - walkClock.started)
      : 0
    : result.requests.total / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  total: result.requests.total,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  statusCodes,
  bytesPerSecond: result.throughput.average,
};
process.stdout.write(JSON.stringify(output));
