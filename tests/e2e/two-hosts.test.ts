import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { copySources, host, roundRobinProxy } from './support/hosts.ts';
import type { Host, Proxy } from './support/hosts.ts';
import { freePort } from '../helpers/free-port.ts';

/**
 * Issue 18: two hosts installed separately (each its own copy of the sources, its own build by
 * its own `npm start`, no secret in the environment) on one PostgreSQL, behind a proxy sharing one
 * origin. PostgreSQL only: PGlite is one process by design.
 */
const baseUrl = process.env.DATABASE_URL;
const PASSWORD = 'deux hôtes, un seul mur';

/** Reads an event stream until `needle` arrives; fails if it ends or 10 s pass first. */
async function readUntil(stream: Response, needle: string): Promise<string> {
  const reader = stream.body!.getReader();
  const deadline = Date.now() + 10_000;
  let text = '';
  while (!text.includes(needle)) {
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`not in the stream after 10 s: ${needle}\n${text}`)), deadline - Date.now()),
    );
    const chunk = await Promise.race([reader.read(), timeout]);
    if (chunk.done) throw new Error(`the stream ended before: ${needle}\n${text}`);
    text += new TextDecoder().decode(chunk.value);
  }
  return text;
}

const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';', 1)[0])
    .join('; ');

describe.runIf(baseUrl)('two hosts on one PostgreSQL behind one origin (issue 18)', () => {
  let hosts: Host[] = [];
  let proxy: Proxy;
  let dbName: string;
  let databaseUrl: string;
  const on = (index: number) => ({ 'x-test-host': String(index) });

  /** A share from visitor `client` through the proxy, to host `index` when given. */
  async function share(body: string, client: string, index?: number): Promise<Response> {
    return fetch(`${proxy.origin}/partager?_action=share`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: proxy.origin, 'x-test-client': client, ...(index === undefined ? {} : on(index)) },
      body: new URLSearchParams({
        name: 'Alex',
        email: `alex.${randomBytes(3).toString('hex')}@example.org`,
        body,
        consent: 'on',
      }),
    });
  }

  async function signIn(index: number): Promise<string> {
    const res = await fetch(`${proxy.origin}/connexion?_action=auth.login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: proxy.origin, ...on(index) },
      body: new URLSearchParams({ username: 'admin', password: PASSWORD }),
    });
    expect(res.status).toBe(303);
    return cookieOf(res);
  }

  async function pendingIds(): Promise<number[]> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: number }>(
        `select id from souvenir where status = 'pending' order by id`,
      );
      return rows.map((r) => r.id);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    dbName = `mur_hosts_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(baseUrl!);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
    proxy = await roundRobinProxy(() => hosts.map((h) => h.origin));
    const env: Record<string, string> = { ...(process.env as Record<string, string>) };
    for (const name of ['IP_HASH_SECRET', 'ASTRO_KEY', 'DIST_DIR', 'DATA_DIR']) delete env[name];
    Object.assign(env, { DATABASE_URL: databaseUrl, PUBLIC_ORIGIN: proxy.origin, TRUST_PROXY: '1' });
    hosts = [host(copySources(), await freePort(), env), host(copySources(), await freePort(), env)];
    // Both at once, as two machines would: they race to create the secrets and to migrate.
    await Promise.all(hosts.map((h) => h.start()));
    console.log('[two-hosts] both hosts started');
    const created = spawnSync(process.execPath, ['scripts/user-create.ts', '--role', 'admin', '--username', 'admin'], {
      cwd: hosts[0]!.dir,
      env,
      input: `${PASSWORD}\n`,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(created.status, created.stderr).toBe(0);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(hosts.map((h) => h.stop()));
    await proxy?.close();
    for (const h of hosts) fs.rmSync(h.dir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }, 60_000);

  it('opens on one host the islands the other rendered, and gives both the same ETag', async () => {
    const page = await fetch(`${proxy.origin}/`, { headers: on(0) });
    expect(page.status).toBe(200);
    const html = await page.text();
    const islands = [...html.matchAll(/\/_server-islands\/[^"'\s]+/g)].map((m) => m[0].replaceAll('&amp;', '&'));
    expect(islands.length).toBeGreaterThan(0);
    for (const island of islands) {
      const res = await fetch(`${proxy.origin}${island}`, { headers: on(1) });
      expect(res.status, island).toBe(200);
    }
    const tag = page.headers.get('etag');
    const other = await fetch(`${proxy.origin}/`, { headers: on(1) });
    expect(other.headers.get('etag')).toBe(tag);
    const revalidated = await fetch(`${proxy.origin}/`, { headers: { ...on(1), 'if-none-match': tag! } });
    expect(revalidated.status).toBe(304);
  });

  it('keeps a session made on one host on the other, and one visitor’s flood limit across both', async () => {
    const cookie = await signIn(0);
    const queue = await fetch(`${proxy.origin}/moderation`, { headers: { ...on(1), cookie }, redirect: 'manual' });
    expect(queue.status).toBe(200);
    expect(await share('Premier souvenir d’un soir de concert (démo).', '10.1.0.1', 0)).toHaveProperty('status', 303);
    // The same visitor at once on the other host: the flood rule counts both (one shared secret).
    expect(await share('Second souvenir, aussitôt après (démo).', '10.1.0.1', 1)).toHaveProperty('status', 429);
  });

  it('shows an approval made on one host on the other’s wall and live screen', async () => {
    expect(await share('La fosse, les lumières, la salle entière (démo).', '10.2.0.1')).toHaveProperty('status', 303);
    const [id] = (await pendingIds()).slice(-1);
    expect(id).toBeDefined();
    const screen = await fetch(`${proxy.origin}/ecran`, { headers: on(1) });
    const since = /data-since="(\d+)"/.exec(await screen.text())![1];
    const abort = new AbortController();
    const stream = await fetch(`${proxy.origin}/ecran/flux?depuis=${since}`, { headers: on(1), signal: abort.signal });
    const cookie = await signIn(0);
    const decided = await fetch(`${proxy.origin}/moderation?_action=moderation.decide`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: proxy.origin, cookie, ...on(0) },
      body: new URLSearchParams({ ids: String(id), decision: 'approve' }),
    });
    expect(decided.status).toBe(303);
    expect(stream.status).toBe(200);
    expect(await readUntil(stream, 'La fosse, les lumi')).not.toContain('alex.');
    abort.abort();
    const wall = await (await fetch(`${proxy.origin}/`, { headers: on(1) })).text();
    expect(wall).toContain('La fosse, les lumières');
  });

  it('restarts one host on a new build under load with no 5xx and no share lost', async () => {
    let stop = false;
    let n = 0;
    const shared: string[] = [];
    const failures: string[] = [];
    const worker = async (w: number) => {
      while (!stop) {
        n += 1;
        const res = await fetch(`${proxy.origin}/${n % 3 === 0 ? 'en/' : ''}`).catch((e: Error) => e);
        if (res instanceof Error) failures.push(`GET: ${res.message}`);
        else if (res.status >= 500) failures.push(`GET ${res.status}`);
        else await res.arrayBuffer();
        if (n % 4 === w) {
          const body = `Souvenir ${n} pendant le redémarrage (démo).`;
          const answer = await share(body, `10.3.${w}.${n % 250}`).catch((e: Error) => e);
          if (answer instanceof Error) failures.push(`share: ${answer.message}`);
          else if (answer.status === 303) shared.push(body);
          else if (answer.status >= 500) failures.push(`share ${answer.status}`);
        }
      }
    };
    const load = [0, 1, 2, 3].map(worker);
    await new Promise((r) => setTimeout(r, 500));
    const restarted = hosts[0]!;
    await proxy.drain(0);
    await restarted.stop();
    // A new release on that host: its sources change, so its `npm start` builds again.
    fs.appendFileSync(path.join(restarted.dir, 'src/lib/i18n/index.ts'), '\n// release 2\n');
    const before = restarted.output().length;
    await restarted.start();
    expect(restarted.output().slice(before)).toContain('building');
    proxy.back(0);
    const servedBefore = proxy.statuses.get(0)?.length ?? 0;
    await new Promise((r) => setTimeout(r, 1_000));
    stop = true;
    await Promise.all(load);
    expect(failures).toEqual([]);
    // The restarted host served again, on its new build, beside the other one's old build.
    expect(proxy.statuses.get(0)!.length).toBeGreaterThan(servedBefore);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const stored = await client
      .query<{ body_raw: string }>('select body_raw from souvenir')
      .then(({ rows }) => rows.map((r) => r.body_raw).join('\n'))
      .finally(() => client.end());
    for (const body of shared) expect(stored.split(body).length - 1, body).toBe(1);
    expect(shared.length).toBeGreaterThan(0);
  });
});
