import { describe, expect, it } from 'vitest';
import { excerptSegments } from '../../src/lib/search/excerpt.ts';

describe('excerptSegments', () => {
  it('splits on the marks and decodes character references into plain text', () => {
    expect(excerptSegments(' a <mark>b</mark> &lt;i&gt;&amp;&#39;&#x263A;&nbsp;c ')).toEqual([
      { text: 'a ', hit: false },
      { text: 'b', hit: true },
      { text: " <i>&'☺ c", hit: false },
    ]);
  });

  it('never takes the author’s own "<mark>" (escaped in the text) for a match', () => {
    expect(excerptSegments('&lt;mark&gt;faux&lt;/mark&gt; <mark>vrai</mark>')).toEqual([
      { text: '<mark>faux</mark> ', hit: false },
      { text: 'vrai', hit: true },
    ]);
  });

  it('leaves references that name no character as they are', () => {
    expect(excerptSegments('&#0; &#xD800; &#x110000; &bogus;')).toEqual([
      { text: '&#0; &#xD800; &#x110000; &bogus;', hit: false },
    ]);
  });
});
