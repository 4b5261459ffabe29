import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { textareaContent } from '../../src/lib/forms/textarea-content.ts';

describe('textareaContent', () => {
  it('writes a text so that an HTML parser reads it back unchanged, leading line feeds included', () => {
    for (const value of ['', 'Un soir', '\nUn soir', '\n\n\nUn soir\n']) {
      const { document } = new JSDOM(`<textarea>${textareaContent(value)}</textarea>`).window;
      expect(document.querySelector('textarea')!.value).toBe(value);
    }
  });
});
