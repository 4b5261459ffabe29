import { Lucia, TimeSpan } from 'lucia';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { createKyselyAdapter } from './lucia-adapter.ts';
import type { Role } from './session-user.ts';

/**
 * OWASP ASVS level 2 (3.3.2): privileged sessions end after 30 minutes without activity.
 * Lucia renews a session once half of this has passed, so the idle limit is at most 30 minutes.
 */
export const IDLE_TIMEOUT_MINUTES = 30;
/** ASVS 3.3.4: and 12 hours after sign-in, whatever happens. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;

export interface LuciaOptions {
  /** The site is served over https: the cookie gets `Secure` and the `__Host-` prefix. */
  secure: boolean;
}

export function createLucia(db: Kysely<Database>, options: LuciaOptions) {
  return new Lucia(createKyselyAdapter(db, { absoluteTimeoutMs: ABSOLUTE_TIMEOUT_MS }), {
    sessionExpiresIn: new TimeSpan(IDLE_TIMEOUT_MINUTES, 'm'),
    sessionCookie: {
      // __Host- makes the browser refuse the cookie unless Secure, Path=/ and no Domain.
      name: options.secure ? '__Host-session' : 'session',
      attributes: { secure: options.secure, sameSite: 'lax', path: '/' },
    },
    getUserAttributes: (attributes) => ({
      username: attributes.username,
      displayName: attributes.displayName,
      role: attributes.role,
    }),
  });
}

export type AppLucia = ReturnType<typeof createLucia>;

declare module 'lucia' {
  interface Register {
    Lucia: AppLucia;
    UserId: number;
    DatabaseUserAttributes: {
      username: string;
      displayName: string;
      role: Role;
    };
  }
}

const instances = new WeakMap<Kysely<Database>, { secure?: AppLucia; plain?: AppLucia }>();

/** One Lucia per database and cookie kind (it holds no state besides its settings). */
export function luciaFor(db: Kysely<Database>, options: LuciaOptions): AppLucia {
  let entry = instances.get(db);
  if (!entry) instances.set(db, (entry = {}));
  const key = options.secure ? 'secure' : 'plain';
  return (entry[key] ??= createLucia(db, options));
}
