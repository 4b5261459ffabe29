import { it, expect, afterEach } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { fakeNotifications } from '../helpers/fake-notifications.ts';
import { eventually, wallListener } from '../helpers/wall-cache.ts';
import { KEPT_AT_MOST_MS, keepSetting } from '../../src/lib/settings/kept-setting.ts';
import {
  DEFAULT_DISCUSSION_SETTINGS,
  getDiscussionSettings,
  saveDiscussionSettings,
} from '../../src/lib/rules/settings.ts';
import type { DiscussionSettings } from '../../src/lib/rules/settings.ts';
import { discussionSettingsInForce, forgetDiscussionSettingsInForce } from '../../src/lib/rules/settings-in-force.ts';

const admin = { id: null, label: 'admin' };
const withFlood = (floodSeconds: number): DiscussionSettings => ({ ...DEFAULT_DISCUSSION_SETTINGS, floodSeconds });

describeEachDatabase('a setting kept in memory (settings/kept-setting.ts)', (t) => {
  const listen = wallListener(t);
  /** The discussion rules' reader, counting its reads of the database. */
  const counted = () => {
    const reader = { reads: 0, get: (db: typeof t.db) => (reader.reads++, getDiscussionSettings(db)) };
    return reader;
  };
  afterEach(() => forgetDiscussionSettingsInForce());

  it('reads the database once while it listens, then again after a change is announced', async () => {
    const notifications = await listen();
    const reader = counted();
    const kept = keepSetting(reader, notifications);
    expect((await kept.get(t.db)).floodSeconds).toBe(15);
    expect((await kept.get(t.db)).floodSeconds).toBe(15);
    expect(reader.reads).toBe(1);
    // Another process's save, heard through wall_changed.
    await saveDiscussionSettings(t.db, withFlood(30), admin);
    await eventually(async () => (await kept.get(t.db)).floodSeconds === 30, 'the new rules are read');
    expect(reader.reads).toBe(2);
    kept.close();
  });

  it('reads the database again once the kept value is a minute old, whatever it heard', async () => {
    const notifications = fakeNotifications();
    const reader = counted();
    let clock = 0;
    const kept = keepSetting(reader, notifications, { now: () => clock });
    await kept.get(t.db);
    clock = KEPT_AT_MOST_MS - 1;
    await kept.get(t.db);
    expect(reader.reads).toBe(1);
    clock = KEPT_AT_MOST_MS;
    await kept.get(t.db);
    expect(reader.reads).toBe(2);
    kept.close();
  });

  it('reads the database every time while nothing listens, or once closed', async () => {
    const notifications = fakeNotifications();
    const reader = counted();
    const kept = keepSetting(reader, { ...notifications, listening: false });
    await kept.get(t.db);
    await kept.get(t.db);
    expect(reader.reads).toBe(2);
    const listening = keepSetting(reader, notifications);
    await listening.get(t.db);
    listening.close();
    await listening.get(t.db);
    expect(reader.reads).toBe(4);
    expect(notifications.listeners.size).toBe(1);
  });

  it('forgets the value on a reset, and never keeps a read that a signal overtook', async () => {
    const notifications = fakeNotifications();
    const reader = counted();
    const kept = keepSetting(reader, notifications);
    await kept.get(t.db);
    notifications.emit({ kind: 'reset' });
    await kept.get(t.db);
    expect(reader.reads).toBe(2);
    // Signals about one souvenir or a candle say nothing about settings.
    notifications.emit({ kind: 'souvenir', id: 1 });
    notifications.emit({ kind: 'candle', id: 1 });
    await kept.get(t.db);
    expect(reader.reads).toBe(2);
    // A change announced while the value is being read: that read may predate it.
    notifications.emit({ kind: 'other' });
    const during = kept.get(t.db);
    notifications.emit({ kind: 'other' });
    await during;
    await kept.get(t.db);
    expect(reader.reads).toBe(4);
  });

  it('does not keep a failed read', async () => {
    const notifications = fakeNotifications();
    let fail = true;
    const kept = keepSetting<DiscussionSettings>(
      { get: (db) => (fail ? Promise.reject(new Error('down')) : getDiscussionSettings(db)) },
      notifications,
    );
    await expect(kept.get(t.db)).rejects.toThrow('down');
    fail = false;
    expect((await kept.get(t.db)).floodSeconds).toBe(15);
  });

  it('gives a server the rules in force: from the database until its listener is up, then kept', async () => {
    const notifications = fakeNotifications();
    let started: (n: typeof notifications) => void = () => {};
    const starting = new Promise<typeof notifications>((resolve) => (started = resolve));
    t.queries.length = 0;
    expect((await discussionSettingsInForce(t.db, () => starting)).floodSeconds).toBe(15);
    expect((await discussionSettingsInForce(t.db, () => starting)).floodSeconds).toBe(15);
    expect(t.queries).toHaveLength(2);
    started(notifications);
    await starting;
    await discussionSettingsInForce(t.db);
    await discussionSettingsInForce(t.db);
    expect(t.queries).toHaveLength(3);
    await saveDiscussionSettings(t.db, withFlood(40), admin);
    notifications.emit({ kind: 'other' });
    expect((await discussionSettingsInForce(t.db)).floodSeconds).toBe(40);
  });
});
