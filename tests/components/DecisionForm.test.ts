import { describe, expect, it } from 'vitest';
import DecisionForm from '../../src/components/moderation/DecisionForm.astro';
import { markupCases, render } from './render.ts';

const props = {
  item: { targetType: 'comment', id: 30, status: 'spam', authorName: 'Marc' },
  domId: 'comment-30',
  action: '/moderation?_action=moderation.decide',
  decisions: ['restore', 'approve', 'reject', 'trash'],
};

describe('DecisionForm', () => {
  markupCases(DecisionForm, {
    'labels the reason and names the group of buttons after the item as the queue heads it, in the request’s language':
      [
        {
          locale: 'fr',
          props,
          has: [
            '<label for="comment-30-reason">Motif (facultatif, noté au journal)</label>',
            'aria-label="Décision sur « Commentaire de Marc »"',
          ],
        },
        {
          locale: 'en',
          props,
          has: ['<label for="comment-30-reason">Reason (optional, kept in the log)</label>', 'Approve'],
        },
      ],
    'keeps the reason typed before a refusal, and links to the kind’s edit page': {
      locale: 'en',
      props: { ...props, reason: 'Pas "ici"' },
      has: ['value="Pas &quot;ici&quot;"', /href="\/en\/moderation\/[^"]*\/30"[^>]*data-edit/],
    },
  });

  it('sends the kind, the id and the status the moderator saw, with one button per decision', async () => {
    const html = await render(DecisionForm, 'fr', props);
    expect(html).toContain('name="targetType" value="comment"');
    expect(html).toContain('name="ids" value="30"');
    expect(html).toContain('name="expectedStatus" value="spam"');
    expect([...html.matchAll(/name="decision" value="(\w+)"/g)].map((m) => m[1])).toEqual(props.decisions);
  });
});
