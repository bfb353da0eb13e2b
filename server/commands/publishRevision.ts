import * as Y from 'yjs';
import type { Actor } from '../../shared/domain/roles.js';
import { clauseOrder } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import type { FrozenClause } from '../db/repositories/revisions.js';
import { newId } from '../db/ids.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { loadDocument } from '../queries/documents.js';

/**
 * The secretariat publishes a named revision ("Zero draft", "Rev.1", …, "Final"): the live Yjs state, the
 * clauses' kinds and statuses and the position in the update log are frozen together, for reading, comparing
 * and exporting later. 409 `revision_name_taken` when the document already has a revision of that name.
 */
export async function publishRevision(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  name: string,
): Promise<{ id: string; name: string }> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const who = authorize(actor, 'revision.create', { stage: doc.stage });
    if (await ctx.store.revisions.nameTaken(doc.id, name)) {
      throw HttpError.of('revision_name_taken', `This document already has a revision named “${name}”.`);
    }
    const meta = await ctx.store.documents.clauses(doc.id);
    // Reading the live doc first commits any edit still waiting for its group commit, so the state and
    // `throughSeq` describe the same text. Order and state are taken together, with nothing awaited in
    // between (an edit arriving over the collab socket during an await is in memory before it is stored); a
    // later group commit waits for this transaction, so `throughSeq` read next still matches them.
    const live = (await ctx.registry.get(doc.id))!;
    const order = clauseOrder(live);
    const state = Y.encodeStateAsUpdate(live);
    const throughSeq = await ctx.store.revisions.lastUpdateSeq(doc.id);
    const clauses: FrozenClause[] = order.flatMap((id) => {
      const row = meta.get(id);
      return row ? [{ id, kind: row.kind, status: row.status }] : [];
    });
    const id = newId();
    await ctx.store.revisions.insert({
      id,
      documentId: doc.id,
      name,
      state,
      clauses,
      stage: doc.stage,
      throughSeq,
      createdBy: who.userId,
    });
    await audit(ctx, who, 'revision.publish', {
      documentId: doc.id,
      subject: `revision:${id}`,
      payload: { name, clauses: clauses.length },
    });
    ctx.events.emit({ document: documentId }, 'revision:published', {
      documentId,
      revisionId: id,
      name,
      by: who.username,
    });
    return { id, name };
  });
}
