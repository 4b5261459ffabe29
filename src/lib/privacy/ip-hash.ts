import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A keyed hash of an IP address: the address itself is never stored (ARCHITECTURE.md, privacy). */
export function hashIp(secret: string, ip: string | undefined): string | null {
  if (!ip) return null;
  return createHmac('sha256', secret).update(ip).digest('base64url').slice(0, 32);
}

/**
 * The HMAC secret: from the environment, or generated once and kept beside the data so that
 * hashes stay comparable across restarts.
 */
export function loadIpHashSecret(fromEnv: string | undefined, dataRoot: string): string {
  if (fromEnv && fromEnv.length >= 16) return fromEnv;
  const file = path.join(dataRoot, 'ip-hash-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataRoot, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret, { mode: 0o600 });
    console.warn(`[privacy] IP_HASH_SECRET is not set: generated one in ${file}. Set it in production.`);
    return secret;
  }
}
