import { describe, expect, it } from 'vitest';
import VenueSilences from '../../src/components/moderation/VenueSilences.astro';
import { render } from './render.ts';

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
  it('lists the silences to come, each with its call-off button, and those at set times in Paris time', async () => {
    const html = await render(VenueSilences, 'fr', {
      planned,
      schedules: [yearly, { ...daily, anniversaryOnly: true }],
      canSchedule: true,
      values: {},
    });
    expect(html).toContain('data-silence="9"');
    expect(html).toContain('Annuler ce silence');
    expect(html).toContain('(programmé)');
    expect(html).toContain('Chaque année le 13 novembre à 21:47');
    expect(html).toContain('Chaque jour à 12:00:30, pendant l’anniversaire seulement');
    expect(html).toContain('21:47:00');
    expect(html).toContain('Supprimer');
    expect(html).toContain('name="time" type="time" step="1"');
  });

  it('shows moderators the schedules without the admin’s form or remove buttons, and says when none is planned', async () => {
    const html = await render(VenueSilences, 'en', { planned: [], schedules: [daily], canSchedule: false, values: {} });
    expect(html).toContain('No silence is planned.');
    expect(html).toContain('Every day at 12:00:30');
    expect(html).not.toContain('Remove');
    expect(html).not.toContain('venue-schedule-form');
  });

  it('puts back what an admin typed after a refusal', async () => {
    const html = await render(VenueSilences, 'fr', {
      planned: [],
      schedules: [],
      canSchedule: true,
      values: { recurrence: 'daily', time: '09:15', seconds: '90', anniversaryOnly: 'on', day: '', month: '' },
    });
    expect(html).toMatch(/id="schedule-daily"[^>]*checked/);
    expect(html).toContain('value="09:15"');
    expect(html).toContain('value="90"');
    expect(html).toMatch(/id="schedule-anniversary-only"[^>]*checked/);
  });
});
