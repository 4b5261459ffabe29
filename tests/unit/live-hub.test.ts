import { describe, it, expect, vi } from 'vitest';
import { LiveHub, processHub } from '../../src/lib/wall/live-hub.ts';
import type { WallNotifications } from '../../src/lib/wall/notifications.ts';
import { fakeNotifications } from '../helpers/fake-notifications.ts';

/** A hub whose read the test releases by hand, to see what calls during a read do. */
class CountingHub extends LiveHub<number> {
  reads = 0;
  gate: Promise<void> = Promise.resolve();
  failNext = false;
  protected async read(): Promise<void> {
    this.reads += 1;
    await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database gone');
    }
    this.deliver(this.reads);
  }
}

const hubOn = (source: WallNotifications) =>
  new CountingHub({ notifications: source, wakesOn: ['souvenir', 'reset'], failure: '[test] could not read' });

describe('LiveHub', () => {
  it('wakes only on the notifications it is told, and hands each read to every stream', async () => {
    const source = fakeNotifications();
    const hub = hubOn(source);
    const [a, b] = [vi.fn(), vi.fn()];
    hub.subscribe(a);
    hub.subscribe(b);
    source.emit({ kind: 'candle', id: 1 });
    source.emit({ kind: 'venue' });
    await hub.refresh();
    expect(hub.reads).toBe(1);
    source.emit({ kind: 'reset' });
    await hub.refresh();
    expect(a.mock.calls).toEqual([[1], [2], [3]]);
    expect(b.mock.calls).toEqual(a.mock.calls);
    expect(hub.size).toBe(2);
  });

  it('never runs two reads at once, and makes one more read for calls during a read', async () => {
    const hub = hubOn(fakeNotifications());
    let release = () => {};
    hub.gate = new Promise((resolve) => (release = resolve));
    const first = hub.refresh();
    const second = hub.refresh();
    const third = hub.refresh();
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(hub.reads).toBe(1);
    release();
    await first;
    expect(hub.reads).toBe(2);
  });

  it('logs a failed read and goes on reading on the next call', async () => {
    const hub = hubOn(fakeNotifications());
    const listener = vi.fn();
    hub.subscribe(listener);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    hub.failNext = true;
    await hub.refresh();
    expect(error).toHaveBeenCalledWith('[test] could not read:', 'database gone');
    error.mockRestore();
    await hub.refresh();
    expect(listener).toHaveBeenCalledWith(2);
  });

  it('ends every stream on endAll, forgets unsubscribed ones, and stops listening on close', async () => {
    const source = fakeNotifications();
    const hub = hubOn(source);
    const [kept, gone] = [vi.fn(), vi.fn()];
    hub.subscribe(() => {}, kept);
    hub.subscribe(() => {}, gone)();
    hub.endAll();
    expect(kept).toHaveBeenCalledOnce();
    expect(gone).not.toHaveBeenCalled();
    hub.close();
    expect(source.listeners.size).toBe(0);
    expect(kept).toHaveBeenCalledTimes(2);
  });
});

describe('processHub', () => {
  it('ends nothing when the hub was never made', async () => {
    const create = vi.fn();
    const hubs = processHub(`never-made-${Date.now()}`, create);
    await expect(hubs.endStreams()).resolves.toBeUndefined();
    expect(create).not.toHaveBeenCalled();
  });
});
