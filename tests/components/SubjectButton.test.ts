import { describe } from 'vitest';
import SubjectButton from '../../src/components/moderation/SubjectButton.astro';
import { markupCases } from './render.ts';

describe('SubjectButton', () => {
  markupCases(SubjectButton, {
    'shows its short words and names what it acts on for a screen reader, isolated': {
      locale: 'fr',
      props: { name: 'command', value: 'up', label: 'Monter', subject: '<i>Le rappel</i>' },
      has: [
        '<button name="command" value="up">Monter<span class="visually-hidden"> : <bdi>',
        '&lt;i&gt;Le rappel&lt;/i&gt;</bdi></span></button>',
      ],
    },
  });
});
