import { describe, it, expect } from 'vitest';
import { DEFAULT_BUDGETS } from '../../src/lib/security/rate-limit.ts';
import {
  DEFAULT_DISCUSSION_SETTINGS,
  invalidSettingFields,
  readDiscussionSettings,
} from '../../src/lib/rules/settings.ts';

describe('budgets and the report threshold in the settings', () => {
  it('default to DEFAULT_BUDGETS and 3 reporters', () => {
    const settings = readDiscussionSettings(undefined);
    expect(settings.rateBudgets).toEqual(DEFAULT_BUDGETS);
    expect(settings.reportThreshold).toBe(3);
  });

  it('keep each stored budget that fits and take the default for the others', () => {
    const settings = readDiscussionSettings({
      rateBudgets: {
        share: { limit: 2, windowSeconds: 600 },
        comment: { limit: -1, windowSeconds: 60 },
        candle: { limit: 5, windowSeconds: 90 },
      },
      reportThreshold: 0,
    });
    expect(settings.rateBudgets.share).toEqual({ limit: 2, windowSeconds: 600 });
    expect(settings.rateBudgets.comment).toEqual(DEFAULT_BUDGETS.comment);
    // Windows are whole minutes.
    expect(settings.rateBudgets.candle).toEqual(DEFAULT_BUDGETS.candle);
    expect(settings.reportThreshold).toBe(3);
  });

  it('name budgets and a threshold outside the limits', () => {
    const budgets = { ...DEFAULT_BUDGETS, login: { limit: 5, windowSeconds: 2 * 86_400 } };
    expect(
      invalidSettingFields({ ...DEFAULT_DISCUSSION_SETTINGS, rateBudgets: budgets, reportThreshold: 101 }),
    ).toEqual(['rateBudgets', 'reportThreshold']);
  });
});

describe('discussion settings', () => {
  it('defaults to WordPress’s values with everything held for moderation', () => {
    expect(readDiscussionSettings(undefined)).toEqual({
      floodSeconds: 15,
      maxLinks: 2,
      moderationWords: [],
      disallowedWords: [],
      autoApproveKnownAuthors: false,
      rateBudgets: {
        share: { limit: 10, windowSeconds: 3600 },
        comment: { limit: 30, windowSeconds: 3600 },
        candle: { limit: 60, windowSeconds: 3600 },
        report: { limit: 20, windowSeconds: 3600 },
        login: { limit: 30, windowSeconds: 900 },
      },
      reportThreshold: 3,
    });
  });

  it('takes the default for each stored field that does not fit', () => {
    const read = readDiscussionSettings({
      floodSeconds: -3,
      maxLinks: 4,
      moderationWords: 'casino',
      autoApproveKnownAuthors: true,
    });
    expect(read).toEqual({ ...DEFAULT_DISCUSSION_SETTINGS, maxLinks: 4, autoApproveKnownAuthors: true });
  });

  it('names the fields outside the limits', () => {
    expect(invalidSettingFields({ ...DEFAULT_DISCUSSION_SETTINGS, floodSeconds: 1.5, maxLinks: 101 })).toEqual([
      'floodSeconds',
      'maxLinks',
    ]);
    expect(invalidSettingFields({ ...DEFAULT_DISCUSSION_SETTINGS })).toEqual([]);
  });
});
