import { describe, it, expect } from 'vitest';
import { previewBody } from '../../src/lib/writing/preview.ts';

describe('previewBody', () => {
  it('gives the stored HTML and names what the wall will not show of the text as typed', () => {
    const preview = previewBody('souvenir', 'Un soir <img src=x onerror=alert(1)> <b>dans la salle</b>');
    expect(preview).toEqual({ html: '<p>Un soir  <b>dans la salle</b></p>', removed: ['<img>'] });
    expect(previewBody('comment', 'Merci pour ce souvenir.')).toEqual({
      html: '<p>Merci pour ce souvenir.</p>',
      removed: [],
    });
  });

  it('previews blank text as nothing, and refuses what the form would refuse', () => {
    expect(previewBody('souvenir', '  \n ')).toEqual({ html: '', removed: [] });
    expect(previewBody('comment', 'x'.repeat(5_001))).toEqual({ refusal: 'too_long' });
    expect(previewBody('souvenir', '<img src=x>')).toEqual({ refusal: 'empty' });
  });
});
