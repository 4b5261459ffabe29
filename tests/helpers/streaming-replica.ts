import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

const run = promisify(execFile);

/** Debian's PostgreSQL 15 server binaries (initdb, pg_ctl, pg_basebackup). */
export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

/** Why a streaming pair cannot be made on this machine, or null when it can. */
export function streamingPairUnavailable(): string | null {
  for (const tool of ['initdb', 'pg_ctl', 'pg_basebackup'])
    if (!fs.existsSync(path.join(POSTGRES_BIN, tool))) return `${path.join(POSTGRES_BIN, tool)} is missing`;
  if (asRoot && !fs.existsSync('/usr/sbin/runuser') && !fs.existsSync('/sbin/runuser'))
    return 'running as root without runuser to become postgres';
  return null;
}

/** A server binary as the `postgres` user when we are root (PostgreSQL refuses to run as root). */
async function pgTool(tool: string, args: string[]): Promise<void> {
  const binary = path.join(POSTGRES_BIN, tool);
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', binary, ...args]);
  else await run(binary, args);
}

export interface StreamingPair {
  primaryUrl: string;
  replicaUrl: string;
  /** Stops the standby (fast shutdown: its connections are closed). */
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Stops both servers and deletes the directory. */
  remove(): Promise<void>;
}

/**
 * A primary and its streaming standby in a fresh temporary directory, on free ports, with their
 * sockets in that directory: the recipe of issue 18, no change to any system cluster.
 */
export async function makeStreamingPair(): Promise<StreamingPair> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mur-replica-'));
  if (asRoot) await run('chown', ['postgres', dir]);
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'standby');
  const serverOptions = (port: number) => `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  const startReplica = () =>
    pgTool('pg_ctl', [
      '-D',
      replicaDir,
      '-l',
      path.join(dir, 'standby.log'),
      '-o',
      serverOptions(replicaPort),
      '-w',
      'start',
    ]);
  const stop = (dataDir: string, mode: string) =>
    pgTool('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']).catch(() => {});
  try {
    await pgTool('initdb', ['-D', primaryDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    fs.appendFileSync(path.join(primaryDir, 'pg_hba.conf'), '\nhost replication all 127.0.0.1/32 trust\n');
    await pgTool('pg_ctl', [
      '-D',
      primaryDir,
      '-l',
      path.join(dir, 'primary.log'),
      '-o',
      serverOptions(primaryPort),
      '-w',
      'start',
    ]);
    await pgTool('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
    ]);
    await startReplica();
  } catch (error) {
    await stop(replicaDir, 'immediate');
    await stop(primaryDir, 'immediate');
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    replicaUrl: `postgres://postgres@127.0.0.1:${replicaPort}/postgres`,
    stopReplica: () => pgTool('pg_ctl', ['-D', replicaDir, '-m', 'fast', '-w', 'stop']),
    startReplica,
    remove: async () => {
      await stop(replicaDir, 'immediate');
      await stop(primaryDir, 'immediate');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
