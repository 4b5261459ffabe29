/** Pages since the process started: Astro renders cut into a shell, and pages filled from one. */
export interface ShellCounts {
  cut: number;
  filled: number;
}

/** Deep wall pages (wall-shell.ts) and souvenirs' own pages (souvenir-shell.ts). */
export type ShellKind = 'wall' | 'souvenir';

// On globalThis: the shells count in the Vite-bundled Astro server, /metrics reads from the start script.
const KEY = Symbol.for('mur-des-souvenirs.shell-counts');
type Holder = { [KEY]?: Record<ShellKind, ShellCounts> };

export function shellCounts(kind: ShellKind): ShellCounts {
  const all = ((globalThis as Holder)[KEY] ??= { wall: { cut: 0, filled: 0 }, souvenir: { cut: 0, filled: 0 } });
  return all[kind];
}
