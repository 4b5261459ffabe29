/**
 * For a page whose address carries a secret (a private link's token, a confirmation key, the
 * installation's token): never stored by a browser or a proxy, and never sent in the Referer to
 * another site. Not `no-referrer`: under it the browser sends `Origin: null` with the page's own
 * forms (edit, withdraw, confirm), and the cross-site check refuses them.
 */
export function keepAddressSecret(response: { headers: Headers }): void {
  response.headers.set('Cache-Control', 'private, no-store');
  response.headers.set('Referrer-Policy', 'same-origin');
}
