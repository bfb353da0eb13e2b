import * as Y from 'yjs';
import type { Actor } from '../../shared/domain/roles.js';
import { clauseOrder } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import type { FrozenClause } from '../db/repositories/revisions.js';
import { newId } from '../db/ids.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { loadDocument } from './loadDocument.js';

/**
 * The secretariat publishes a named revision ("Zero draft", "Rev.1", …, "Final"): the live Yjs state, the
 * clauses' kinds and statuses and the position in the update log are frozen together, for reading, comparing
 * and exporting later. 409 `revision_name_taken` when the document already has a revision of that name.
 */
export function publishRevision(ctx: AppContext, actor: Actor | undefined, documentId: string, name: string): { id: string; name: string } {
  const result = ctx.store.transaction(() => {
    const doc = loadDocument(ctx, documentId);
    const who = authorize(actor, 'revision.create', { stage: doc.stage });
    if (ctx.store.revisions.nameTaken(doc.id, name)) {
      throw new HttpError(409, 'revision_name_taken', `This document already has a revision named “${name}”.`);
    }
    // Reading the live doc first commits any edit still waiting for its group commit, so the state and
    // `throughSeq` describe the same text.
    const live = ctx.registry.get(doc.id)!;
    const meta = ctx.store.documents.clauses(doc.id);
    const clauses: FrozenClause[] = clauseOrder(live).flatMap((id) => {
      const row = meta.get(id);
      return row ? [{ id, kind: row.kind, status: row.status }] : [];
    });
    const id = newId();
    ctx.store.revisions.insert({
      id,
      documentId: doc.id,
      name,
      state: Y.encodeStateAsUpdate(live),
      clauses,
      stage: doc.stage,
      throughSeq: ctx.store.revisions.lastUpdateSeq(doc.id),
      createdBy: who.userId,
    });
    audit(ctx, who, 'revision.publish', { documentId: doc.id, subject: `revision:${id}`, payload: { name, clauses: clauses.length } });
    return { id, name };
  });
  ctx.broadcast.emit({ document: documentId }, 'revision:published', { documentId, revisionId: result.id, name: result.name, by: actor!.username });
  return result;
}
