import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFrontCache } from './front-cache.ts';
import { recordFrontCache } from './metrics.ts';
import { QUEUE_FULL, RenderSlots, renderSlotsFrom } from './render-slots.ts';
import { answerBusy } from './plain-notice.ts';
import { answeredFromCache } from './request-log.ts';
import { parsePublicOrigin } from '../../src/lib/security/public-origin.ts';
import { carriesSessionCookie } from '../../src/lib/wall/cache-policy.ts';
import { fillFromShell } from '../../src/lib/wall/shell-fill.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Pages of requests carrying a session cookie: a lane of their own, so that moderators' pages do
 * not wait behind a crawler's, while a flood sending any `session=` cookie (checked only later, by
 * Astro) is held to it rather than passing every limit.
 */
const SIGNED_IN_SLOTS = 2;
const SIGNED_IN_QUEUE = 50;

/**
 * Which slots a request the front cache passes on waits for: a GET or HEAD's, in the lane of its
 * cookie. Never a write, nor the health check a supervisor reads under load.
 */
function laneOf(req: IncomingMessage, lanes: { visitors: RenderSlots; signedIn: RenderSlots }): RenderSlots | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  if (req.url === '/healthz' || req.url?.startsWith('/healthz?')) return null;
  return carriesSessionCookie(req.headers.cookie) ? lanes.signedIn : lanes.visitors;
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
  const lanes = { visitors: slots, signedIn: new RenderSlots(SIGNED_IN_SLOTS, SIGNED_IN_QUEUE) };
  const front = createFrontCache({ publicOrigin: parsePublicOrigin(env.PUBLIC_ORIGIN), fill: fillFromShell, slots });
  return (req, res) => {
    const served = front.handle(req, res);
    if (served === true) {
      answeredFromCache(res);
      return recordFrontCache('hit');
    }
    if (served === 'redirect') return recordFrontCache('redirect');
    if (served === false) {
      // A page the cache may hold: its render slot, when slots are set, is held already (front-cache.ts).
      recordFrontCache('miss');
      astro(req, res);
      return;
    }
    if (served === 'pass') {
      // Any other page takes a slot too: an address with a query no cache keeps (`/?x=1`, one per
      // request) is a render like the others, and a flood of them must wait its turn.
      recordFrontCache('bypass');
      const turn = laneOf(req, lanes)?.take(res) ?? null;
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
        if (done === true) answeredFromCache(res);
        recordFrontCache(done === 'filled' ? 'filled' : done ? 'hit' : 'miss');
        if (!done) astro(req, res);
      },
      () => astro(req, res),
    );
  };
}
