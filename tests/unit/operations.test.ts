import { describe, it, expect } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { ROUTE_SEGMENTS, routeLabel } from '../../scripts/lib/route-label.ts';
import fs from 'node:fs';
import path from 'node:path';
import client from 'prom-client';
import { mayReadMetrics } from '../../scripts/lib/metrics.ts';
import { aggregateWorkers } from '../../scripts/lib/cluster-metrics.ts';

describe('route labels for logs and metrics (issue 18)', () => {
  it('names pages by their first segment, moderation pages, Actions and islands by name', () => {
    expect(routeLabel('/', 200)).toBe('/');
    expect(routeLabel('/en/', 200)).toBe('/');
    expect(routeLabel('/souvenirs/abc123?x=1', 200)).toBe('/souvenirs/*');
    expect(routeLabel('/en/souvenirs/abc123', 200)).toBe('/souvenirs/*');
    expect(routeLabel('/moderation/journal?page=3', 200)).toBe('/moderation/journal');
    expect(routeLabel('/moderation/modifier/souvenir/12', 200)).toBe('/moderation/modifier/*');
    expect(routeLabel('/_actions/auth.login', 200)).toBe('/_actions/auth.login');
    expect(routeLabel('/_server-islands/ModeratorBarIsland?e=x&p=y', 200)).toBe('/_server-islands/ModeratorBarIsland');
    expect(routeLabel('/recherche?q=concert', 200)).toBe('/recherche');
  });

  it('never carries a private link, a query or an unknown path, so the labels stay few', () => {
    const token = 'Zx9_secret-private-link-0123456789abcdef';
    expect(routeLabel(`/mes-souvenirs/${token}`, 200)).toBe('/mes-souvenirs/*');
    expect(routeLabel(`/en/mes-souvenirs/${token}`, 200)).not.toContain(token);
    expect(routeLabel(`/${token}`, 404)).toBe('not-found');
    expect(routeLabel('/%E2%80%AE/x', 400)).toBe('other');
    expect(routeLabel('/UPPER', 301)).toBe('other');
    // Crafted addresses answered by a redirect or a refusal before any route.
    expect(routeLabel('//evil-7529.example/?fbclid=1', 301)).toBe('other');
    expect(routeLabel('/made-up-path', 403)).toBe('other');
    expect(routeLabel('/en/made-up-path', 503)).toBe('other');
  });

  it('knows every first segment the pages have, and no other', () => {
    const pages = path.join(import.meta.dirname, '../../src/pages');
    const segments = (dir: string) =>
      fs
        .readdirSync(dir)
        .filter((name) => !name.startsWith('[') && name !== 'en' && !/^index\./.test(name))
        .map((name) => name.replace(/\.(astro|ts)$/, ''));
    const fromPages = new Set([...segments(pages), ...segments(path.join(pages, '[...lang]'))]);
    // Astro's and the front server's own, and the files of public/ (served from dist/client).
    const own = [
      '_actions',
      '_astro',
      '_server-islands',
      'metrics',
      'photos',
      ...fs.readdirSync(path.join(pages, '../../public')),
    ];
    expect([...ROUTE_SEGMENTS].sort()).toEqual([...fromPages, ...own].sort());
  });
});

describe('who may read /metrics (issue 18)', () => {
  const request = (peer: string, headers: Record<string, string> = {}) =>
    ({ socket: { remoteAddress: peer }, headers }) as unknown as IncomingMessage;
  it('lets this machine read it directly, and anyone with the token, and no one else', () => {
    expect(mayReadMetrics(request('127.0.0.1'), undefined)).toBe(true);
    expect(mayReadMetrics(request('::1'), undefined)).toBe(true);
    // Through a proxy on the same machine: the visitor is elsewhere.
    expect(mayReadMetrics(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }), undefined)).toBe(false);
    expect(mayReadMetrics(request('203.0.113.9'), undefined)).toBe(false);
    expect(mayReadMetrics(request('203.0.113.9', { authorization: 'Bearer s3cret-token' }), 's3cret-token')).toBe(true);
    expect(mayReadMetrics(request('203.0.113.9', { authorization: 'Bearer s3cret-tokem' }), 's3cret-token')).toBe(
      false,
    );
    expect(mayReadMetrics(request('203.0.113.9', { authorization: 'Bearer s3cret' }), 's3cret-token')).toBe(false);
  });
});

describe('metrics summed over workers (cluster-metrics.ts)', () => {
  const worker = async (count: number) => {
    const registry = new client.Registry();
    new client.Counter({ name: 'mur_test_total', help: 'test', registers: [registry] }).inc(count);
    return registry.getMetricsAsJSON();
  };
  it('sums the workers, a late one by its last answer, and says so', async () => {
    const both = await aggregateWorkers([await worker(2), await worker(3)], [], 0);
    expect(both).toContain('mur_test_total 5');
    expect(both).not.toMatch(/did not answer|not answered/);
    // A busy worker's counter is its last reading, never missing: the sum does not go down.
    const late = await aggregateWorkers([await worker(2)], [await worker(3)], 0);
    expect(late).toMatch(/^# 1 worker\(s\) did not answer in time: their last reading is counted/);
    expect(late).toContain('mur_test_total 5');
    const starting = await aggregateWorkers([await worker(2)], [], 1);
    expect(starting).toMatch(/^# 1 worker\(s\) have not answered yet/);
    expect(starting).toContain('mur_test_total 2');
    expect(await aggregateWorkers([], [], 1)).toBe('# 1 worker(s) have not answered yet (starting): not counted\n');
  });
});
