/**
 * Who may frame /embed, as a CSP `frame-ancestors` source list. Default: any https site (and
 * ourselves) — the embed is a read-only list with no form, so there is nothing to click-jack,
 * and a city or a museum can embed it without asking. EMBED_FRAME_ANCESTORS narrows it
 * ("https://ville.example https://musee.example") or turns it off ("'none'").
 * Every other page stays frame-denied (middleware).
 */
export const DEFAULT_EMBED_FRAME_ANCESTORS = "'self' https:";

const SOURCE = /^(?:'self'|'none'|\*|https?:|https?:\/\/(?:\*\.)?[a-z0-9.-]+(?::\d{1,5})?)$/i;

/** The configured list when every source in it is well formed (nothing that could break the header), else the default. */
export function embedFrameAncestors(configured: string | undefined): string {
  const sources = (configured ?? '').trim().split(/\s+/).filter(Boolean);
  if (sources.length === 0) return DEFAULT_EMBED_FRAME_ANCESTORS;
  if (!sources.every((s) => SOURCE.test(s)) || (sources.includes("'none'") && sources.length > 1)) {
    console.warn(`[embed] EMBED_FRAME_ANCESTORS is not a list of sources; using ${DEFAULT_EMBED_FRAME_ANCESTORS}.`);
    return DEFAULT_EMBED_FRAME_ANCESTORS;
  }
  return sources.join(' ');
}
