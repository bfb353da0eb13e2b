import type { Actor } from '../../shared/domain/roles.js';
import { clauseOrder, getOrder } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { audit } from './audit.js';
import { removeFromOrder, structureContext } from './clauseStructure.js';
import { liveClause } from '../queries/documents.js';

/**
 * The secretariat deletes a clause: its id leaves `order` and its row is marked deleted. The fragment and
 * the row stay, so history, comments and attribution keep pointing somewhere; nobody can write to it any
 * more. A locked clause cannot be deleted.
 */
export async function deleteClause(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  clauseId: string,
): Promise<{ id: string; order: string[] }> {
  const result = await ctx.store.transaction(async () => {
    const { doc, who, ydoc } = await structureContext(ctx, actor, documentId);
    authorize(who, 'clause.structure', {
      stage: doc.stage,
      clauseStatus: (await liveClause(ctx, doc.id, clauseId)).status,
    });
    const position = clauseOrder(ydoc).indexOf(clauseId);
    await ctx.store.documents.markClauseDeleted(doc.id, clauseId);
    await audit(ctx, who, 'clause.delete', {
      documentId: doc.id,
      subject: `clause:${clauseId}`,
      payload: { position },
    });
    await ctx.registry.change(doc.id, { userId: who.userId, delegation: who.delegation }, (live) =>
      removeFromOrder(getOrder(live), clauseId),
    );
    return { id: clauseId, order: clauseOrder(ydoc) };
  });
  return result;
}
