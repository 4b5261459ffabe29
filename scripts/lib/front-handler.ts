import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFrontCache } from './front-cache.ts';
import { recordFrontCache } from './metrics.ts';
import { QUEUE_FULL, renderSlotsFrom } from './render-slots.ts';
import { answerBusy } from './plain-notice.ts';
import { parsePublicOrigin } from '../../src/lib/security/public-origin.ts';
import { fillFromShell } from '../../src/lib/wall/shell-fill.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Lucia's cookie (src/lib/auth/lucia.ts), as front-cache.ts reads it. */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?session=/;

/**
 * Whether a request the front cache passes on waits for a render slot: a visitor's GET or HEAD.
 * Never a write, a signed-in moderator's page, nor the health check a supervisor reads under load.
 */
function takesTurn(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.url === '/healthz' || req.url?.startsWith('/healthz?')) return false;
  const cookie = req.headers.cookie;
  return !(cookie && SESSION_COOKIE.test(cookie));
}

/**
 * Puts the front cache before Astro's handler, unless FRONT_CACHE=off (the benchmark's
 * "cache disabled" run; Astro's own middleware still uses the render cache unless
 * RENDER_CACHE=off too).
 */
export function frontHandler(astro: Handler, env: Record<string, string | undefined> = process.env): Handler {
  if (env.FRONT_CACHE === 'off') {
    console.warn('[front-cache] FRONT_CACHE=off: every request goes through Astro.');
    return astro;
  }
  const slots = renderSlotsFrom(env);
  const front = createFrontCache({ publicOrigin: parsePublicOrigin(env.PUBLIC_ORIGIN), fill: fillFromShell, slots });
  return (req, res) => {
    const served = front.handle(req, res);
    if (served === true) return recordFrontCache('hit');
    if (served === false) {
      // A cacheable miss holds its render slot already (front-cache.ts); any other visitor's page
      // takes one too: an address with a query no cache keeps (`/?x=1`, one per request) is a
      // render like the others, and a flood of them must wait its turn.
      if (front.cacheable(req)) {
        recordFrontCache('miss');
        astro(req, res);
        return;
      }
      recordFrontCache('bypass');
      const turn = takesTurn(req) ? slots.take(res) : null;
      if (turn === QUEUE_FULL) {
        recordFrontCache('busy');
        answerBusy(req, res);
      } else if (turn) void turn.then(() => astro(req, res));
      else astro(req, res);
      return;
    }
    served.then(
      (done) => {
        if (done === 'gone') return;
        if (done === 'busy') return recordFrontCache('busy');
        recordFrontCache(done === 'filled' ? 'filled' : done ? 'hit' : 'miss');
        if (!done) astro(req, res);
      },
      () => astro(req, res),
    );
  };
}
