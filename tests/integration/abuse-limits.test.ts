import { it, expect } from 'vitest';
import { journalEntry } from '../helpers/journal.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import {
  DEFAULT_DISCUSSION_SETTINGS,
  getDiscussionSettings,
  saveDiscussionSettings,
} from '../../src/lib/rules/settings.ts';
import { enforceRateLimit, RateLimited } from '../../src/lib/security/enforce-limit.ts';
import { DEFAULT_BUDGETS, LIMITED_ACTIONS } from '../../src/lib/security/rate-limit.ts';
import type { Budget, LimitedAction } from '../../src/lib/security/rate-limit.ts';

const admin = { id: null, label: 'script' };
const at = (iso: string) => new Date(iso);

describeEachDatabase('rate limits from the settings', (t) => {
  const budgets = (changes: Partial<Record<LimitedAction, Budget>>) =>
    saveDiscussionSettings(
      t.db,
      { ...DEFAULT_DISCUSSION_SETTINGS, rateBudgets: { ...DEFAULT_BUDGETS, ...changes } },
      admin,
    );

  it('reads the default budgets and threshold until an admin changes them, then the stored ones with an audit row', async () => {
    expect((await getDiscussionSettings(t.db)).rateBudgets).toEqual(DEFAULT_BUDGETS);
    await saveDiscussionSettings(
      t.db,
      {
        ...DEFAULT_DISCUSSION_SETTINGS,
        rateBudgets: { ...DEFAULT_BUDGETS, share: { limit: 2, windowSeconds: 600 } },
        reportThreshold: 5,
      },
      admin,
    );
    const stored = await getDiscussionSettings(t.db);
    expect(stored.rateBudgets.share).toEqual({ limit: 2, windowSeconds: 600 });
    expect(stored.rateBudgets.login).toEqual(DEFAULT_BUDGETS.login);
    expect(stored.reportThreshold).toBe(5);
    const event = await journalEntry(t.db, { action: 'settings' });
    expect(event.after).toMatchObject({ rateBudgets: { share: { limit: 2, windowSeconds: 600 } }, reportThreshold: 5 });
  });

  it('refuses to store a budget whose window is not whole minutes', async () => {
    await expect(budgets({ share: { limit: 2, windowSeconds: 90 } })).rejects.toBeInstanceOf(RangeError);
  });

  it('lets a visitor act up to the stored budget, then refuses with the seconds left in the window', async () => {
    await budgets({ share: { limit: 2, windowSeconds: 600 } });
    const now = at('2026-11-13T20:03:00Z');
    await enforceRateLimit(t.db, 'share', 'ip-a', { now });
    await enforceRateLimit(t.db, 'share', 'ip-a', { now });
    const refused = await enforceRateLimit(t.db, 'share', 'ip-a', { now }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimited);
    expect(refused).toMatchObject({ action: 'share', retryAfterSeconds: 420 });
    // The next window starts afresh.
    await expect(enforceRateLimit(t.db, 'share', 'ip-a', { now: at('2026-11-13T20:10:00Z') })).resolves.toBeUndefined();
  });

  it.each(LIMITED_ACTIONS)('counts %s on its own, per visitor', async (action) => {
    await budgets(Object.fromEntries(LIMITED_ACTIONS.map((a) => [a, { limit: 1, windowSeconds: 3600 }])));
    const now = at('2026-11-13T20:00:00Z');
    await enforceRateLimit(t.db, action, 'ip-a', { now });
    await expect(enforceRateLimit(t.db, action, 'ip-a', { now })).rejects.toMatchObject({
      action,
      retryAfterSeconds: 3600,
    });
    await expect(enforceRateLimit(t.db, action, 'ip-b', { now })).resolves.toBeUndefined();
    for (const other of LIMITED_ACTIONS.filter((a) => a !== action)) {
      await expect(enforceRateLimit(t.db, other, 'ip-a', { now })).resolves.toBeUndefined();
    }
  });

  it('uses the settings the caller already read, without reading them again', async () => {
    const settings = {
      ...DEFAULT_DISCUSSION_SETTINGS,
      rateBudgets: { ...DEFAULT_BUDGETS, comment: { limit: 1, windowSeconds: 60 } },
    };
    const now = at('2026-11-13T20:00:30Z');
    await enforceRateLimit(t.db, 'comment', 'ip-a', { settings, now });
    await expect(enforceRateLimit(t.db, 'comment', 'ip-a', { settings, now })).rejects.toMatchObject({
      retryAfterSeconds: 30,
    });
  });

  it('counts nothing when limits are lifted, and a limit of 0 turns the check off', async () => {
    await budgets({ candle: { limit: 1, windowSeconds: 60 }, report: { limit: 0, windowSeconds: 60 } });
    for (let i = 0; i < 5; i++) await enforceRateLimit(t.db, 'candle', 'ip-a', { lifted: true });
    expect(await t.db.selectFrom('rate_limit').selectAll().execute()).toEqual([]);
    for (let i = 0; i < 5; i++) await enforceRateLimit(t.db, 'report', 'ip-a');
  });
});
