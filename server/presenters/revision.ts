import * as Y from 'yjs';
import type { DocumentView } from '../../shared/api/documents.js';
import type { RevisionView } from '../../shared/api/revisions.js';
import type { RevisionClause } from '../../shared/domain/revisionDiff.js';
import type { AppContext } from '../context.js';
import type { ClauseRow, DocumentRow } from '../db/repositories/documents.js';
import type { FrozenClause, RevisionRow, RevisionWithState } from '../db/repositories/revisions.js';
import { HttpError } from '../http/errors.js';
import { presentClauses, presentDocument } from './document.js';

/** The revision, or 404 `revision_not_found`. */
export function loadRevision(ctx: AppContext, documentId: string, revisionId: string): RevisionWithState {
  const row = ctx.store.revisions.get(documentId, revisionId);
  if (!row) throw new HttpError(404, 'revision_not_found', `No revision ${revisionId} of ${documentId}.`);
  return row;
}

/** Runs `fn` over the revision's frozen text in a fresh Y.Doc, with its frozen clause metadata. */
export function withRevisionDoc<T>(row: RevisionWithState, fn: (doc: Y.Doc, clauses: Map<string, ClauseRow>) => T): T {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, new Uint8Array(row.state));
    const frozen = JSON.parse(row.clauses) as FrozenClause[];
    const clauses = new Map(frozen.map((c) => [c.id, { ...c, document_id: row.document_id, created_at: row.created_at }]));
    return fn(doc, clauses);
  } finally {
    doc.destroy();
  }
}

/** `GET /api/documents/:id?revision=ID`: the document as it stood when the revision was published. */
export function presentRevisionDocument(
  ctx: AppContext,
  document: DocumentRow,
  revisionId: string,
  withContent: boolean,
): DocumentView & { revision: { id: string; name: string; createdAt: string } } {
  const row = loadRevision(ctx, document.id, revisionId);
  return withRevisionDoc(row, (doc, clauses) => ({
    ...presentDocument({ ...document, stage: row.stage }, doc, clauses, withContent),
    revision: { id: row.id, name: row.name, createdAt: row.created_at },
  }));
}

/** One side of a comparison: a revision's clauses, or the live text's (`live`). */
export function revisionSide(ctx: AppContext, documentId: string, ref: string): { id: string; name: string; clauses: RevisionClause[] } {
  const pick = (c: RevisionClause): RevisionClause => ({ id: c.id, kind: c.kind, ref: c.ref, text: c.text, status: c.status });
  if (ref === 'live') {
    const clauses = presentClauses(ctx.registry.get(documentId)!, ctx.store.documents.clauses(documentId)).map(pick);
    return { id: 'live', name: 'live', clauses };
  }
  const row = loadRevision(ctx, documentId, ref);
  return { id: row.id, name: row.name, clauses: withRevisionDoc(row, (doc, meta) => presentClauses(doc, meta).map(pick)) };
}

export function presentRevision(ctx: AppContext, row: RevisionRow): RevisionView {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by ? (ctx.store.users.byId(row.created_by)?.username ?? null) : null,
    clauseCount: (JSON.parse(row.clauses) as unknown[]).length,
  };
}
