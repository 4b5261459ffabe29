import { describe, expect, it } from 'vitest';
import SubjectButton from '../../src/components/moderation/SubjectButton.astro';
import { render } from './render.ts';

describe('SubjectButton', () => {
  it('shows its short words and names what it acts on for a screen reader, isolated', async () => {
    const html = await render(SubjectButton, 'fr', {
      name: 'command',
      value: 'up',
      label: 'Monter',
      subject: '<i>Le rappel</i>',
    });
    expect(html).toContain('<button name="command" value="up">Monter<span class="visually-hidden"> : <bdi>');
    expect(html).toContain('&lt;i&gt;Le rappel&lt;/i&gt;</bdi></span></button>');
  });
});
