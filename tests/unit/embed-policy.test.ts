import { describe, it, expect } from 'vitest';
import { DEFAULT_EMBED_FRAME_ANCESTORS, embedFrameAncestors } from '../../src/lib/wall/embed-policy.ts';

describe('who may frame the embed', () => {
  it('defaults to any https site and ourselves', () => {
    expect(embedFrameAncestors(undefined)).toBe(DEFAULT_EMBED_FRAME_ANCESTORS);
    expect(embedFrameAncestors('  ')).toBe("'self' https:");
  });

  it('takes a list of sources, and nothing that could break the header', () => {
    expect(embedFrameAncestors('https://ville.example  https://*.musee.example:8443')).toBe(
      'https://ville.example https://*.musee.example:8443',
    );
    expect(embedFrameAncestors("'none'")).toBe("'none'");
    expect(embedFrameAncestors("https://a.example; script-src 'unsafe-inline'")).toBe(DEFAULT_EMBED_FRAME_ANCESTORS);
    expect(embedFrameAncestors("'none' https://a.example")).toBe(DEFAULT_EMBED_FRAME_ANCESTORS);
  });
});
