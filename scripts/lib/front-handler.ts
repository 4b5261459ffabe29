import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFrontCache } from './front-cache.ts';
import { recordFrontCache } from './metrics.ts';
import { renderSlotsFrom } from './render-slots.ts';
import { parsePublicOrigin } from '../../src/lib/security/public-origin.ts';
import { fillFromShell } from '../../src/lib/wall/shell-fill.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

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
  const front = createFrontCache({
    publicOrigin: parsePublicOrigin(env.PUBLIC_ORIGIN),
    fill: fillFromShell,
    slots: renderSlotsFrom(env),
  });
  return (req, res) => {
    const served = front.handle(req, res);
    if (served === true) return recordFrontCache('hit');
    if (served === false) {
      recordFrontCache(front.cacheable(req) ? 'miss' : 'bypass');
      astro(req, res);
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
