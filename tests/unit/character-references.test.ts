import { describe, it, expect } from 'vitest';
import { decodeCharacterReferences } from '../../src/lib/sanitize/character-references.ts';

describe('decodeCharacterReferences', () => {
  it('decodes the named references a serialiser writes, and decimal and hex ones', () => {
    expect(decodeCharacterReferences('&lt;b&gt; &AMP; &quot;x&apos;&nbsp;')).toBe('<b> & "x\'\u00a0');
    expect(decodeCharacterReferences('sp&#97;m &#x1F56F;')).toBe('spam 🕯');
  });

  it('leaves as written what names no character', () => {
    for (const kept of ['&eacute;', '&#0;', '&#xD800;', '&#x110000;', '&#;', '& amp;'])
      expect(decodeCharacterReferences(kept)).toBe(kept);
  });
});
