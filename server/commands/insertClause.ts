import type { Actor } from '../../shared/domain/roles.js';
import type { InsertClauseRequest } from '../../shared/api/clauses.js';
import { parseMarkup } from '../../shared/editor/markup.js';
import { clauseOrder, getOrder, writeClause } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import { audit } from './audit.js';
import { positionAfter, structureContext } from './clauseStructure.js';

/**
 * The secretariat inserts a clause: its row (kind) and, in one Y transaction, its fragment and its id in
 * `order`, stored with the audit entry in one SQLite transaction and attributed to the secretariat.
 * Numbering is derived, so everyone's numbers move at once.
 */
export function insertClause(ctx: AppContext, actor: Actor | undefined, documentId: string, input: InsertClauseRequest): { id: string; order: string[] } {
  const result = ctx.store.transaction(() => {
    const { doc, who, ydoc } = structureContext(ctx, actor, documentId);
    const index = positionAfter(ydoc, input.after);
    const id = newId();
    ctx.store.documents.insertClause({ id, documentId: doc.id, kind: input.kind });
    audit(ctx, who, 'clause.insert', { documentId: doc.id, subject: `clause:${id}`, payload: { kind: input.kind, after: input.after ?? null } });
    ctx.registry.change(doc.id, { userId: who.userId, delegation: who.delegation }, (live) => {
      writeClause(live, id, parseMarkup(input.text ?? ''));
      getOrder(live).insert(index, [id]);
    });
    return { id, order: clauseOrder(ydoc) };
  });
  return result;
}
