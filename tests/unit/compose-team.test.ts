import { describe, it, expect } from 'vitest';
import { newItemMail, waitingListMail } from '../../src/lib/mail/compose-team.ts';
import type { WaitingItem } from '../../src/lib/mail/compose-team.ts';

const member = { id: 7, to: 'camille.private@example.org', name: 'Camille', locale: 'fr' as const };
const waiting: WaitingItem[] = [
  { kind: 'souvenir', text: 'Le premier rappel, la salle entière qui chantait.', hours: 50 },
  { kind: 'comment', text: 'Merci pour ce souvenir.', hours: 3 },
];
const queue = 'https://mur.example/moderation';

describe('waitingListMail', () => {
  it('writes the digest with its count, every waiting text and the queue link, once a day per member', () => {
    const mail = waitingListMail('digest', member, '2026-12-06', waiting, 2, queue);
    expect(mail.kind).toBe('team_digest');
    expect(mail.to).toBe(member.to);
    expect(mail.subject).toContain('2');
    expect(mail.text).toContain('Le premier rappel');
    expect(mail.text).toContain('Merci pour ce souvenir.');
    expect(mail.text).toContain(queue);
    expect(mail.dedupeKey).toBe('team_digest:7:2026-12-06');
  });

  it('writes the reminder with its own words and key, never counted against the address budget', () => {
    const digest = waitingListMail('digest', member, '2026-12-06', waiting.slice(0, 1), 1, queue);
    const reminder = waitingListMail('reminder', member, '2026-12-06', waiting.slice(0, 1), 1, queue);
    expect(reminder.kind).toBe('team_reminder');
    expect(reminder.subject).not.toBe(digest.subject);
    expect(reminder.dedupeKey).toBe('team_reminder:7:2026-12-06');
    expect(reminder.countsAgainstBudget).toBe(false);
  });
});

describe('newItemMail', () => {
  it('quotes the new text and is sent once per item and member', () => {
    const mail = newItemMail(member, { ...waiting[0]!, id: 12 }, queue);
    expect(mail.kind).toBe('team_new');
    expect(mail.text).toContain('Le premier rappel');
    expect(mail.dedupeKey).toBe('team_new:souvenir:12:7');
  });
});
