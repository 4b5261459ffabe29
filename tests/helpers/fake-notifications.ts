import type { WallNotifications, WallSignal } from '../../src/lib/wall/notifications.ts';

/**
 * Wall notifications already listening, whose signals the test sends itself with `emit`: what is
 * under test must act on what it hears (or catch up from the database whatever it hears), so the
 * test decides when it hears something. `listeners` shows who is still subscribed.
 */
export function fakeNotifications(): WallNotifications & {
  emit(signal: WallSignal): void;
  readonly listeners: ReadonlySet<(signal: WallSignal) => void>;
} {
  const listeners = new Set<(signal: WallSignal) => void>();
  return {
    listeners,
    listening: true,
    ready: Promise.resolve(),
    subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    close: async () => listeners.clear(),
    emit: (signal) => listeners.forEach((listener) => listener(signal)),
  };
}
