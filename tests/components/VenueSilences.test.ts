import { describe } from 'vitest';
import VenueSilences from '../../src/components/moderation/VenueSilences.astro';
import { markupCases } from './render.ts';

const yearly = {
  id: 3,
  recurrence: 'yearly' as const,
  month: 11,
  day: 13,
  time: '21:47',
  durationMs: 60_000,
  anniversaryOnly: false,
  next: new Date('2026-11-13T20:47:00Z'),
};
const daily = { ...yearly, id: 4, recurrence: 'daily' as const, month: null, day: null, time: '12:00:30' };
const planned = [{ id: 9, startsAt: new Date('2026-11-13T20:47:00Z'), durationMs: 60_000, scheduleId: 3 }];

describe('VenueSilences', () => {
  markupCases(VenueSilences, {
    'lists the silences to come, each with its call-off button, and those at set times in Paris time': {
      locale: 'fr',
      props: { planned, schedules: [yearly, { ...daily, anniversaryOnly: true }], canSchedule: true, values: {} },
      has: [
        'data-silence="9"',
        'Annuler ce silence',
        '(programmé)',
        'Chaque année le 13 novembre à 21:47',
        'Chaque jour à 12:00:30, pendant l’anniversaire seulement',
        '21:47:00',
        'Supprimer',
        'name="time" type="time" step="1"',
      ],
    },
    'shows moderators the schedules without the admin’s form or remove buttons, and says when none is planned': {
      locale: 'en',
      props: { planned: [], schedules: [daily], canSchedule: false, values: {} },
      has: ['No silence is planned.', 'Every day at 12:00:30'],
      lacks: ['Remove', 'venue-schedule-form'],
    },
    'puts back what an admin typed after a refusal': {
      locale: 'fr',
      props: {
        planned: [],
        schedules: [],
        canSchedule: true,
        values: { recurrence: 'daily', time: '09:15', seconds: '90', anniversaryOnly: 'on', day: '', month: '' },
      },
      has: [
        /id="schedule-daily"[^>]*checked/,
        'value="09:15"',
        'value="90"',
        /id="schedule-anniversary-only"[^>]*checked/,
      ],
    },
  });
});
