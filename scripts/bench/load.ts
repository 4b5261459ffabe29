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
   * A crawler's walk (wrk-walk.ts, not this file): each of these paths asked exactly once (no
   * duration), after a warm-up on `warmupPaths` (other addresses, so none of the measured ones was
   * seen before).
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

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
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

/** A short run first, so module loading and the JIT's first passes are not measured. */
async function warmUp() {
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
const result = await autocannon({
  url: spec.url,
  method: spec.method ?? 'GET',
  headers: spec.headers,
  connections: spec.connections,
  duration: spec.duration,
  ...(spec.shareTokensFile ? { requests: shareRequests() } : {}),
});
if (spec.shareTokensFile) fs.writeFileSync(spec.shareTokensFile, JSON.stringify(tokens));

const statusCodes: Record<string, number> = {};
for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = Number(stats.count);
const output: LoadResult = {
  requestsPerSecond: result.requests.total / result.duration,
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
