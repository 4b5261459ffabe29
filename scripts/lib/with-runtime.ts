import { openRuntime } from '../../src/lib/runtime.ts';
import type { Runtime } from '../../src/lib/runtime.ts';
import { DataDirLockedError } from '../../db/index.ts';

/**
 * Runs a command-line task against the configured database and closes it afterwards.
 * With the embedded database, refuses plainly while the server holds it.
 */
export async function withRuntime(task: (runtime: Runtime) => Promise<void>): Promise<void> {
  const runtime = await openRuntimeOrExit(2);
  try {
    await task(runtime);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await runtime.handle.close();
  }
}

/**
 * Opens the configured database. While another process holds the embedded one, says so and
 * exits with `lockedExitCode` rather than throwing a stack at the person who typed the command.
 */
export async function openRuntimeOrExit(lockedExitCode: number): Promise<Runtime> {
  try {
    return await openRuntime();
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(lockedExitCode);
    }
    throw error;
  }
}
