import type { Actor } from '../../shared/domain/roles.js';
import type { InsertClauseRequest } from '../../shared/api/clauses.js';
import { parseMarkup } from '../../shared/editor/markup.js';
import { clauseOrder, getOrder, writeClause } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import { audit } from './audit.js';
import { positionAfter, structureContext } from './clauseStructure.js';
import { checkTextLimits } from '../queries/textLimits.js';

/**
 * The secretariat inserts a clause: its row (kind) and, in one Y transaction, its fragment and its id in
 * `order`, stored with the audit entry in one transaction and attributed to the secretariat.
 * Numbering is derived, so everyone's numbers move at once. Its text must fit the text limits (413).
 */
export async function insertClause(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  input: InsertClauseRequest,
): Promise<{ id: string; order: string[] }> {
  const result = await ctx.store.transaction(async () => {
    const { doc, who, ydoc } = await structureContext(ctx, actor, documentId);
    positionAfter(ydoc, input.after); // 404 before anything changes
    checkTextLimits(ctx.config.textLimits, ydoc, { markup: input.text ?? '' });
    const id = newId();
    await ctx.store.documents.insertClause({ id, documentId: doc.id, kind: input.kind });
    await audit(ctx, who, 'clause.insert', {
      documentId: doc.id,
      subject: `clause:${id}`,
      payload: { kind: input.kind, after: input.after ?? null },
    });
    await ctx.registry.change(doc.id, { userId: who.userId, delegation: who.delegation }, (live) => {
      // The position is taken from the text as it is now, not as it was read before the awaits above (an
      // edit over the collab socket may have moved `order` meanwhile), and before anything is written.
      const index = positionAfter(live, input.after);
      writeClause(live, id, parseMarkup(input.text ?? ''));
      getOrder(live).insert(index, [id]);
    });
    return { id, order: clauseOrder(ydoc) };
  });
  return result;
}
