import type * as Y from 'yjs';
import type { TranslationStatus } from '../../shared/domain/languages.js';
import {
  TYPING_WINDOW_MS,
  unfinishedItems,
  type UnfinishedItem,
  type UnfinishedVersion,
} from '../../shared/domain/unfinished.js';
import { suggestionsIn } from '../../shared/editor/suggestions.js';
import { readClause } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { HttpError } from '../http/errors.js';
import { presentClauses } from '../presenters/document.js';
import { clauseTranslation, originalTexts } from '../presenters/languages.js';

/**
 * What is unfinished in a document now (`shared/domain/unfinished.ts`): read from the live text (bracketed
 * passages, pending suggestions, clause references, the language versions' text), the open brackets placed over it, the clause rows
 * (statuses), the versions' statuses, the amendments, the open votes, and the registry (clauses people edited
 * within `TYPING_WINDOW_MS`, committed or not). Call inside the command's transaction, so that the list is the
 * state the command acts on.
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
    // Suggested words are not the text yet (docs/negotiation.md, "Suggestion mode").
    suggestions: new Set(suggestionsIn(readClause(live, c.id)).map((s) => s.id)).size,
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
    versions: await versionStatuses(
      ctx,
      doc.id,
      live,
      clauses.map((c) => c.id),
    ),
  });
}

/** Each language version's status of each live clause, as the document's `?lang=` view gives it, by code. */
async function versionStatuses(
  ctx: AppContext,
  documentId: string,
  live: Y.Doc,
  clauseIds: string[],
): Promise<UnfinishedVersion[]> {
  // In the order of their codes: the list reads the same however the versions were added.
  const versions = (await ctx.store.languages.forDocument(documentId))
    .filter((l) => !l.original)
    .sort((a, b) => a.code.localeCompare(b.code));
  if (versions.length === 0) return [];
  const rows = await ctx.store.languages.translations(documentId);
  const originals = originalTexts(live);
  return versions.map(({ code }) => {
    const marks = new Map(rows.filter((r) => r.lang === code).map((r) => [r.clause_id, r]));
    const statuses: Record<string, TranslationStatus> = {};
    for (const id of clauseIds) statuses[id] = clauseTranslation(live, id, code, marks.get(id), originals).json.status;
    return { lang: code, statuses };
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
