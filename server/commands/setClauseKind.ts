import type { BodyKind, ClauseStructureResult } from '../../shared/api/clauses.js';
import type { Actor } from '../../shared/domain/roles.js';
import { clauseOrder } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { structureClause, structureContext } from './clauseStructure.js';

/**
 * The secretariat changes a clause's kind (preambular, operative, heading, annex paragraph). Kinds live in
 * the clause rows, not in the text, so everyone following the document hears it as `clause:kind` after the
 * commit and numbers again. The title stays the title.
 */
export async function setClauseKind(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  clauseId: string,
  kind: BodyKind,
): Promise<ClauseStructureResult> {
  return ctx.store.transaction(async () => {
    const { doc, who, ydoc } = await structureContext(ctx, actor, documentId);
    const row = await structureClause(ctx, who, doc, ydoc, clauseId);
    if (row.kind === 'title') throw HttpError.of('invalid_input', 'The title clause keeps its kind.', 'kind');
    if (row.kind !== kind) {
      await ctx.store.documents.setClauseKind(doc.id, clauseId, kind);
      await audit(ctx, who, 'clause.kind', {
        documentId: doc.id,
        subject: `clause:${clauseId}`,
        payload: { from: row.kind, to: kind },
      });
      ctx.events.emit({ document: doc.id }, 'clause:kind', { documentId: doc.id, clauseId, kind, by: who.username });
    }
    return { id: clauseId, order: clauseOrder(ydoc) };
  });
}
