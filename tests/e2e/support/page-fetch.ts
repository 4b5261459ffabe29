/**
 * A page as a test compares it with another render of the same address (the shells' tests: a
 * page made from a shell against Astro's own render).
 */

/**
 * The page with what differs between two renders of the same page set aside: each render gives
 * its server islands a random id, and the memo of their encrypted props (render-crypto-memo.ts)
 * may be made again between two renders.
 */
export function sameRender(html: string): string {
  return html
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ISLAND')
    .replace(/([?&](?:amp;)?[eps]=)[^&"]*/g, '$1X');
}

/** A GET of `path` on `origin`: its status, HTML, ETag and CSP. */
export async function fetchPage(origin: string, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${origin}${path}`, { headers });
  return {
    status: res.status,
    html: await res.text(),
    etag: res.headers.get('etag'),
    csp: res.headers.get('content-security-policy'),
  };
}

/**
 * What Astro renders for the same address: asked with a parameter no page knows, which the
 * caches never keep (cache-policy.ts) and which a page repeats only in its language links
 * (same-page.ts), where it is taken out again.
 */
export async function renderedByAstro(origin: string, path: string) {
  const probe = path.includes('?') ? '&inconnu=1' : '?inconnu=1';
  const page = await fetchPage(origin, `${path}${probe}`);
  return { ...page, html: page.html.replaceAll(probe.replace('&', '&amp;'), '') };
}

/** How many pages of a kind were cut into a shell and filled from one (`mur_wall_deep_pages`, `mur_souvenir_pages`). */
export async function shellPages(origin: string, metric: string): Promise<{ filled: number; cut: number }> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const read = (how: string) => Number(new RegExp(`${metric}\\{how="${how}"\\} (\\d+)`).exec(text)?.[1] ?? NaN);
  return { filled: read('filled'), cut: read('cut') };
}

/** The render slots' gauge (scripts/lib/render-slots.ts): their size, those held, those waited for. */
export async function renderSlots(origin: string): Promise<{ size: number; busy: number; waiting: number }> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const read = (state: string) =>
    Number(new RegExp(`mur_render_slots\\{state="${state}"\\} (\\d+)`).exec(text)?.[1] ?? NaN);
  return { size: read('size'), busy: read('busy'), waiting: read('waiting') };
}
