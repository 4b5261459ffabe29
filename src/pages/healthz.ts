import type { APIRoute } from 'astro';
import { getRuntime } from '../lib/runtime.ts';
import { checkHealth } from '../lib/health.ts';

export const GET: APIRoute = async () => {
  const runtime = await getRuntime();
  const health = await checkHealth(runtime.handle.db, runtime.handle.engine);
  // Said, never counted against the host: a replica that is skipped leaves every read to the primary.
  const replica = runtime.readRouter
    ? { replica: (await runtime.readRouter.monitor.status()).usable ? 'in-use' : 'skipped' }
    : {};
  return new Response(JSON.stringify({ ...health, ...replica }), {
    status: health.ok ? 200 : 503,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
};
