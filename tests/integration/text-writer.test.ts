import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir, marcComment, shareSouvenir } from '../helpers/contribution-fixtures.ts';
import { editPendingByAuthor } from '../../src/lib/contributions/author-link.ts';
import { editContribution } from '../../src/lib/contributions/edit.ts';
import { textWriter } from '../../src/lib/contributions/text-writer.ts';
import type { ContributionKind } from '../../src/lib/contributions/kinds.ts';
import { script } from '../helpers/actors.ts';

describeEachDatabase('who wrote the words of a text', (t) => {
  const share = () =>
    shareSouvenir(
      t.db,
      { authorName: 'Inès', authorEmail: 'ines@example.org', title: 'Le rappel', body: 'Trois\n<img src=x> rappels' },
      { ipHash: 'iphash' },
    );
  /** textWriter for the text as stored now, as the private page asks it. */
  const writerNow = async (kind: ContributionKind, id: number) => {
    const row = await t.db.selectFrom(kind).select('body_raw').where('id', '=', id).executeTakeFirstOrThrow();
    return textWriter(t.db, kind, id, row.body_raw);
  };
  const author = { correctedByModerators: false, moderatorsText: null };

  it('is the author until a moderator changes the words, and the author again after their own correction', async () => {
    const s = await share();
    expect(await writerNow('souvenir', s.id)).toEqual(author);

    // The title alone corrected: the words are still the author's, sent back with a form's CRLF.
    await editContribution(t.db, 'souvenir', {
      id: s.id,
      actor: script,
      title: 'Un rappel',
      body: 'Trois\r\n<img src=x> rappels',
    });
    expect(await writerNow('souvenir', s.id)).toEqual(author);

    const theirs = 'Trois rappels <iframe src=x></iframe>';
    await editContribution(t.db, 'souvenir', { id: s.id, actor: script, title: 'Un rappel', body: theirs });
    expect(await writerNow('souvenir', s.id)).toEqual({ correctedByModerators: true, moderatorsText: theirs });

    // The author corrects only the year: the words are still the moderators'.
    await editPendingByAuthor(t.db, 'souvenir', s.token, {
      title: 'Un rappel',
      body: theirs,
      memoryYear: 2014,
      event: null,
    });
    expect(await writerNow('souvenir', s.id)).toMatchObject({ correctedByModerators: true });

    await editPendingByAuthor(t.db, 'souvenir', s.token, {
      title: 'Un rappel',
      body: `${theirs} Merci <script>x</script>`,
      memoryYear: null,
      event: null,
    });
    // The author's now, corrected from the moderators' version, which is still known.
    expect(await writerNow('souvenir', s.id)).toEqual({ correctedByModerators: false, moderatorsText: theirs });
  });

  it('reads a comment by its own kind, never a souvenir of the same id', async () => {
    const souvenir = await approvedSouvenir(t.db);
    const c = await marcComment(t.db, souvenir.id);
    await editContribution(t.db, 'comment', { id: c.id, actor: script, body: 'Corrigé par la modération' });
    expect(await writerNow('comment', c.id)).toEqual({
      correctedByModerators: true,
      moderatorsText: 'Corrigé par la modération',
    });
    expect(await textWriter(t.db, 'souvenir', c.id, 'Corrigé par la modération')).toEqual(author);
  });
});
