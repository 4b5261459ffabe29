import { describe, expect, it } from 'vitest';
import DateTime from '../../src/components/DateTime.astro';
import { formatDateTime } from '../../src/lib/i18n/index.ts';
import { render } from './render.ts';

describe('DateTime', () => {
  it('writes a moment in the reader’s words and in ISO 8601 for machines', async () => {
    const at = new Date('2025-11-13T21:16:00Z');
    const fr = await render(DateTime, 'fr', { at });
    expect(fr).toBe(`<time datetime="2025-11-13T21:16:00.000Z">${formatDateTime('fr', at)}</time>`);
    const en = await render(DateTime, 'en', { at });
    expect(en).toContain(formatDateTime('en', at));
    expect(formatDateTime('en', at)).not.toBe(formatDateTime('fr', at));
  });
});
