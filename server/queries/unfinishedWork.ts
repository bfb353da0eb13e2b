import { TYPING_WINDOW_MS, unfinishedItems, type UnfinishedItem } from '../../shared/domain/unfinished.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { HttpError } from '../http/errors.js';
import { presentClauses } from '../presenters/document.js';

/**
 * What is unfinished in a document now (`shared/domain/unfinished.ts`): read from the live text (bracketed
 * passages, clause references), the open brackets placed over it, the clause rows (statuses), the amendments, the open votes, and the registry (clauses people edited within `TYPING_WINDOW_MS`, committed or not). Call
 * inside the command's transaction, so that the list is the state the command acts on.
 */
export async function unfinishedWork(ctx: AppContext, doc: DocumentRow): Promise<UnfinishedItem[]> {
  const live = (await ctx.registry.get(doc.id))!;
  // Brackets placed over the words count beside square brackets typed into the text.
  const placed = new Map<string, number>();
  for (const b of await ctx.store.brackets.forDocument(doc.id))
    placed.set(b.clause_id, (placed.get(b.clause_id) ?? 0) + 1);
  const clauses = presentClauses(live, await ctx.store.documents.clauses(doc.id)).map((c) => ({
    ...c,
    openBrackets: c.openBrackets + (placed.get(c.id) ?? 0),
  }));
  const amendments = await ctx.store.amendments.undecided(doc.id);
  const votes = await ctx.store.votes.openForDocument(doc.id);
  return unfinishedItems({
    clauses,
    amendments: amendments.map((a) => ({
      id: a.id,
      clauseId: a.clause_id,
      status: a.status,
      delegation: a.delegation,
    })),
    openVotes: votes.map((v) => ({ id: v.id, subject: { type: v.subject_type, id: v.subject_id } })),
    typing: ctx.registry.recentlyEdited(doc.id, TYPING_WINDOW_MS),
  });
}

/**
 * Refuses with 409 `needs_acknowledgement`, listing the unfinished items in the error body (`error.items`),
 * unless there are none or the chair acknowledged them (`acknowledge: true`). Returns the items, which the
 * caller records in the ledger beside the decision they were acknowledged for.
 */
export async function requireAcknowledged(
  ctx: AppContext,
  doc: DocumentRow,
  acknowledge: boolean | undefined,
  decision: string,
): Promise<UnfinishedItem[]> {
  const items = await unfinishedWork(ctx, doc);
  if (items.length > 0 && acknowledge !== true) {
    throw HttpError.of(
      'needs_acknowledgement',
      `The text is not finished (${items.length} item${items.length === 1 ? '' : 's'}): acknowledge the list to ${decision} all the same.`,
    ).with({ items });
  }
  return items;
}
