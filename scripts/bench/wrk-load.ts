/**
 * One measurement driven by `wrk` (Debian's package, in C): a Node load generator in one process
 * tops out near 4 000 req/s here, below what the front cache serves, so the cached rows and their
 * ceiling are measured with wrk (issue 19 item 6). Same spec and result shapes as load.ts.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import type { LoadResult, LoadSpec } from './load.ts';

const REPORT_SCRIPT = path.join(import.meta.dirname, 'wrk-report.lua');
/** Two threads: this machine has two cores, and the server under test takes one. */
export const WRK_THREADS = 2;

/** Installs wrk with apt when it is missing (the bench's only setup); throws when that fails. */
export function ensureWrk(): string {
  const found = () => {
    try {
      return execFileSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  let wrk = found();
  if (wrk) return wrk;
  console.log('wrk is missing: installing it with apt-get (Debian package "wrk")…');
  try {
    execFileSync('sh', ['-c', 'apt-get install -y wrk || (apt-get update && apt-get install -y wrk)'], {
      stdio: 'inherit',
    });
  } catch {
    // Said below, with what to do.
  }
  wrk = found();
  if (!wrk)
    throw new Error('wrk is not installed and apt-get could not install it: run `apt-get install -y wrk` as root');
  return wrk;
}

export interface WrkReport {
  requests: number;
  durationUs: number;
  bytes: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
  p50Us: number;
  p99Us: number;
}

/** wrk's arguments for `spec` over `seconds` (its headers, timeout and Lua script). */
export function wrkArguments(
  spec: LoadSpec,
  seconds: number,
  { script = REPORT_SCRIPT, threads = WRK_THREADS } = {},
): string[] {
  const args = [
    `-t${threads}`,
    `-c${Math.max(threads, spec.connections)}`,
    `-d${seconds}s`,
    '--timeout',
    '30s',
    '-s',
    script,
  ];
  for (const [name, value] of Object.entries(spec.headers ?? {})) args.push('-H', `${name}: ${value}`);
  args.push(spec.url);
  return args;
}

function wrkOnce(wrk: string, spec: LoadSpec, seconds: number): Promise<WrkReport> {
  const args = wrkArguments(spec, seconds);
  return new Promise((resolve, reject) => {
    const child = spawn(wrk, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) reject(new Error(`wrk exited with ${code}: ${output.slice(-500)}`));
      else resolve(JSON.parse(line) as WrkReport);
    });
  });
}

/** wrk's report as the bench's result, its rate over `seconds`; non-2xx counts statuses ≥ 400 (wrk's own count). */
export function wrkResult(report: WrkReport, seconds: number): LoadResult {
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    requestsPerSecond: report.requests / seconds,
    p50: ms(report.p50Us),
    p99: ms(report.p99Us),
    total: report.requests,
    errors: report.connect + report.read + report.write + report.timeout,
    timeouts: report.timeout,
    non2xx: report.status,
    statusCodes: { '<400': report.requests - report.status, '>=400': report.status },
    bytesPerSecond: report.bytes / seconds,
  };
}

/** A GET of one URL for `spec.duration` seconds after a warm-up. */
export async function runWrk(wrk: string, spec: LoadSpec): Promise<LoadResult> {
  if ((spec.method ?? 'GET') !== 'GET') throw new Error('runWrk measures GETs only');
  if (spec.warmup > 0) await wrkOnce(wrk, spec, spec.warmup);
  const report = await wrkOnce(wrk, spec, spec.duration);
  return wrkResult(report, report.durationUs / 1e6);
}
