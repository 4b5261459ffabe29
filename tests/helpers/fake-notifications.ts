import type { WallNotifications, WallSignal } from '../../src/lib/wall/notifications.ts';

/** Wall notifications already listening, whose signals a test sends itself with `emit`. */
export function fakeNotifications(): WallNotifications & { emit(signal: WallSignal): void } {
  const listeners = new Set<(signal: WallSignal) => void>();
  return {
    listening: true,
    ready: Promise.resolve(),
    subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    close: async () => {},
    emit: (signal) => listeners.forEach((listener) => listener(signal)),
  };
}
