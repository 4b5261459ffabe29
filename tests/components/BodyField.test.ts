import { describe, expect, it } from 'vitest';
import BodyField from '../../src/components/BodyField.astro';
import { render } from './render.ts';
import { MAX_COMMENT_LENGTH } from '../../src/lib/comments/create-comment.ts';
import { MAX_SOUVENIR_LENGTH } from '../../src/lib/souvenirs/create-souvenir.ts';

const field = { id: 'body', hintId: 'allowed-tags', label: 'Votre souvenir', rows: 10, value: '', error: undefined };

describe('BodyField', () => {
  it('offers a formatting bar of real buttons in a labelled toolbar, one tab stop, hidden until its script runs', async () => {
    const html = await render(BodyField, 'fr', { ...field, kind: 'souvenir' });
    const bar = /<div[^>]*role="toolbar"[^>]*>[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
    expect(bar).toContain('aria-label="Mise en forme du texte"');
    expect(bar).toContain('aria-controls="body"');
    expect(bar).toMatch(/^<div[^>]*\shidden/);
    const buttons = [...bar.matchAll(/<button[^>]*>([^<]*)<\/button>/g)];
    expect(buttons.map((b) => b[1]!.trim())).toEqual([
      'Gras',
      'Italique',
      'Citation',
      'Titre d’œuvre',
      'Lien',
      'Barré',
    ]);
    for (const [button] of buttons) expect(button).toContain('type="button"');
    expect(buttons.filter(([b]) => b.includes('tabindex="0"'))).toHaveLength(1);
    expect(bar).toContain('aria-keyshortcuts="Control+B Meta+B"');
    expect(bar).toContain('aria-keyshortcuts="Control+K Meta+K"');
  });

  it('limits the text as the server does and says the limit, with a live region kept for pauses', async () => {
    const souvenir = await render(BodyField, 'fr', { ...field, kind: 'souvenir' });
    expect(souvenir).toContain(`maxlength="${MAX_SOUVENIR_LENGTH}"`);
    expect(souvenir).toMatch(/id="body-count"[^>]*>\s*10\u202f000 caractères au plus\./);
    expect(souvenir).toMatch(/<textarea[^>]*aria-describedby="body-count allowed-tags"/);
    expect(souvenir).toMatch(/class="visually-hidden" role="status" data-counter-live/);
    const comment = await render(BodyField, 'en', { ...field, kind: 'comment' });
    expect(comment).toContain(`maxlength="${MAX_COMMENT_LENGTH}"`);
    expect(comment).toContain('5,000 characters at most.');
  });

  it('folds the list of tags under “Mise en forme avancée”, still describing the field', async () => {
    const html = await render(BodyField, 'fr', { ...field, kind: 'souvenir' });
    expect(html).toMatch(
      /<details class="advanced-format">\s*<summary>Mise en forme avancée<\/summary>\s*<p class="hint" id="allowed-tags">/,
    );
    expect(html).toContain('&lt;blockquote cite=&quot;&quot;&gt;');
  });

  it('has a preview button and region, hidden until the script can fill them', async () => {
    const html = await render(BodyField, 'en', { ...field, kind: 'comment' });
    expect(html).toMatch(/<button[^>]*aria-expanded="false"[^>]*aria-controls="body-preview"[^>]*hidden/);
    expect(html).toMatch(
      /<section class="writing-preview" id="body-preview" aria-label="Preview, as it will appear"[^>]*hidden/,
    );
    expect(html).toMatch(/<div class="preview-body" lang="en" dir="auto" data-preview-body/);
  });

  it('puts the refusal first among what describes the field, and keeps the text', async () => {
    const html = await render(BodyField, 'fr', {
      ...field,
      kind: 'comment',
      value: 'Le <b>balcon</b>',
      error: 'Trop long',
      describedBy: ['comment-replying-to'],
    });
    expect(html).toMatch(/aria-describedby="comment-replying-to body-error body-count allowed-tags"/);
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('Le &lt;b&gt;balcon&lt;/b&gt;</textarea>');
  });
});
