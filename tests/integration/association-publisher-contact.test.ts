import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { getPublisher, isPublisherComplete, savePublisher } from '../../src/lib/association/publisher.ts';
import type { Publisher } from '../../src/lib/association/publisher.ts';
import {
  countUnreadContactMessages,
  listContactMessages,
  markContactMessage,
  storeContactMessage,
} from '../../src/lib/association/contact.ts';
import { eraseEmailData } from '../../src/lib/privacy/email-data.ts';
import { createUser } from '../../src/lib/auth/users.ts';
import { moderationNotices } from '../../src/lib/association/moderation-notices.ts';

const admin = { id: null, label: 'camille' };

const details: Publisher = {
  organisation: 'Association Mémoire des concerts',
  postalAddress: '1 rue de la Salle\n75011 Paris',
  director: 'Dominique Martin',
  contactEmail: 'contact@example.org',
  hostName: 'Hébergeur Exemple SAS',
  hostAddress: '2 rue des Serveurs, 59100 Roubaix',
};

describeEachDatabase('the publisher’s details', (t) => {
  it('are empty, and incomplete, until an admin fills them in', async () => {
    const publisher = await getPublisher(t.db);
    expect(publisher.organisation).toBe('');
    expect(isPublisherComplete(publisher)).toBe(false);
  });

  it('are stored trimmed, with an audit row holding before and after', async () => {
    await savePublisher(t.db, { ...details, organisation: `  ${details.organisation} ` }, admin);
    const stored = await getPublisher(t.db);
    expect(stored).toEqual(details);
    expect(isPublisherComplete(stored)).toBe(true);
    await savePublisher(t.db, { ...details, director: 'Alex Durand' }, admin);
    const events = await t.db.selectFrom('moderation_event').selectAll().orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['publisher', 'publisher']);
    expect(events[1]).toMatchObject({ target_type: 'setting', actor_label: 'camille' });
    expect((events[1]!.before as Publisher).director).toBe('Dominique Martin');
    expect((events[1]!.after as Publisher).director).toBe('Alex Durand');
  });
});

describeEachDatabase('contact messages', (t) => {
  const listUrl = 'https://mur.example.org/moderation/messages';
  const message = async (n: number, isSpam = false) =>
    (
      await storeContactMessage(
        t.db,
        {
          name: `Personne ${n}`,
          email: `p${n}@example.org`,
          body: `Bonjour, une question ${n}`,
          locale: 'fr',
          ipHash: 'ip',
          isSpam,
        },
        { listUrl },
      )
    ).id;
  const outbox = () =>
    t.db.selectFrom('mail_outbox').select(['kind', 'to_address', 'reply_to', 'subject', 'body_text']).execute();

  it('are emailed to the publisher’s contact address through the outbox, never the honeypot’s catch', async () => {
    await message(1);
    expect(await outbox()).toEqual([]);
    await savePublisher(t.db, details, admin);
    await message(2);
    await message(3, true);
    const mails = await outbox();
    expect(mails).toHaveLength(1);
    // "Reply" answers the visitor.
    expect(mails[0]).toMatchObject({ kind: 'contact', to_address: 'contact@example.org', reply_to: 'p2@example.org' });
    expect(mails[0]!.subject).toContain('Personne 2');
    expect(mails[0]!.body_text).toContain('Bonjour, une question 2');
    expect(mails[0]!.body_text).toContain('p2@example.org');
    expect(mails[0]!.body_text).toContain(listUrl);
  });

  it('are listed newest first, the honeypot’s catch apart, and counted while unread', async () => {
    const first = await message(1);
    const second = await message(2);
    const spam = await message(3, true);
    expect((await listContactMessages(t.db)).map((m) => m.id)).toEqual([second, first]);
    expect((await listContactMessages(t.db, { spam: true })).map((m) => m.id)).toEqual([spam]);
    expect(await countUnreadContactMessages(t.db)).toBe(2);
  });

  it('go with the rest of an address’s data when an admin erases it', async () => {
    await message(1);
    await message(2);
    await savePublisher(t.db, details, admin);
    await message(3);
    await eraseEmailData(t.db, { email: ' P1@example.org', secret: 'k', actor: admin });
    await eraseEmailData(t.db, { email: 'p3@EXAMPLE.org', secret: 'k', actor: admin });
    expect((await listContactMessages(t.db)).map((m) => m.email)).toEqual(['p2@example.org']);
    // Its message to the team, which carried the address as Reply-To and in its text, goes too.
    expect(await outbox()).toEqual([]);
  });

  it('are marked read and unread again', async () => {
    const user = await createUser(
      t.db,
      { username: 'camille', role: 'moderator', password: 'Une bougie pour la salle' },
      admin,
    );
    const id = await message(1);
    expect(await markContactMessage(t.db, id, true, user.id)).toBe(true);
    expect((await listContactMessages(t.db))[0]!.readAt).toBeInstanceOf(Date);
    expect(await countUnreadContactMessages(t.db)).toBe(0);
    await markContactMessage(t.db, id, false, user.id);
    expect((await listContactMessages(t.db))[0]!.readAt).toBeNull();
    expect(await markContactMessage(t.db, 9999, true, user.id)).toBe(false);
  });
});

describeEachDatabase('what moderation pages remind their reader of', (t) => {
  it('counts unread messages for everyone, and the incomplete legal notice for admins only', async () => {
    await storeContactMessage(t.db, {
      name: 'Sam',
      email: 's@example.org',
      body: 'Bonjour',
      locale: 'fr',
      ipHash: null,
      isSpam: false,
    });
    expect(await moderationNotices(t.db, 'moderator')).toEqual({ unreadMessages: 1, publisherIncomplete: false });
    expect(await moderationNotices(t.db, 'admin')).toEqual({ unreadMessages: 1, publisherIncomplete: true });
    await savePublisher(t.db, details, admin);
    expect((await moderationNotices(t.db, 'admin')).publisherIncomplete).toBe(false);
  });
});
