import type { ImportScope } from '../../../db/types.ts';

/** Where an imported souvenir may appear; a souvenir of the site's own (null scopes) appears everywhere. */
export function allows(scopes: readonly ImportScope[] | null, scope: ImportScope): boolean {
  return scopes === null || scopes.includes(scope);
}
