import { defineSetting } from '../settings/setting-row.ts';
import { announceSettingChange } from '../settings/kept-setting.ts';
import { parseWordList } from './text.ts';
import { DEFAULT_BUDGETS, LIMITED_ACTIONS } from '../security/rate-limit.ts';
import type { Budget, LimitedAction } from '../security/rate-limit.ts';

/** The discussion rules, applied alike to souvenirs and comments (see evaluate.ts). */
export interface DiscussionSettings {
  /** A second submission from the same IP hash or email within this many seconds is refused (0: off). */
  floodSeconds: number;
  /** A text with this many links or more is held for moderation (0: off), as WordPress's `comment_max_links`. */
  maxLinks: number;
  /** Held for moderation when found in the name, email, website or text. */
  moderationWords: string[];
  /** Classed as spam when found there or in the text with its markup removed. */
  disallowedWords: string[];
  /** An author with an earlier approved text (same name and email) is approved at once. */
  autoApproveKnownAuthors: boolean;
  /** Requests per fixed window and IP hash, per action (rate-limit.ts); a limit of 0 lifts it. */
  rateBudgets: Record<LimitedAction, Budget>;
  /** Distinct visitors whose reports hide an approved text until a moderator decides. */
  reportThreshold: number;
}

/** WordPress's defaults, except that every text is held for moderation until an admin says otherwise. */
export const DEFAULT_DISCUSSION_SETTINGS: Readonly<DiscussionSettings> = Object.freeze({
  floodSeconds: 15,
  maxLinks: 2,
  moderationWords: [],
  disallowedWords: [],
  autoApproveKnownAuthors: false,
  rateBudgets: DEFAULT_BUDGETS,
  reportThreshold: 3,
});

export const SETTING_LIMITS = {
  floodSeconds: { min: 0, max: 3600 },
  maxLinks: { min: 0, max: 100 },
  /** Words per list, and characters per word. */
  words: 1000,
  wordLength: 100,
  budgetLimit: { min: 0, max: 100_000 },
  /** Windows are whole minutes, from one minute to one day. */
  budgetMinutes: { min: 1, max: 1440 },
  reportThreshold: { min: 1, max: 100 },
} as const;

export const DISCUSSION_SETTINGS_KEY = 'discussion';

function integerIn(value: unknown, range: { min: number; max: number }): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max
    ? value
    : null;
}

function wordList(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > SETTING_LIMITS.words) return null;
  if (!value.every((w) => typeof w === 'string' && w.length <= SETTING_LIMITS.wordLength)) return null;
  return parseWordList(value.join('\n'));
}

function budget(value: unknown): Budget | null {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const limit = integerIn(v.limit, SETTING_LIMITS.budgetLimit);
  const seconds = typeof v.windowSeconds === 'number' && v.windowSeconds % 60 === 0 ? v.windowSeconds / 60 : null;
  const minutes = integerIn(seconds, SETTING_LIMITS.budgetMinutes);
  return limit === null || minutes === null ? null : { limit, windowSeconds: minutes * 60 };
}

/** Each action's budget as stored, or its default when missing or out of range. */
function budgets(value: unknown): Record<LimitedAction, Budget> {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const read = (action: LimitedAction) => budget(v[action]) ?? { ...DEFAULT_BUDGETS[action] };
  return Object.fromEntries(LIMITED_ACTIONS.map((action) => [action, read(action)])) as Record<LimitedAction, Budget>;
}

/**
 * The settings a stored value describes, field by field: a field that is missing or does not
 * fit (written by an older version, or by hand) takes its default rather than breaking submissions.
 */
export function readDiscussionSettings(value: unknown): DiscussionSettings {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const d = DEFAULT_DISCUSSION_SETTINGS;
  return {
    floodSeconds: integerIn(v.floodSeconds, SETTING_LIMITS.floodSeconds) ?? d.floodSeconds,
    maxLinks: integerIn(v.maxLinks, SETTING_LIMITS.maxLinks) ?? d.maxLinks,
    moderationWords: wordList(v.moderationWords) ?? [...d.moderationWords],
    disallowedWords: wordList(v.disallowedWords) ?? [...d.disallowedWords],
    autoApproveKnownAuthors:
      typeof v.autoApproveKnownAuthors === 'boolean' ? v.autoApproveKnownAuthors : d.autoApproveKnownAuthors,
    rateBudgets: budgets(v.rateBudgets),
    reportThreshold: integerIn(v.reportThreshold, SETTING_LIMITS.reportThreshold) ?? d.reportThreshold,
  };
}

/** The fields of `settings` outside SETTING_LIMITS (none when it can be stored as it is). */
export function invalidSettingFields(settings: DiscussionSettings): (keyof DiscussionSettings)[] {
  const invalid: (keyof DiscussionSettings)[] = [];
  if (integerIn(settings.floodSeconds, SETTING_LIMITS.floodSeconds) === null) invalid.push('floodSeconds');
  if (integerIn(settings.maxLinks, SETTING_LIMITS.maxLinks) === null) invalid.push('maxLinks');
  if (wordList(settings.moderationWords) === null) invalid.push('moderationWords');
  if (wordList(settings.disallowedWords) === null) invalid.push('disallowedWords');
  if (typeof settings.autoApproveKnownAuthors !== 'boolean') invalid.push('autoApproveKnownAuthors');
  const stored = (settings.rateBudgets ?? {}) as Partial<Record<LimitedAction, unknown>>;
  if (!LIMITED_ACTIONS.every((action) => budget(stored[action]) !== null)) invalid.push('rateBudgets');
  if (integerIn(settings.reportThreshold, SETTING_LIMITS.reportThreshold) === null) invalid.push('reportThreshold');
  return invalid;
}

const discussionSetting = defineSetting<DiscussionSettings>({
  key: DISCUSSION_SETTINGS_KEY,
  read: readDiscussionSettings,
  check(settings) {
    const invalid = invalidSettingFields(settings);
    if (invalid.length > 0) throw new RangeError(`discussion settings out of range: ${invalid.join(', ')}`);
    return readDiscussionSettings(settings);
  },
  action: 'settings',
  // Every process keeps the rules in memory while it listens (settings-in-force.ts).
  alsoIn: announceSettingChange,
});

/**
 * The rules as stored, read from the database each time. A server's Actions use
 * `discussionSettingsInForce`, which keeps them in memory until a change is announced.
 */
export const getDiscussionSettings = discussionSetting.get;

/**
 * Stores new rules with their audit row (before and after) in one transaction, announced to every
 * process at commit; returns them as stored. Throws RangeError for values outside SETTING_LIMITS
 * (the Action validates first).
 */
export const saveDiscussionSettings = discussionSetting.save;
