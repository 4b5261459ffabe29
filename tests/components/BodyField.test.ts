import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import BodyField from '../../src/components/BodyField.astro';
import { markupCases, render } from './render.ts';
import { MAX_COMMENT_LENGTH } from '../../src/lib/comments/create-comment.ts';
import { MAX_SOUVENIR_LENGTH } from '../../src/lib/souvenirs/create-souvenir.ts';

const field = { id: 'body', hintId: 'allowed-tags', label: 'Votre souvenir', rows: 10, value: '', error: undefined };

describe('BodyField', () => {
  markupCases(BodyField, {
    'limits the text as the server does and says the limit, with a live region kept for pauses': [
      {
        locale: 'fr',
        props: { ...field, kind: 'souvenir' },
        has: [
          `maxlength="${MAX_SOUVENIR_LENGTH}"`,
          /id="body-count"[^>]*>\s*10\u202f000 caractères au plus\./,
          /<textarea[^>]*aria-describedby="body-count allowed-tags"/,
          /class="visually-hidden" role="status" data-counter-live/,
        ],
      },
      {
        locale: 'en',
        props: { ...field, kind: 'comment' },
        has: [`maxlength="${MAX_COMMENT_LENGTH}"`, '5,000 characters at most.'],
      },
    ],
    'folds the list of tags under “Mise en forme avancée”, still describing the field': {
      locale: 'fr',
      props: { ...field, kind: 'souvenir' },
      has: [
        /<details class="advanced-format">\s*<summary>Mise en forme avancée<\/summary>\s*<p class="hint" id="allowed-tags">/,
        '&lt;blockquote cite=&quot;&quot;&gt;',
      ],
    },
    'has a preview button and region, hidden until the script can fill them': {
      locale: 'en',
      props: { ...field, kind: 'comment' },
      has: [
        /<button[^>]*aria-expanded="false"[^>]*aria-controls="body-preview"[^>]*hidden/,
        /<section class="writing-preview" id="body-preview" aria-label="Preview, as it will appear"[^>]*hidden/,
        /<div class="preview-body" lang="en" dir="auto" data-preview-body/,
      ],
    },
    'puts the refusal first among what describes the field, and keeps the text': {
      locale: 'fr',
      props: {
        ...field,
        kind: 'comment',
        value: 'Le <b>balcon</b>',
        error: 'Trop long',
        describedBy: ['comment-replying-to'],
      },
      has: [
        /aria-describedby="comment-replying-to body-error body-count allowed-tags"/,
        'aria-invalid="true"',
        'Le &lt;b&gt;balcon&lt;/b&gt;</textarea>',
      ],
    },
  });

  it('gives a text beginning with empty lines back whole, as the form will send it again', async () => {
    const value = '\n\nLe balcon,\r\nle soir.';
    const html = await render(BodyField, 'fr', { ...field, kind: 'souvenir', value });
    const textarea = new JSDOM(html).window.document.querySelector('textarea')!;
    expect(textarea.value.replace(/\r\n/g, '\n')).toBe(value.replace(/\r\n/g, '\n'));
  });

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
});
