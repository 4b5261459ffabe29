import { describe, expect, it } from 'vitest';
import { isBodyRefusal } from '../../src/lib/forms/body-refusals.ts';

describe('isBodyRefusal', () => {
  it('sends the sanitiser’s refusals to the text field and nothing else', () => {
    for (const key of ['error.body.unsafe', 'error.body.frameset', 'error.text.empty'])
      expect(isBodyRefusal(key)).toBe(true);
    for (const key of ['error.generic', 'error.website.invalid', '', null, undefined])
      expect(isBodyRefusal(key)).toBe(false);
  });
});
