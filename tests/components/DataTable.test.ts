import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import DataTable from '../../src/components/DataTable.astro';
import { boundT } from '../../src/lib/i18n/locals.ts';

describe('DataTable', () => {
  it('captions the table, heads each column for screen readers, and puts the rows in its body', async () => {
    const container = await AstroContainer.create();
    const html = await container.renderToString(DataTable, {
      props: { id: 'courriels', class: 'outbox', caption: 'Courriels', columns: ['Date', 'Statut'] },
      slots: { default: '<tr><td>1</td><td>envoyé</td></tr>' },
      locals: { locale: 'fr', t: boundT('fr'), user: null },
    });
    expect(html).toMatch(/<table class="journal outbox" id="courriels">\s*<caption>Courriels<\/caption>/);
    expect(html).toContain('<th scope="col">Date</th><th scope="col">Statut</th>');
    expect(html).toMatch(/<tbody>\s*<tr><td>1<\/td><td>envoyé<\/td><\/tr>\s*<\/tbody>/);
  });
});
