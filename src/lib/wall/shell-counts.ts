/** Deep wall pages since the process started: cut into a shell from Astro's render, and filled from one. */
export interface WallShellCounts {
  cut: number;
  filled: number;
}

// On globalThis: wall-shell.ts counts in the Vite-bundled Astro server, /metrics reads from the start script.
const KEY = Symbol.for('mur-des-souvenirs.wall-shell-counts');
type Holder = { [KEY]?: WallShellCounts };

export function wallShellCounts(): WallShellCounts {
  return ((globalThis as Holder)[KEY] ??= { cut: 0, filled: 0 });
}
