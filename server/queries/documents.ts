import type * as Y from 'yjs';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import { getOrder } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import type { ClauseRow, DocumentRow } from '../db/repositories/documents.js';
import { HttpError } from '../http/errors.js';
import { authorize } from '../policies/authorize.js';
import type { Actor } from '../../shared/domain/roles.js';

/** The document row for a person who may read it: 404 `document_not_found`, or 403 when they may not read it. */
export async function readableDocument(ctx: AppContext, actor: Actor, documentId: string): Promise<DocumentRow> {
  const doc = await loadDocument(ctx, documentId);
  authorize(actor, 'document.read', { stage: doc.stage });
  return doc;
}

/** The document row, or 404 `document_not_found`. */
export async function loadDocument(ctx: AppContext, documentId: string): Promise<DocumentRow> {
  const doc = await ctx.store.documents.get(documentId);
  if (!doc) throw HttpError.of('document_not_found', `No document ${documentId}.`);
  return doc;
}

/**
 * The clause, which must belong to this document: 403 `clause_not_in_document` for a clause of another
 * document (an amendment cannot reach across texts), 404 when no document has it.
 */
export async function clauseOfDocument(ctx: AppContext, documentId: string, clauseId: string): Promise<ClauseRow> {
  const clause = await ctx.store.documents.clause(documentId, clauseId);
  if (clause) return clause;
  if ((await ctx.store.amendments.documentsOfClause(clauseId)).length > 0) {
    throw HttpError.of('clause_not_in_document');
  }
  throw HttpError.of('clause_not_found', `No clause ${clauseId} in ${documentId}.`);
}

/** A live clause row (not deleted), or 404 `clause_not_found`. */
export async function liveClause(
  ctx: AppContext,
  documentId: string,
  clauseId: string,
): Promise<{ id: string; status: ClauseStatus }> {
  const row = await ctx.store.documents.clause(documentId, clauseId);
  if (!row || row.deleted_at) {
    throw HttpError.of('clause_not_found', `No clause ${clauseId} in ${documentId}.`);
  }
  return row;
}

/** True while the clause is part of the text (listed in `order`). */
export function isInText(doc: Y.Doc, clauseId: string): boolean {
  return getOrder(doc).toArray().includes(clauseId);
}
