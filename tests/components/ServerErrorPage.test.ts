import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import ServerErrorPage from '../../src/pages/500.astro';
import { visitorLocals } from './render.ts';

async function renderError(error: unknown, path = '/') {
  const container = await AstroContainer.create();
  return container.renderToResponse(ServerErrorPage, {
    props: { error },
    request: new Request(`http://localhost${path}`),
    locals: visitorLocals(path.startsWith('/en') ? 'en' : 'fr'),
  });
}

describe('the 500 page', () => {
  it('answers a calm 503 with Retry-After when the database could not be reached', async () => {
    const lost = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const response = await renderError(lost);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const html = await response.text();
    expect(html).toContain('Le mur reprend son souffle');
    expect(html).not.toContain('57P01');
  });

  it('says so in English on the English site', async () => {
    const response = await renderError(new Error('Connection terminated unexpectedly'), '/en/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('The wall is catching its breath');
  });

  it('stays an incident for any other error (Astro sets its 500), without its message', async () => {
    const response = await renderError(new TypeError('secret internals'));
    expect(response.status).not.toBe(503);
    const html = await response.text();
    expect(html).toContain('Un incident est survenu');
    expect(html).not.toContain('secret internals');
  });
});
