declare namespace App {
  interface Locals {
    /** Set by src/middleware.ts from the session cookie; null for visitors. */
    user: import('./lib/auth/session-user.ts').SessionUser | null;
    /** Set by src/middleware.ts from the address (a server island sets its page's). */
    locale: import('./lib/i18n/index.ts').Locale;
    /** `t` bound to `locale`: `Astro.locals.t('wall.title')`. */
    t: import('./lib/i18n/locals.ts').BoundT;
    /**
     * Set by src/middleware.ts: the origin absolute links are written with, PUBLIC_ORIGIN when
     * configured (lib/security/public-origin.ts). Unset on an error page Astro renders without the middleware.
     */
    origin?: string;
    /**
     * Set by a page that shows one souvenir and nothing of any other (its own page): its cached
     * copy then survives changes to other souvenirs (wall/render-cache.ts).
     */
    shownSouvenirId?: number;
    /**
     * Set by a page whose last database read came with the content version (a souvenir's page,
     * with its comments): the version its cached copy is tagged with, not read again (wall/store-render.ts).
     */
    contentVersionRead?: string | null;
    /** Set by the wall's page when it rendered a deep page whose shell may serve its neighbours (wall/wall-shell.ts). */
    wallShellSeed?: import('./lib/wall/wall-shell.ts').WallShellSeed | undefined;
    /** Set by a souvenir's page rendered at its bare address, whose shell may serve other souvenirs' (wall/souvenir-shell.ts). */
    souvenirShellSeed?: import('./lib/wall/souvenir-shell.ts').SouvenirShellSeed | undefined;
  }
}
