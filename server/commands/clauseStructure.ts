import type * as Y from 'yjs';
import type { Actor } from '../../shared/domain/roles.js';
import { getOrder } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import type { ClauseRow, DocumentRow } from '../db/repositories/documents.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { isInText, loadDocument } from '../queries/documents.js';
import { refuseIfAdopted } from '../queries/frozenText.js';

/**
 * What the three clause-structure commands share: the document, the secretariat's authorization
 * (`clause.structure`; the caller checks the lock of the clause it moves or deletes), and the live text.
 */
export async function structureContext(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
): Promise<{ doc: DocumentRow; who: Actor; ydoc: Y.Doc }> {
  const doc = await loadDocument(ctx, documentId);
  const who = authorize(actor, 'clause.structure', { stage: doc.stage });
  refuseIfAdopted(doc);
  return { doc, who, ydoc: (await ctx.registry.get(doc.id))! };
}

/**
 * The row of a clause in the text that a structure command changes: 404 unless it is live and in `order`,
 * 403 `clause_locked` while it is agreed ad referendum.
 */
export async function structureClause(
  ctx: AppContext,
  who: Actor,
  doc: DocumentRow,
  ydoc: Y.Doc,
  clauseId: string,
): Promise<ClauseRow> {
  const row = await ctx.store.documents.clause(doc.id, clauseId);
  if (!row || row.deleted_at || !isInText(ydoc, clauseId))
    throw HttpError.of('clause_not_found', `Clause ${clauseId} is not in the text.`);
  authorize(who, 'clause.structure', { stage: doc.stage, clauseStatus: row.status });
  return row;
}

/** Position in `order` just after `after` (0 for null); 404 when `after` is not in the text. */
export function positionAfter(ydoc: Y.Doc, after: string | null | undefined): number {
  if (after === null || after === undefined) return 0;
  const index = getOrder(ydoc).toArray().indexOf(after);
  if (index < 0) throw HttpError.of('clause_not_found', `Clause ${after} is not in the text.`);
  return index + 1;
}

/** Removes every occurrence of a clause id from `order` (a concurrent move can briefly list one twice). */
export function removeFromOrder(order: Y.Array<string>, clauseId: string): void {
  const ids = order.toArray();
  for (let i = ids.length - 1; i >= 0; i--) if (ids[i] === clauseId) order.delete(i, 1);
}
