/**
 * Guard rail, not a timing: at 100 000 souvenirs, a search finds its matches through the GIN
 * index (souvenir_search_idx) on both engines, with or without the wall's filters.
 */
import { it, expect } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import { describeEachDatabase } from '../helpers/databases.ts';
import { searchSouvenirs, searchStatement } from '../../src/lib/search/search.ts';
import type { SearchOptions } from '../../src/lib/search/search.ts';

const ROWS = 100_000;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

describeEachDatabase('search plan at 100 000 souvenirs', (t) => {
  async function indexesUsed(options: SearchOptions): Promise<string[]> {
    const query = searchStatement(t.db, options).compile();
    const explained = await t.db.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
    );
    return nodesOf(explained.rows[0]!['QUERY PLAN'][0].Plan).flatMap((n) => n['Index Name'] ?? []);
  }

  it('finds a rare word through the GIN index, filtered or not', { timeout: 120_000 }, async () => {
    // Ten common words in every text, "orage" in one souvenir of five thousand; one in ten pending.
    await sql`
      insert into souvenir (public_id, author_name, author_email, title, body_raw, body_html, memory_year, hashtags,
        status, token_hash, consent_at, approved_at)
      select 'p' || g, 'Auteur ' || g, 'a@example.invalid', 'Souvenir ' || g, 'x',
        '<p>' || (array['La salle', 'Le concert', 'Une lumière', 'Nos amis', 'La musique'])[1 + g % 5]
          || ' chantait ce soir-là' || case when g % 5000 = 0 then ', puis l''orage' else '' end || '.</p>',
        1970 + g % 46, case when g % 7 = 0 then array['jazz'] else '{}' end,
        case when g % 10 = 1 then 'pending' else 'approved' end, md5('t' || g), now(),
        case when g % 10 = 1 then null else now() - g * interval '1 minute' end
      from generate_series(1, ${ROWS}) g`.execute(t.db);
    await sql`analyze souvenir`.execute(t.db);

    expect(await indexesUsed({ q: 'orage' })).toContain('souvenir_search_idx');
    expect(await indexesUsed({ q: 'orages', year: 2000 })).toContain('souvenir_search_idx');
    expect(await indexesUsed({ q: '"l\'orage" -pluie', tag: 'jazz' })).toContain('souvenir_search_idx');
    const page = await searchSouvenirs(t.db, { q: 'ORAGE' });
    expect(page.hits).toHaveLength(ROWS / 5000);
    expect(page.capped).toBe(false);
    // A word of every text: only the newest SEARCH_RANKED_MATCHES are ranked, and the page says so.
    const common = await searchSouvenirs(t.db, { q: 'chantait' });
    expect(common.hits).toHaveLength(20);
    expect(common.capped).toBe(true);
    expect(common.next).not.toBeNull();
    expect(page.hits[0]!.excerpt.some((s) => s.hit && s.text === 'orage')).toBe(true);
  });
});
