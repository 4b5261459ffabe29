import { z } from 'astro/zod';
import { parseWordList } from '../lib/rules/text.ts';
import { SETTING_LIMITS } from '../lib/rules/settings.ts';
import type { Budget, LimitedAction } from '../lib/security/rate-limit.ts';
import { wholeNumber } from './fields.ts';

const wordList = z
  .string()
  .max(SETTING_LIMITS.words * (SETTING_LIMITS.wordLength + 2), { error: 'settings.error.words' })
  .nullish()
  .transform((v) => parseWordList(v ?? ''))
  .refine(
    (words) => words.length <= SETTING_LIMITS.words && words.every((w) => w.length <= SETTING_LIMITS.wordLength),
    {
      error: 'settings.error.words',
    },
  );

const budgetLimit = () => wholeNumber(SETTING_LIMITS.budgetLimit, 'limit.error.limit');
const budgetMinutes = () => wholeNumber(SETTING_LIMITS.budgetMinutes, 'limit.error.minutes');
const budget = (limit: number, minutes: number): Budget => ({ limit, windowSeconds: minutes * 60 });

/**
 * The discussion rules form at /moderation/reglages; messages are catalogue keys. Budgets are
 * flat fields (`shareLimit`, `shareMinutes`…) so each error lands beside its own input.
 */
export const rulesInput = z
  .object({
    floodSeconds: wholeNumber(SETTING_LIMITS.floodSeconds, 'settings.error.flood'),
    maxLinks: wholeNumber(SETTING_LIMITS.maxLinks, 'settings.error.maxLinks'),
    moderationWords: wordList,
    disallowedWords: wordList,
    autoApproveKnownAuthors: z.boolean(),
    shareLimit: budgetLimit(),
    shareMinutes: budgetMinutes(),
    commentLimit: budgetLimit(),
    commentMinutes: budgetMinutes(),
    candleLimit: budgetLimit(),
    candleMinutes: budgetMinutes(),
    reportLimit: budgetLimit(),
    reportMinutes: budgetMinutes(),
    loginLimit: budgetLimit(),
    loginMinutes: budgetMinutes(),
    reportThreshold: wholeNumber(SETTING_LIMITS.reportThreshold, 'report.error.threshold'),
  })
  .transform((v) => ({
    floodSeconds: v.floodSeconds,
    maxLinks: v.maxLinks,
    moderationWords: v.moderationWords,
    disallowedWords: v.disallowedWords,
    autoApproveKnownAuthors: v.autoApproveKnownAuthors,
    rateBudgets: {
      share: budget(v.shareLimit, v.shareMinutes),
      comment: budget(v.commentLimit, v.commentMinutes),
      candle: budget(v.candleLimit, v.candleMinutes),
      report: budget(v.reportLimit, v.reportMinutes),
      login: budget(v.loginLimit, v.loginMinutes),
    } satisfies Record<LimitedAction, Budget>,
    reportThreshold: v.reportThreshold,
  }));
