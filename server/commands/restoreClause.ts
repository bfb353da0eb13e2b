import type { ClauseStructureResult } from '../../shared/api/clauses.js';
import type { Actor } from '../../shared/domain/roles.js';
import { clauseOrder, getOrder } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import { HttpError } from '../http/errors.js';
import { authorize } from '../policies/authorize.js';
import { audit } from './audit.js';
import { positionAfter, structureContext } from './clauseStructure.js';

/**
 * The secretariat takes back a deletion (the "Undo" of the toast): the clause's row is live again and its id
 * goes back into `order` after `after`. Its fragment was never touched, so its text, the anchors of its
 * comments and its amendments are as they were.
 */
export async function restoreClause(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  clauseId: string,
  after: string | null,
): Promise<ClauseStructureResult> {
  return ctx.store.transaction(async () => {
    const { doc, who, ydoc } = await structureContext(ctx, actor, documentId);
    const row = await ctx.store.documents.clause(doc.id, clauseId);
    if (!row) throw HttpError.of('clause_not_found', `No clause ${clauseId} in ${documentId}.`);
    if (!row.deleted_at) throw HttpError.of('clause_not_deleted');
    // A merged clause's words, comments and amendments are in the clause it was merged into: bringing it back
    // would say them twice.
    const history = await ctx.store.audit.forSubject(`clause:${clauseId}`);
    if (history[history.length - 1]?.action === 'clause.merge')
      throw HttpError.of('conflict', 'This clause was merged into the one before it; its text is there now.');
    authorize(who, 'clause.structure', { stage: doc.stage, clauseStatus: row.status });
    positionAfter(ydoc, after); // 404 before anything changes
    await ctx.store.documents.restoreClause(doc.id, clauseId);
    await ctx.registry.change(doc.id, { userId: who.userId, delegation: who.delegation }, (live) => {
      const order = getOrder(live);
      if (!order.toArray().includes(clauseId)) order.insert(positionAfter(live, after), [clauseId]);
    });
    await audit(ctx, who, 'clause.restore', { documentId: doc.id, subject: `clause:${clauseId}`, payload: { after } });
    return { id: clauseId, order: clauseOrder(ydoc) };
  });
}
