import type { Actor } from '../../shared/domain/roles.js';
import { clauseOrder, getOrder } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import { HttpError } from '../http/errors.js';
import { authorize } from '../policies/authorize.js';
import { audit } from './audit.js';
import { positionAfter, removeFromOrder, structureContext } from './clauseStructure.js';
import { liveClause } from '../queries/documents.js';

/**
 * The secretariat moves a clause after another (or first). The move is a delete and an insert of the id in
 * `order`, in one Y transaction: the clause's fragment — its text, the relative positions comments are
 * anchored to, and edits made concurrently — is not touched. A locked clause does not move.
 */
export async function moveClause(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  clauseId: string,
  after: string | null,
): Promise<{ id: string; order: string[] }> {
  const result = await ctx.store.transaction(async () => {
    const { doc, who, ydoc } = await structureContext(ctx, actor, documentId);
    authorize(who, 'clause.structure', {
      stage: doc.stage,
      clauseStatus: (await liveClause(ctx, doc.id, clauseId)).status,
    });
    if (after === clauseId)
      throw HttpError.of('invalid_input', 'after: a clause cannot be moved after itself.', 'after');
    const before = clauseOrder(ydoc);
    const from = before.indexOf(clauseId);
    if (from < 0) throw HttpError.of('clause_not_found', `Clause ${clauseId} is not in the text.`);
    positionAfter(ydoc, after); // 404 before anything changes
    await ctx.registry.change(doc.id, { userId: who.userId, delegation: who.delegation }, (live) => {
      // Checked again on the text as it is now: an edit over the collab socket may have changed `order` during
      // the awaits above, and nothing may be half-moved when a check fails.
      if (!clauseOrder(live).includes(clauseId))
        throw HttpError.of('clause_not_found', `Clause ${clauseId} is not in the text.`);
      positionAfter(live, after);
      const order = getOrder(live);
      removeFromOrder(order, clauseId);
      order.insert(positionAfter(live, after), [clauseId]);
    });
    const order = clauseOrder(ydoc);
    await audit(ctx, who, 'clause.move', {
      documentId: doc.id,
      subject: `clause:${clauseId}`,
      payload: { after, from, to: order.indexOf(clauseId) },
    });
    return { id: clauseId, order };
  });
  return result;
}
