import { describe, expect, it } from 'vitest';
import QueueFilter from '../../src/components/moderation/QueueFilter.astro';
import { render } from './render.ts';

const props = { action: '/moderation', targetType: 'souvenir', status: 'pending', clearHref: '/moderation' };
/** The sentence as read, the narrow no-break spaces of French typography as plain ones. */
const said = (html: string) =>
  /<p class="queue-matches"[^>]*>([\s\S]*?)<\/p>/
    .exec(html)?.[1]
    ?.replace(/<\/?bdi>/g, '')
    .replace(/\s+/g, ' ') ?? null;

describe('QueueFilter', () => {
  it('says how many items the search keeps out of the list’s total, one or several, in both languages', async () => {
    const filter = { text: 'lea', flagged: false };
    const two = await render(QueueFilter, 'fr', { ...props, filter, matches: { count: 2, total: 3 } });
    expect(said(two)).toBe('2 sur 3 correspondent à « lea ».');
    expect(two).toMatch(/role="status"/);
    const one = await render(QueueFilter, 'fr', { ...props, filter, matches: { count: 1, total: 1200 } });
    expect(said(one)).toBe('1 sur 1 200 correspond à « lea ».');
    const english = await render(QueueFilter, 'en', { ...props, filter, matches: { count: 1, total: 3 } });
    expect(said(english)).toBe('1 of 3 matches “lea”.');
  });

  it('isolates the searched words, and says what the flagged box narrowed to', async () => {
    const mixed = await render(QueueFilter, 'fr', {
      ...props,
      filter: { text: 'שלום <b>', flagged: true },
      matches: { count: 2, total: 5 },
    });
    expect(mixed).toContain('<bdi>שלום &lt;b&gt;</bdi>');
    expect(said(mixed)).toContain('parmi ceux que les règles ou des signalements ont marqués');
    const flagged = await render(QueueFilter, 'en', {
      ...props,
      filter: { text: null, flagged: true },
      matches: { count: 2, total: 5 },
    });
    expect(said(flagged)).toBe('2 of 5 were flagged by the rules or reports.');
  });

  it('says nothing of a count when nothing is searched, or nothing matches (the list says so)', async () => {
    const none = await render(QueueFilter, 'fr', { ...props, filter: { text: 'x' }, matches: { count: 0, total: 3 } });
    expect(none).not.toContain('queue-matches');
    expect(await render(QueueFilter, 'fr', { ...props, filter: {} })).not.toContain('queue-matches');
  });
});
