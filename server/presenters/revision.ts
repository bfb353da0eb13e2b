import * as Y from 'yjs';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { RevisionJson } from '../../shared/api/revisions.js';
import type { RevisionClause } from '../../shared/domain/revisionDiff.js';
import type { AppContext } from '../context.js';
import type { ClauseRow, DocumentRow } from '../db/repositories/documents.js';
import type { FrozenClause, RevisionRow, RevisionWithState } from '../db/repositories/revisions.js';
import { HttpError } from '../http/errors.js';
import { presentClauses, presentDocument } from './document.js';
import { SizedCache } from './sizedCache.js';

/** The revision, or 404 `revision_not_found`. */
export async function loadRevision(
  ctx: AppContext,
  documentId: string,
  revisionId: string,
): Promise<RevisionWithState> {
  const row = await ctx.store.revisions.get(documentId, revisionId);
  if (!row) throw revisionNotFound(documentId, revisionId);
  return row;
}

/** 404 `revision_not_found`: the document has no revision `revisionId`. */
export function revisionNotFound(documentId: string, revisionId: string): HttpError {
  return HttpError.of('revision_not_found', `No revision ${revisionId} of ${documentId}.`);
}

/** Runs `fn` over the revision's frozen text in a fresh Y.Doc, with its frozen clause metadata. */
export function withRevisionDoc<T>(row: RevisionWithState, fn: (doc: Y.Doc, clauses: Map<string, ClauseRow>) => T): T {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, new Uint8Array(row.state));
    const frozen = JSON.parse(row.clauses) as FrozenClause[];
    // Only clauses in the text were frozen, so none of them is deleted.
    const clauses = new Map(
      frozen.map((c) => [c.id, { ...c, document_id: row.document_id, created_at: row.created_at, deleted_at: null }]),
    );
    return fn(doc, clauses);
  } finally {
    doc.destroy();
  }
}

/** `GET /api/documents/:id?revision=ID`: the document as it stood when the revision was published. */
export async function presentRevisionDocument(
  ctx: AppContext,
  document: DocumentRow,
  revisionId: string,
  withContent: boolean,
): Promise<DocumentJson & { revision: { id: string; name: string; createdAt: string } }> {
  const row = await loadRevision(ctx, document.id, revisionId);
  return withRevisionDoc(row, (doc, clauses) => ({
    ...presentDocument({ ...document, stage: row.stage }, doc, clauses, withContent),
    revision: { id: row.id, name: row.name, createdAt: row.created_at },
  }));
}

/** One side of a comparison: a revision's clauses, or the live text's (`live`). */
export async function revisionSide(
  ctx: AppContext,
  documentId: string,
  ref: string,
): Promise<{ id: string; name: string; clauses: RevisionClause[] }> {
  const pick = (c: RevisionClause): RevisionClause => ({
    id: c.id,
    kind: c.kind,
    ref: c.ref,
    text: c.text,
    status: c.status,
  });
  if (ref === 'live') {
    const live = (await ctx.registry.get(documentId))!;
    const clauses = presentClauses(live, await ctx.store.documents.clauses(documentId)).map(pick);
    return { id: 'live', name: 'live', clauses };
  }
  const row = await loadRevision(ctx, documentId, ref);
  // A published revision never changes: its clauses are read from its snapshot once.
  let clauses = revisionClauses.get(row.id);
  if (!clauses) {
    clauses = withRevisionDoc(row, (doc, meta) => presentClauses(doc, meta).map(pick));
    revisionClauses.set(row.id, clauses);
  }
  return { id: row.id, name: row.name, clauses };
}

/**
 * The clauses of the revisions compared lately, by revision id (each rebuilt from its snapshot otherwise), at
 * most 8 million characters of text.
 */
const revisionClauses = new SizedCache<RevisionClause[]>(8_000_000, (clauses) =>
  clauses.reduce((n, c) => n + c.text.length, 0),
);

export async function presentRevision(ctx: AppContext, row: RevisionRow): Promise<RevisionJson> {
  const author = row.created_by ? await ctx.store.users.byId(row.created_by) : undefined;
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    createdBy: author?.username ?? null,
    createdByName: author?.display_name ?? null,
    clauseCount: (JSON.parse(row.clauses) as unknown[]).length,
  };
}
