import * as Y from 'yjs';
import { initProseMirrorDoc, updateYFragment } from 'y-prosemirror';
import type { MergeClauseResult } from '../../shared/api/clauses.js';
import type { Actor } from '../../shared/domain/roles.js';
import { clauseSchema } from '../../shared/editor/schema.js';
import { joinClauses } from '../../shared/editor/splitJoin.js';
import { clauseTextLength } from '../../shared/editor/textLength.js';
import { clauseOrder, getClauseFragment, getOrder, readClause } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { authorsOfText, carriedWords, warmAuthorIndex } from './carryAttribution.js';
import { anchorTextLength, moveComments, placeComments } from './clauseAnchors.js';
import { moveSpanAmendments, placeSpanAmendments } from './amendmentAnchors.js';
import { moveBrackets, placeBrackets } from './bracketAnchors.js';
import { removeFromOrder, structureClause, structureContext } from './clauseStructure.js';

/**
 * The secretariat merges a clause into the one before it (Backspace at its start). The previous clause keeps
 * its own items and gains the merged words at its end; the merged clause leaves `order` and its row is marked
 * deleted, its comments (anchors moved to the same words) and amendments moving to the clause that now holds
 * its text. The title and a first clause have nothing to merge with (409 `merge_not_possible`); both clauses
 * must be open to change (403 `clause_locked`), and the result must fit the clause limit (413).
 */
export async function mergeClause(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  clauseId: string,
): Promise<MergeClauseResult> {
  await warmAuthorIndex(ctx, documentId);
  return ctx.store.transaction(async () => {
    const { doc, who, ydoc } = await structureContext(ctx, actor, documentId);
    const row = await structureClause(ctx, who, doc, ydoc, clauseId);
    const order = clauseOrder(ydoc);
    const into = order[order.indexOf(clauseId) - 1];
    if (!into || row.kind === 'title') throw HttpError.of('merge_not_possible');
    const target = await structureClause(ctx, who, doc, ydoc, into);
    if (target.kind === 'title') throw HttpError.of('merge_not_possible');
    const length =
      clauseTextLength(getClauseFragment(ydoc, into)) + clauseTextLength(getClauseFragment(ydoc, clauseId));
    if (length > ctx.config.textLimits.clauseChars)
      throw HttpError.of('clause_too_long', `Merged, the clause would hold ${length.toLocaleString('en')} characters.`);
    const placed = await placeComments(ctx, ydoc, doc.id, clauseId);
    const spans = await placeSpanAmendments(ctx, ydoc, doc.id, clauseId);
    const brackets = await placeBrackets(ctx, ydoc, doc.id, clauseId);
    const mergedLength = anchorTextLength(ydoc, clauseId);
    const authors = await authorsOfText(ctx, ydoc, doc.id, clauseId);
    const since = Y.getState(ydoc.store, ydoc.clientID);
    let joinAt = 0;
    await ctx.registry.change(doc.id, { userId: who.userId, delegation: who.delegation }, (live) => {
      // The awaits above may have let an edit over the collab socket reorder the text: merge only as read.
      const now = clauseOrder(live);
      if (now[now.indexOf(clauseId) - 1] !== into)
        throw HttpError.of('conflict', 'The clause before this one changed meanwhile; try again.');
      const fragment = getClauseFragment(live, into);
      const { doc: previous, meta } = initProseMirrorDoc(fragment, clauseSchema);
      const joined = joinClauses(previous, readClause(live, clauseId));
      joinAt = joined.joinAt;
      updateYFragment(live, fragment, joined.joined, meta);
      removeFromOrder(getOrder(live), clauseId);
    });
    await ctx.store.documents.markClauseDeleted(doc.id, clauseId);
    // The merged clause ends with the other's text (a paragraph joined, or one after a newline).
    const shift = anchorTextLength(ydoc, into) - mergedLength;
    const moved = await moveComments(ctx, ydoc, placed, into, shift, () => true);
    await ctx.store.amendments.moveToClause(doc.id, clauseId, into);
    await moveSpanAmendments(ctx, ydoc, spans, into, shift, () => true);
    await moveBrackets(ctx, ydoc, brackets, into, shift, () => true);
    // The first clause's versions stay as they were, now behind the merged text: its translators redo them.
    await ctx.store.languages.voidCurrent(doc.id, into);
    await audit(ctx, who, 'clause.merge', {
      documentId: doc.id,
      subject: `clause:${clauseId}`,
      payload: { into, comments: moved, carried: carriedWords(ydoc, into, since, authors) },
    });
    return { id: into, order: clauseOrder(ydoc), joinAt };
  });
}
