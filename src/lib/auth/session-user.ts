export type Role = 'admin' | 'moderator';
export const ROLES: readonly Role[] = ['admin', 'moderator'];

/** The signed-in person as pages and Actions see them (`Astro.locals.user`). */
export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
};
