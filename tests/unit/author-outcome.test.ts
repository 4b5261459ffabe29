import { describe, expect, it } from 'vitest';
import { authorDone, authorDoneNotice } from '../../src/components/author/author-outcome.ts';

describe('the private page’s outcome', () => {
  it('names the change that succeeded, or none', () => {
    expect(authorDone({ edited: true, photoAdded: false, photoRemoved: false, withdrawn: false })).toBe('saved');
    expect(authorDone({ edited: false, photoAdded: false, photoRemoved: true, withdrawn: false })).toBe('photoRemoved');
    expect(authorDone({ edited: false, photoAdded: true, photoRemoved: false, withdrawn: false })).toBe('photoAdded');
    expect(authorDone({ edited: false, photoAdded: false, photoRemoved: false, withdrawn: true })).toBe('withdrawn');
    expect(authorDone({ edited: false, photoAdded: false, photoRemoved: false, withdrawn: false })).toBeNull();
  });

  it('shows a notice only for the outcomes it lists, whatever ?fait= holds', () => {
    expect(authorDoneNotice('saved')).toBe('author.saved');
    expect(authorDoneNotice('photoAdded')).toBe('photo.done.added');
    expect(authorDoneNotice('photoRemoved')).toBe('photo.done.removed');
    expect(authorDoneNotice('withdrawn')).toBeNull();
    for (const typed of [null, '', '__proto__', 'toString', 'constructor', 'hasOwnProperty', 'SAVED', 'saved ']) {
      expect(authorDoneNotice(typed)).toBeNull();
    }
  });
});
