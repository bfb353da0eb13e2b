import type * as Y from 'yjs';
import { updateYFragment } from 'y-prosemirror';
import { parseMarkup } from '../../shared/editor/markup.js';
import { getClauseFragment, getOrder, writeClause } from '../../shared/editor/ydoc.js';
import type { ClauseKind } from '../../shared/domain/clauses.js';
import type { AppContext } from '../context.js';
import type { UpdateAuthor } from '../db/repositories/docUpdates.js';
import type { AmendmentRow } from '../db/repositories/amendments.js';
import { newId } from '../db/ids.js';
import { HttpError } from '../http/errors.js';
import { positionAfter, removeFromOrder } from './clauseStructure.js';
import { isInText } from '../queries/documents.js';
import { placeSpan, spanOf } from '../queries/amendmentSpans.js';

/**
 * Puts `words` in place of a span's words today, with the formatting of the text they replace (or, at a
 * caret, of the text before it). 409 `span_gone` when the span no longer resolves to one paragraph of the
 * clause (its words, or the words at its caret, were rewritten around it). Call inside a Y transaction.
 */
export function replaceSpanText(
  doc: Y.Doc,
  clauseId: string,
  span: Parameters<typeof placeSpan>[2],
  words: string,
): void {
  const placed = placeSpan(doc, clauseId, span);
  if (!placed || !placed.text || placed.from > placed.to) throw HttpError.of('span_gone');
  const { text, index, length } = placed;
  const attributes = formatAt(text, length > 0 ? index : index - 1);
  if (length > 0) text.delete(index, length);
  if (words) text.insert(index, words, attributes);
}

/** The formatting (marks) of the character at `index` of a paragraph's text, if any. */
function formatAt(text: Y.XmlText, index: number): Record<string, unknown> | undefined {
  if (index < 0) return undefined;
  let at = 0;
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    if (index < at + length) return op.attributes;
    at += length;
  }
  return undefined;
}

/**
 * Rewrites a clause to `markup` with the smallest change y-prosemirror finds (common prefix and suffix kept
 * per paragraph), so an edit another delegate is making elsewhere in the clause merges instead of being
 * overwritten. Call inside a Y transaction.
 */
export function replaceClauseText(doc: Y.Doc, clauseId: string, markup: string): void {
  updateYFragment(doc, getClauseFragment(doc, clauseId), parseMarkup(markup), {
    mapping: new Map(),
    isOMark: new Map(),
  });
}

/**
 * Applies an amendment to the live text, attributed to `author`, with the primitives the secretariat's own
 * clause-structure commands use. Must run inside the caller's transaction: the clause row of an insertion and
 * the Yjs update are stored with the status change, or not at all. Returns the id of the clause an
 * `insert_after` created. An amendment on a span changes only its words (`replaceSpanText`). 409
 * `clause_deleted` when the target clause is no longer in the text. The collab
 * server reads write policies per update, so nothing needs telling. Should that transaction roll back, the
 * registry unloads the document, so memory never runs ahead of what was committed.
 */
export async function applyAmendmentToText(
  ctx: AppContext,
  amendment: AmendmentRow,
  author: UpdateAuthor,
): Promise<{ newClauseId: string | null }> {
  const { document_id: documentId, clause_id: clauseId } = amendment;
  const doc = await ctx.registry.get(documentId);
  if (!doc || !isInText(doc, clauseId)) throw clauseDeleted();
  let newClauseId: string | null = null;
  if (amendment.kind === 'insert_after') {
    const target = await ctx.store.documents.clause(documentId, clauseId);
    newClauseId = newId();
    await ctx.store.documents.insertClause({
      id: newClauseId,
      documentId,
      kind: (target?.kind ?? 'operative') as ClauseKind,
    });
  } else if (amendment.kind === 'delete' && !amendment.span) {
    // As the secretariat's own deletion does: the row stays (history, comments) but is marked deleted.
    await ctx.store.documents.markClauseDeleted(documentId, clauseId);
  }
  await ctx.registry.change(documentId, author, (live) => {
    // Asked again here, where nothing can interleave: live edits may have moved the text on while this
    // transaction awaited storage. Throwing before any change leaves the text untouched.
    if (!isInText(live, clauseId)) throw clauseDeleted();
    const span = spanOf(amendment);
    if (span) replaceSpanText(live, clauseId, span, amendment.kind === 'delete' ? '' : (amendment.text ?? ''));
    else if (amendment.kind === 'replace') replaceClauseText(live, clauseId, amendment.text ?? '');
    else if (amendment.kind === 'delete') removeFromOrder(getOrder(live), clauseId);
    else {
      writeClause(live, newClauseId!, parseMarkup(amendment.text ?? ''));
      getOrder(live).insert(positionAfter(live, clauseId), [newClauseId!]);
    }
  });
  return { newClauseId };
}

function clauseDeleted(): HttpError {
  return HttpError.of('clause_deleted', 'The clause this amendment concerns is no longer part of the text.');
}
