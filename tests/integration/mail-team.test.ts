import { it, expect } from 'vitest';
import { describeEachDatabase, openSecondProcess } from '../helpers/databases.ts';
import { submission } from '../helpers/contribution-fixtures.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { runTeamJobs } from '../../src/lib/mail/team-jobs.ts';
import { getTeamMailPreferences, saveTeamMailPreferences, TeamMailError } from '../../src/lib/mail/team.ts';
import { saveMailSettings } from '../../src/lib/mail/settings.ts';
import type { TeamMailMode } from '../../db/types.ts';

const origin = 'https://mur.example';
// 6 December 2026, 08:30 in Paris (UTC+1).
const at0830 = new Date('2026-12-06T07:30:00Z');

describeEachDatabase('email for the moderation team', (t) => {
  const member = async (
    username: string,
    mode: TeamMailMode,
    extra: { digestHour?: number; disabled?: boolean } = {},
  ) => {
    const row = await t.db
      .insertInto('app_user')
      .values({
        username,
        display_name: username,
        role: 'moderator',
        password_hash: 'x',
        email: `${username}@equipe.example`,
        mail_mode: mode,
        digest_hour: extra.digestHour ?? 8,
        disabled_at: extra.disabled ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const teamMail = () =>
    t.db
      .selectFrom('mail_outbox')
      .select(['kind', 'to_address', 'subject', 'body_text', 'status'])
      .where('kind', 'like', 'team_%')
      .orderBy('id')
      .execute();
  const pendingAt = (created: Date, body: string) =>
    createSouvenir(t.db, submission({ body }), { ipHash: null, now: created });

  it('tells members who chose every new item, beyond the per-address budget, and nobody else', async () => {
    await member('ana', 'each');
    await member('bo', 'digest');
    await member('cy', 'none');
    await member('di', 'each', { disabled: true });
    await saveMailSettings(t.db, { perAddressPerDay: 1 }, { id: null, label: 'script' });
    for (const body of ['Un premier souvenir.', 'Un deuxième souvenir.']) {
      await createSouvenir(t.db, submission({ body }), { ipHash: null, mail: { origin } });
    }
    await createSouvenir(t.db, submission({ body: 'spam' }), { ipHash: null, status: 'spam', mail: { origin } });
    await createSouvenir(t.db, submission({ body: 'connu' }), { ipHash: null, status: 'approved', mail: { origin } });
    const sent = await teamMail();
    expect(sent.map((m) => [m.to_address, m.status])).toEqual([
      ['ana@equipe.example', 'queued'],
      ['ana@equipe.example', 'queued'],
    ]);
    expect(sent[0]!.subject).toBe('Un nouveau souvenir attend la modération');
    expect(sent[0]!.body_text).toContain('Un premier souvenir.');
    expect(sent[0]!.body_text).toContain(`${origin}/moderation`);
    expect(sent[0]!.body_text).not.toContain('camille@example.org');
  });

  it('sends each digest once a day from its hour, and holds the schedule in one claimed row', async () => {
    await member('ana', 'digest', { digestHour: 8 });
    await member('bo', 'digest', { digestHour: 18 });
    await pendingAt(new Date('2026-12-06T06:00:00Z'), 'En attente depuis ce matin.');
    expect(await runTeamJobs(t.db, origin, at0830)).toBe(true);
    // Not due again before the next hour, whichever process asks.
    expect(await runTeamJobs(t.db, origin, new Date('2026-12-06T07:50:00Z'))).toBe(false);
    expect(await runTeamJobs(t.db, origin, new Date('2026-12-06T08:05:00Z'))).toBe(true);
    const digests = await teamMail();
    expect(digests.map((m) => [m.kind, m.to_address])).toEqual([['team_digest', 'ana@equipe.example']]);
    expect(digests[0]!.subject).toBe('1 texte(s) en attente de modération');
    expect(digests[0]!.body_text).toContain('En attente depuis ce matin.');
  });

  it('reminds the team once a day, from 09:00 Paris, of items waiting more than 48 hours', async () => {
    await member('ana', 'each');
    await member('bo', 'none');
    await pendingAt(new Date('2026-12-04T06:00:00Z'), 'Un souvenir oublié.');
    await pendingAt(new Date('2026-12-06T06:00:00Z'), 'Un souvenir récent.');
    await runTeamJobs(t.db, origin, at0830);
    expect(await teamMail()).toEqual([]);
    await runTeamJobs(t.db, origin, new Date('2026-12-06T08:10:00Z'));
    await runTeamJobs(t.db, origin, new Date('2026-12-06T09:10:00Z'));
    const reminders = await teamMail();
    expect(reminders.map((m) => [m.kind, m.to_address])).toEqual([['team_reminder', 'ana@equipe.example']]);
    expect(reminders[0]!.body_text).toContain('Un souvenir oublié.');
    expect(reminders[0]!.body_text).not.toContain('Un souvenir récent.');
  });

  it('runs the hourly job in one process only when two ask at once', async () => {
    await member('ana', 'digest');
    await pendingAt(new Date('2026-12-06T06:00:00Z'), 'Un souvenir.');
    const other = await openSecondProcess(t, 2);
    try {
      await runTeamJobs(t.db, origin, new Date('2026-12-06T05:00:00Z'));
      const ran = await Promise.all([runTeamJobs(t.db, origin, at0830), runTeamJobs(other.db, origin, at0830)]);
      expect(ran.filter(Boolean)).toHaveLength(1);
    } finally {
      await other.close();
    }
    expect(await teamMail()).toHaveLength(1);
  });

  it('asks for an address before any message', async () => {
    const id = await member('ana', 'none');
    await expect(
      saveTeamMailPreferences(t.db, id, { email: null, mode: 'each', digestHour: 8 }),
    ).rejects.toBeInstanceOf(TeamMailError);
    await saveTeamMailPreferences(t.db, id, { email: 'ana@x.example', mode: 'digest', digestHour: 19 });
    expect(await getTeamMailPreferences(t.db, id)).toEqual({ email: 'ana@x.example', mode: 'digest', digestHour: 19 });
  });
});
