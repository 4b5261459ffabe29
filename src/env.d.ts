declare namespace App {
  interface Locals {
    /** Set by src/middleware.ts from the session cookie; null for visitors. */
    user: import('./lib/auth/session-user.ts').SessionUser | null;
  }
}
