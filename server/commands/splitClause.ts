import * as Y from 'yjs';
import { initProseMirrorDoc, relativePositionToAbsolutePosition, updateYFragment } from 'y-prosemirror';
import type { ClauseStructureResult, SplitClauseRequest } from '../../shared/api/clauses.js';
import type { Actor } from '../../shared/domain/roles.js';
import { clauseSchema } from '../../shared/editor/schema.js';
import { splitClauseAt } from '../../shared/editor/splitJoin.js';
import { clauseOrder, getClauseFragment, getOrder, writeClause } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { authorsOfText, carriedWords, warmAuthorIndex } from './carryAttribution.js';
import { structureClause, structureContext } from './clauseStructure.js';
import { anchorTextLength, moveComments, placeComments } from './clauseAnchors.js';
import { moveSpanAmendments, placeSpanAmendments } from './amendmentAnchors.js';
import { moveBrackets, placeBrackets } from './bracketAnchors.js';

/**
 * The secretariat splits a clause at the caret (Enter at the end of an operative paragraph starts the next
 * one). The cut is a relative position, resolved on the server's text, so it lands between the same two
 * characters whatever anyone typed meanwhile. The clause keeps what comes before the cut, with its items,
 * hence its amendments and attribution and the comments on its words or on the whole clause; what follows
 * goes to a new clause row and fragment placed right after it in `order` (with the comments on those words)
 * — in one Y transaction, stored with the audit entry in one transaction.
 */
export async function splitClause(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  clauseId: string,
  input: SplitClauseRequest,
): Promise<ClauseStructureResult> {
  await warmAuthorIndex(ctx, documentId);
  return ctx.store.transaction(async () => {
    const { doc, who, ydoc } = await structureContext(ctx, actor, documentId);
    const row = await structureClause(ctx, who, doc, ydoc, clauseId);
    const kind = input.kind ?? (row.kind === 'title' ? 'preamble' : row.kind);
    const id = newId();
    await ctx.store.documents.insertClause({ id, documentId: doc.id, kind });
    const placed = await placeComments(ctx, ydoc, doc.id, clauseId);
    const spans = await placeSpanAmendments(ctx, ydoc, doc.id, clauseId);
    const brackets = await placeBrackets(ctx, ydoc, doc.id, clauseId);
    const before = anchorTextLength(ydoc, clauseId);
    const authors = await authorsOfText(ctx, ydoc, doc.id, clauseId);
    const since = Y.getState(ydoc.store, ydoc.clientID);
    let at = 0;
    await ctx.registry.change(doc.id, { userId: who.userId, delegation: who.delegation }, (live) => {
      const fragment = getClauseFragment(live, clauseId);
      const { doc: current, meta } = initProseMirrorDoc(fragment, clauseSchema);
      at = splitPosition(live, fragment, input.at, meta.mapping);
      const { first, second } = splitClauseAt(current, at);
      updateYFragment(live, fragment, first, meta);
      writeClause(live, id, second);
      const order = getOrder(live);
      order.insert(order.toArray().indexOf(clauseId) + 1, [id]);
    });
    // Comments on words that went to the new clause go with them; the rest, and those on the whole clause,
    // stay with the first part.
    const secondStarts = before - anchorTextLength(ydoc, id);
    const moved = await moveComments(
      ctx,
      ydoc,
      placed,
      id,
      -secondStarts,
      (c) => !!c.range && c.range[0] >= secondStarts,
    );
    // So do amendments on words of the second part; those on the whole clause stay with the first.
    const movedAmendments = await moveSpanAmendments(
      ctx,
      ydoc,
      spans,
      id,
      -secondStarts,
      (a) => !!a.range && a.range[0] >= secondStarts,
    );
    await moveBrackets(ctx, ydoc, brackets, id, -secondStarts, (b) => !!b.range && b.range[0] >= secondStarts);
    // The first clause's versions stay as they were, whole, and its translators redo them; the new clause's
    // versions start missing.
    await ctx.store.languages.voidCurrent(doc.id, clauseId);
    await audit(ctx, who, 'clause.split', {
      documentId: doc.id,
      subject: `clause:${clauseId}`,
      payload: {
        newClause: id,
        kind,
        at,
        comments: moved,
        ...(movedAmendments ? { amendments: movedAmendments } : {}),
        carried: carriedWords(ydoc, id, since, authors, { fromEnd: true }),
      },
    });
    return { id, order: clauseOrder(ydoc) };
  });
}

/**
 * The ProseMirror position of a relative position inside the clause. A position naming an item the server
 * does not have yet (the typist's last keys still on their way over the collab socket) is 409
 * `split_position_unknown`, which the client retries; one outside the clause is 400.
 */
function splitPosition(doc: Y.Doc, fragment: Y.XmlFragment, encoded: string, mapping: Map<any, any>): number {
  let relative: Y.RelativePosition;
  try {
    relative = Y.decodeRelativePosition(new Uint8Array(Buffer.from(encoded, 'base64')));
  } catch {
    throw HttpError.of('invalid_input', 'at: not a relative position.', 'at');
  }
  const item = relative.item ?? relative.type;
  if (item && Y.getState(doc.store, item.client) <= item.clock) throw HttpError.of('split_position_unknown');
  let pos: number | null = null;
  try {
    pos = relativePositionToAbsolutePosition(doc, fragment, relative, mapping);
  } catch {
    pos = null;
  }
  if (pos === null) throw HttpError.of('invalid_input', 'at: the position is not in this clause.', 'at');
  return pos;
}
