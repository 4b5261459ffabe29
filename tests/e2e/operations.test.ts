import http from 'node:http';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { launchServer } from './support/server.ts';
import type { E2eServer } from './support/server.ts';

/** The numbers in a Prometheus text for `name` with labels containing `labels`, summed. */
function sample(text: string, name: string, labels: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(labels))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/**
 * Issue 18, observability: /metrics in Prometheus format for this machine or a token, and one
 * JSON log line per request with its id and route, never a private link, an address or an email.
 */
describe('metrics and request logs', () => {
  let server: E2eServer;
  const token = 'metrics-token-for-the-test-0123456789';
  beforeAll(async () => {
    // Two workers on PostgreSQL: a scrape reaching either sees both (the primary aggregates).
    server = await launchServer({
      METRICS_TOKEN: token,
      ...(process.env.DATABASE_URL ? { WEB_CONCURRENCY: '2' } : {}),
    });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('counts requests by route and the front cache, for this machine or the token only', async () => {
    for (let i = 0; i < 6; i++) await (await fetch(`${server.origin}/`)).arrayBuffer();
    await (await fetch(`${server.origin}/mes-souvenirs/not-a-real-private-link-0123456789`)).arrayBuffer();
    const res = await fetch(`${server.origin}/metrics`);
    expect(res.status, server.output().slice(-3000)).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(sample(text, 'mur_http_requests_total', 'route="/"')).toBeGreaterThanOrEqual(6);
    expect(sample(text, 'mur_front_cache_total', 'result="hit"')).toBeGreaterThanOrEqual(1);
    for (const name of [
      'mur_http_request_duration_seconds_bucket',
      'mur_outbox_waiting',
      'mur_moderation_pending',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toContain(name);
    }
    if (server.engine === 'postgres') {
      expect(text).toContain('mur_db_pool_connections{state="total"}');
      // Nothing else asks for a connection now: the scrape's own queries are not counted as waiting.
      expect(sample(text, 'mur_db_pool_connections', 'state="waiting"')).toBe(0);
    }
    expect(text).not.toContain('not-a-real-private-link');

    const forwarded = await fetch(`${server.origin}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(forwarded.status).toBe(404);
    const withToken = await fetch(`${server.origin}/metrics`, {
      headers: { 'x-forwarded-for': '203.0.113.7', authorization: `Bearer ${token}` },
    });
    expect(withToken.status).toBe(200);
  });

  it('says so and exits with an error when its port is taken, rather than trying for ever', async () => {
    const port = new URL(server.origin).port;
    const second = await launchServer(
      { PORT: port, ...(server.engine === 'postgres' ? { WEB_CONCURRENCY: '2' } : {}) },
      {
        start: false,
      },
    );
    try {
      const failure = await second.start().then(
        () => null,
        (error: unknown) => (error as Error).message,
      );
      expect(failure).toContain(`port ${port} on 127.0.0.1 is in use`);
      if (server.engine === 'postgres') expect(failure).toContain('workers ended before serving');
    } finally {
      await second.dispose();
    }
  });

  it.skipIf(!process.env.DATABASE_URL)('starts workers again when every one of them has died', async () => {
    const pids = new Set<number>();
    // Until both have logged a request: each writes its lines in batches, every quarter second.
    for (const deadline = Date.now() + 15_000; Date.now() < deadline && pids.size < 2;) {
      // A connection of its own each time: the primary hands connections to workers in turn.
      await new Promise((done, fail) =>
        http.get(`${server.origin}/healthz`, { agent: false }, (res) => res.resume().on('end', done)).on('error', fail),
      );
      for (const line of server
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{')))
        pids.add((JSON.parse(line) as { pid: number }).pid);
    }
    expect(pids.size, server.output().slice(-3000)).toBe(2);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      status = await fetch(`${server.origin}/healthz`).then(
        (res) => res.status,
        () => 0,
      );
    }
    expect(status).toBe(200);
    expect(server.running()).toBe(true);
    // A scrape while the other may still be starting answers with those that can (not a 503).
    expect((await fetch(`${server.origin}/metrics`)).status).toBe(200);
  });

  it('logs one JSON line per request with its id and route, and nothing personal', async () => {
    const privateLink = '/mes-souvenirs/a-private-link-that-must-not-be-logged-42';
    const res = await fetch(`${server.origin}${privateLink}?email=someone@example.org`, {
      headers: { 'x-forwarded-for': '198.51.100.23' },
    });
    await res.arrayBuffer();
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    let line: Record<string, unknown> | undefined;
    for (let i = 0; i < 50 && !line; i++) {
      await new Promise((r) => setTimeout(r, 100));
      line = server
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.req === id);
    }
    // An unknown link answers 404: counted as not-found, like any path that is no page.
    const route = res.status === 404 ? 'not-found' : '/mes-souvenirs/*';
    expect(line).toMatchObject({ msg: 'request', method: 'GET', route, status: res.status });
    expect(typeof line!.ms).toBe('number');
    const output = server.output();
    expect(output).not.toContain('a-private-link-that-must-not-be-logged');
    expect(output).not.toContain('someone@example.org');
    expect(output).not.toContain('198.51.100.23');
  });
});
