import { describe, expect, it } from 'vitest';
import DataTable from '../../src/components/DataTable.astro';
import { render } from './render.ts';

describe('DataTable', () => {
  it('captions the table, heads each column for screen readers, and puts the rows in its body', async () => {
    const html = await render(
      DataTable,
      'fr',
      { id: 'courriels', class: 'outbox', caption: 'Courriels', columns: ['Date', 'Statut'] },
      { slots: { default: '<tr><td>1</td><td>envoyé</td></tr>' } },
    );
    expect(html).toMatch(/<table class="journal outbox" id="courriels">\s*<caption>Courriels<\/caption>/);
    expect(html).toContain('<th scope="col">Date</th><th scope="col">Statut</th>');
    expect(html).toMatch(/<tbody>\s*<tr><td>1<\/td><td>envoyé<\/td><\/tr>\s*<\/tbody>/);
  });
});
