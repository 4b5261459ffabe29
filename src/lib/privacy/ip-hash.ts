import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/index.ts';
import { newSecret, sharedSecret } from '../secrets/shared-secret.ts';
import fs from 'node:fs';
import path from 'node:path';

/** A keyed hash of an IP address: the address itself is never stored (ARCHITECTURE.md, privacy). */
export function hashIp(secret: string, ip: string | undefined): string | null {
  if (!ip) return null;
  return createHmac('sha256', secret).update(ip).digest('base64url').slice(0, 32);
}

/**
 * The HMAC secret: from the environment, else the one every host shares in the database
 * (secrets/shared-secret.ts), so that limits and flood checks count one visitor once whichever
 * host answers. An install from before kept it in a file beside the data: that value is carried
 * into the database, so that hashes already stored stay comparable.
 */
export async function loadIpHashSecret(
  db: Kysely<Database>,
  fromEnv: string | undefined,
  legacyDataRoot: string,
): Promise<string> {
  if (fromEnv && fromEnv.length >= 16) return fromEnv;
  let legacy: string | undefined;
  try {
    legacy = fs.readFileSync(path.join(legacyDataRoot, 'ip-hash-secret'), 'utf8').trim() || undefined;
  } catch {
    legacy = undefined;
  }
  return sharedSecret(db, 'ip_hash', legacy ?? newSecret('ip_hash'));
}
