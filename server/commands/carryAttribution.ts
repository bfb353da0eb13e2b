import * as Y from 'yjs';
import type { AttributionAuthor } from '../../shared/api/revisions.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import { authorIndex, type CarriedWords } from '../presenters/attribution.js';

/**
 * "Who wrote what" through a split or a merge. Both write words into another clause as new Yjs items,
 * authored in the update log by whoever split or merged; the audit entry of the change carries, for those new
 * items, the authors who first wrote the words (`CarriedWords`), and the attribution index reads it back.
 */

/** Each character of a clause's text (paragraphs in order, no separators) as the item it lives in. */
function characters(fragment: Y.XmlFragment): { client: number; clock: number }[] {
  const out: { client: number; clock: number }[] = [];
  const walk = (type: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlElement) walk(child);
      if (!(child instanceof Y.XmlText)) continue;
      for (let item = child._start; item; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
        for (let i = 0; i < item.content.str.length; i++)
          out.push({ client: item.id.client, clock: item.id.clock + i });
      }
    }
  };
  walk(fragment);
  return out;
}

/**
 * Brings the document's attribution index up to date before a command's transaction, so that the transaction
 * (which holds every other writer) folds in only what is stored meanwhile, not a cold replay of the whole log.
 */
export async function warmAuthorIndex(ctx: AppContext, documentId: string): Promise<void> {
  if (await ctx.store.documents.get(documentId)) await authorIndex(ctx, documentId);
}

/** The author of each character of a clause's text now (null where unknown), read before a change. */
export async function authorsOfText(
  ctx: AppContext,
  doc: Y.Doc,
  documentId: string,
  clauseId: string,
): Promise<(AttributionAuthor | null)[]> {
  const index = await authorIndex(ctx, documentId);
  return characters(getClauseFragment(doc, clauseId)).map(({ client, clock }) => {
    const { author } = index.authorAt(client, clock);
    return author >= 0 ? index.authors[author]! : null;
  });
}

/**
 * The runs of `clauseId`'s characters written by this change (items of this copy's client from `since` on),
 * each with the first author of the words they hold: `authors` in text order, one per new character (for a
 * split, `fromEnd`: the last of them, the words cut off). Nothing is carried when the counts do not fit (the
 * change did not write exactly those words).
 */
export function carriedWords(
  doc: Y.Doc,
  clauseId: string,
  since: number,
  given: readonly (AttributionAuthor | null)[],
  { fromEnd = false } = {},
): CarriedWords {
  const fresh = characters(getClauseFragment(doc, clauseId)).filter(
    (c) => c.client === doc.clientID && c.clock >= since,
  );
  const authors = fromEnd ? given.slice(Math.max(0, given.length - fresh.length)) : given;
  if (fresh.length !== authors.length) return [];
  const runs: CarriedWords = [];
  fresh.forEach(({ client, clock }, i) => {
    const author = authors[i];
    if (!author) return;
    const last = runs[runs.length - 1];
    if (last && last[0] === client && last[1] + last[2] === clock && last[3].key === author.key) last[2] += 1;
    else runs.push([client, clock, 1, author]);
  });
  return runs;
}
