import { z } from 'astro/zod';
import { parseWordList } from '../lib/rules/text.ts';
import { SETTING_LIMITS } from '../lib/rules/settings.ts';

const wholeNumber = (range: { min: number; max: number }, error: string) =>
  // A preprocess, not z.number(): Astro would turn an empty field into 0 rather than refuse it.
  z.preprocess(
    (v) => (v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? undefined : Number(v)),
    z.number({ error }).int({ error }).min(range.min, { error }).max(range.max, { error }),
  );

const wordList = z
  .string()
  .max(SETTING_LIMITS.words * (SETTING_LIMITS.wordLength + 2), { error: 'settings.error.words' })
  .nullish()
  .transform((v) => parseWordList(v ?? ''))
  .refine((words) => words.length <= SETTING_LIMITS.words && words.every((w) => w.length <= SETTING_LIMITS.wordLength), {
    error: 'settings.error.words',
  });

/** The discussion rules form at /moderation/reglages; messages are catalogue keys. */
export const rulesInput = z.object({
  floodSeconds: wholeNumber(SETTING_LIMITS.floodSeconds, 'settings.error.flood'),
  maxLinks: wholeNumber(SETTING_LIMITS.maxLinks, 'settings.error.maxLinks'),
  moderationWords: wordList,
  disallowedWords: wordList,
  autoApproveKnownAuthors: z.boolean(),
});
