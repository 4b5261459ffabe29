/** The processes a benchmark run starts: the built server, the ceiling server, the load runner. */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadResult, LoadSpec } from './load.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  name: string;
  origin: string;
  pid: number;
  /** Resident memory of the server process now, in MB (Linux /proc). */
  rssMb(): number;
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

export function rssMbOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/** CPU time (user and system) the process has used so far, in seconds (Linux /proc, 100 ticks a second). */
export function cpuSecondsOf(pid: number): number {
  // Fields 14 and 15 of /proc/PID/stat, counted after the command name, which may hold spaces.
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Where a Node server's CPU goes, by its threads' kind, in seconds. */
export interface ServerThreads {
  /** The event loop's thread: JavaScript, and the kernel's work for its sockets. */
  main: number;
  /** V8's worker threads: the garbage collector's parallel and concurrent work, and optimising compilers. */
  v8: number;
  /** libuv's thread pool: compression, file reads. */
  pool: number;
  other: number;
}

/** The CPU seconds each kind of thread of `pid` has used so far (Linux /proc; a thread that ended took its time with it). */
export function serverThreadsOf(pid: number): ServerThreads {
  const threads: ServerThreads = { main: 0, v8: 0, pool: 0, other: 0 };
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // ended since it was listed
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
    const kind =
      tid === String(pid) ? 'main' : name.startsWith('V8') ? 'v8' : name.startsWith('libuv') ? 'pool' : 'other';
    threads[kind] += seconds;
  }
  return threads;
}

/**
 * CPU seconds used so far by each PostgreSQL backend connected to the database at `databaseUrl`
 * (its server is on this machine), by process id: the bench's, not another database's clients or
 * maintenance. Two readings give a walk's share (cpuSpent). Null when they cannot be read here.
 */
export function postgresCpuByBackend(databaseUrl: string): Map<number, number> | null {
  let pids: number[];
  try {
    const listed = execFileSync(
      'psql',
      [
        databaseUrl,
        '-Atc',
        'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      ],
      { encoding: 'utf8' },
    );
    pids = listed.split('\n').filter(Boolean).map(Number);
  } catch {
    return null;
  }
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    try {
      seconds.set(pid, cpuSecondsOf(pid));
    } catch {
      // ended since it was listed
    }
  }
  return seconds;
}

/**
 * CPU seconds spent between two readings of postgresCpuByBackend, over the backends alive at the
 * second: one that ended between them took its time with it, one that started is counted whole.
 */
export function cpuSpent(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let spent = 0;
  for (const [pid, seconds] of after) spent += seconds - (before.get(pid) ?? 0);
  return spent;
}

/** Node's flags and the environment set in `npm start` (package.json), so the measured server is the one deployed. */
function startCommand(): { flags: string[]; env: Record<string, string> } {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = pkg.scripts.start!.split(/\s+/);
  const env: Record<string, string> = {};
  for (const word of words) {
    const assignment = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(word);
    if (assignment) env[assignment[1]!] = assignment[2]!;
  }
  return { flags: words.filter((word) => word.startsWith('--')), env };
}

/**
 * Starts `scripts/start.ts --no-build` with the flags of `npm start` (the production server, as `npm start` runs it) and waits
 * for /healthz. Its output goes to `logFile`; with `profileDir`, it writes a V8 CPU profile there
 * on stop.
 */
export async function startServer(options: {
  name: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
  profileDir?: string | undefined;
  /** Node's flags instead of those of `npm start` (to compare heap settings). */
  nodeFlags?: string[] | undefined;
}): Promise<ServerProcess> {
  const log = fs.openSync(options.logFile, 'w');
  const start = startCommand();
  const nodeArgs = [
    ...(options.nodeFlags ?? start.flags),
    ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []),
  ];
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'scripts/start.ts'), '--no-build'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...start.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(options.port),
      // One worker unless a row asks for more (the targets are per worker; issue 18's row, all workers).
      WEB_CONCURRENCY: '1',
      ...options.env,
    },
    stdio: ['ignore', log, log],
  });
  const origin = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the ${options.name} server exited (${child.exitCode}); see ${options.logFile}`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the ${options.name} server did not answer /healthz within 60 s; see ${options.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  let stopping: Promise<void> | undefined;
  return {
    name: options.name,
    origin,
    pid: child.pid!,
    rssMb: () => rssMbOf(child.pid!),
    // Idempotent: the bench stops every server again when a measurement failed.
    stop: () =>
      (stopping ??= (async () => {
        child.kill('SIGTERM');
        await waitForExit(child);
        fs.closeSync(log);
      })()),
  };
}

/** Starts the ceiling server on the captured answer; resolves with its origin and a stop. */
export async function startCeiling(
  answerFile: string,
): Promise<{ origin: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/bench/ceiling.ts'), answerFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the ceiling server exited (${code})`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await waitForExit(child);
    },
  };
}

/** Runs one measurement in its own process (scripts/bench/load.ts). */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise<LoadResult>((resolve, reject) => {
    // --no-warnings: autocannon's timers print a harmless TimeoutNegativeWarning on Node 24.
    const child = spawn(
      process.execPath,
      ['--no-warnings', path.join(ROOT, 'scripts/bench/load.ts'), JSON.stringify(spec)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the load runner exited with ${code}`));
      else resolve(JSON.parse(output) as LoadResult);
    });
  });
}
