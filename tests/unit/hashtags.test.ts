import { describe, it, expect } from 'vitest';
import { extractHashtags } from '../../src/lib/souvenirs/hashtags.ts';

describe('hashtags', () => {
  it('extracts hashtags in lower case, accents kept, without the main one or duplicates', () => {
    expect(extractHashtags('#MonPlusBeauSouvenirDuBataclan un soir #Rock et #rock #Été2004 #1')).toEqual([
      'rock',
      'été2004',
    ]);
  });
  it('ignores anchors inside words and HTML entities', () => {
    expect(extractHashtags('page.html#section &#39; a#b')).toEqual([]);
  });
});
