import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/lib/i18n/catalogue.ts';

const areas = import.meta.glob<Record<string, Record<string, { fr: string; en: string }>>>(
  '../../src/lib/i18n/messages/*.ts',
  { eager: true },
);

describe('the catalogue split by area', () => {
  it('holds every area’s entries', () => {
    const entries = Object.values(areas).flatMap((module) =>
      Object.values(module).flatMap((messages) => Object.keys(messages)),
    );
    for (const key of entries) expect(Object.hasOwn(catalogue, key), key).toBe(true);
  });

  it('gives each key to one area only, so a later spread never silently wins', () => {
    const seen = new Map<string, string>();
    for (const [file, module] of Object.entries(areas)) {
      for (const key of Object.values(module).flatMap((messages) => Object.keys(messages))) {
        expect(seen.get(key), `${key} in ${file}`).toBeUndefined();
        seen.set(key, file);
      }
    }
  });
});
