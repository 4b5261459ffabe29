import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/lib/i18n/catalogue.ts';
import { isMessageKey } from '../../src/lib/i18n/index.ts';
import { DECISIONS } from '../../src/lib/moderation/decisions.ts';
import { JOURNAL_ACTIONS } from '../../src/lib/moderation/journal.ts';
import { CONTRIBUTION_STATUSES } from '../../src/lib/contributions/kinds.ts';

type Messages = Record<string, { fr: string; en: string }>;
const areas = import.meta.glob<Messages>('../../src/lib/i18n/messages/*.json', { eager: true, import: 'default' });

describe('the catalogue split by area', () => {
  it('holds every area’s entries', () => {
    for (const messages of Object.values(areas)) {
      for (const key of Object.keys(messages)) expect(Object.hasOwn(catalogue, key), key).toBe(true);
    }
  });

  it('gives each key to one area only, so a later spread never silently wins', () => {
    const seen = new Map<string, string>();
    for (const [file, messages] of Object.entries(areas)) {
      for (const key of Object.keys(messages)) {
        expect(seen.get(key), `${key} in ${file}`).toBeUndefined();
        seen.set(key, file);
      }
    }
  });

  it('has a French and an English text, neither empty, for every key', () => {
    for (const [key, { fr, en }] of Object.entries(catalogue)) {
      expect(fr.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
    }
  });
});

describe('catalogue keys built from enumerated values', () => {
  it('exist for every status, decision, conflict and journal action', () => {
    const keys = [
      ...CONTRIBUTION_STATUSES.flatMap((s) => [
        `moderation.status.${s}`,
        `moderation.tab.${s}`,
        `moderation.conflict.${s}`,
      ]),
      ...DECISIONS.map((d) => `moderation.decision.${d}`),
      ...JOURNAL_ACTIONS.map((a) => `journal.action.${a}`),
    ];
    expect(keys.filter((k) => !isMessageKey(k))).toEqual([]);
  });
});
