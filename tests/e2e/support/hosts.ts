/**
 * Several hosts for the two-host test (issue 18): each a copy of the sources of its own, built by
 * its own `npm start` (scripts/start.ts, no --no-build), on one PostgreSQL database, behind a small
 * proxy that shares one origin between them as nginx would.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { terminate } from './server.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SOURCES = [
  'src',
  'db',
  'public',
  'scripts',
  'astro.config.mjs',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

export interface Host {
  dir: string;
  origin: string;
  output(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A fresh copy of the sources (as a clean clone has them) sharing this checkout's node_modules. */
export function copySources(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mur-host-'));
  for (const entry of SOURCES) fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/** A host from the sources in `dir`, started as `npm start` starts (building when it needs to). */
export function host(dir: string, port: number, env: Record<string, string>): Host {
  let child: ChildProcess | null = null;
  let log = '';
  const origin = `http://127.0.0.1:${port}`;
  return {
    dir,
    origin,
    output: () => log,
    async start() {
      child = spawn(
        process.execPath,
        ['--max-semi-space-size=8', '--initial-old-space-size=64', '--max-old-space-size=256', 'scripts/start.ts'],
        {
          cwd: dir,
          env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout!.on('data', (d) => (log += d));
      child.stderr!.on('data', (d) => (log += d));
      const running = child;
      const from = log.length;
      const deadline = Date.now() + 240_000;
      while (Date.now() < deadline) {
        if (running.exitCode !== null) throw new Error(`host exited early:\n${log}`);
        if (log.slice(from).includes('Mur des Souvenirs: http')) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`host did not start in 240 s:\n${log}`);
    },
    async stop() {
      await terminate(child);
      child = null;
    },
  };
}

export interface Proxy {
  origin: string;
  /**
   * Takes host `index` out of the rotation and resolves once its requests in flight are answered
   * (what an operator does before restarting it: a host that closes its listening socket resets
   * connections not yet accepted, and a reset POST cannot safely be sent again); `back` returns it.
   */
  drain(index: number): Promise<void>;
  back(index: number): void;
  /** Answers each host gave, by host index (the proxy's own 502s are at index -1). */
  statuses: Map<number, number[]>;
  close(): Promise<void>;
}

/**
 * Round-robin over `upstreams`, like nginx with `proxy_next_upstream error`: a host that refuses
 * the connection (stopped, restarting) is skipped and the request goes to the next one, which is
 * safe since the refused one never received it. `x-test-host: N` pins a request to host N, and
 * `x-test-client` is the address appended to X-Forwarded-For (each simulated visitor's own).
 */
export async function roundRobinProxy(upstreams: () => string[], port = 0): Promise<Proxy> {
  let next = 0;
  const statuses = new Map<number, number[]>();
  const drained = new Set<number>();
  const inFlight = new Map<number, number>();
  const record = (index: number, status: number) => statuses.set(index, [...(statuses.get(index) ?? []), status]);
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const hosts = upstreams();
    const pinned = req.headers['x-test-host'];
    // A drained host gets no new request (nginx's host marked `down`): only those in flight finish.
    const order =
      pinned !== undefined
        ? [Number(pinned)]
        : hosts.map((_, i) => (next + i) % hosts.length).filter((index) => !drained.has(index));
    next = (next + 1) % hosts.length;
    const headers = { ...req.headers };
    delete headers['x-test-host'];
    const client = (req.headers['x-test-client'] as string | undefined) ?? req.socket.remoteAddress ?? '127.0.0.1';
    delete headers['x-test-client'];
    headers['x-forwarded-for'] = client;
    for (const index of order) {
      // Drained while an earlier host of the order was tried (a GET retried after a reset).
      if (pinned === undefined && drained.has(index)) continue;
      const target = new URL(req.url ?? '/', hosts[index]);
      inFlight.set(index, (inFlight.get(index) ?? 0) + 1);
      res.once('close', () => inFlight.set(index, (inFlight.get(index) ?? 1) - 1));
      const answered = await new Promise<boolean>((resolve) => {
        // A new connection per request, as nginx does by default (no upstream keepalive): a host that
        // is stopping refuses it cleanly instead of resetting a reused one under a request.
        const upstream = http.request(target, { method: req.method, headers, agent: false }, (answer) => {
          record(index, answer.statusCode ?? 0);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          resolve(true);
        });
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          if (res.headersSent) {
            res.destroy();
            return;
          }
          // A refused connection was never received: any request may go elsewhere. A reset one may
          // have been: only a GET or HEAD is tried again (nginx's rule for non-idempotent requests).
          const retry =
            error.code === 'ECONNREFUSED' || (error.code === 'ECONNRESET' && /^(GET|HEAD)$/.test(req.method ?? ''));
          if (!retry) res.writeHead(502).end();
          resolve(!retry);
        });
        req.on('close', () => {
          if (!res.writableEnded) upstream.destroy();
        });
        upstream.end(body);
      });
      if (answered) return;
    }
    record(-1, 502);
    res.writeHead(502).end('no host answered');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    statuses,
    async drain(index) {
      drained.add(index);
      while ((inFlight.get(index) ?? 0) > 0) await new Promise((r) => setTimeout(r, 20));
    },
    back: (index) => void drained.delete(index),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
