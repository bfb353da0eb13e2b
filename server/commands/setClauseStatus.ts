import type { Actor } from '../../shared/domain/roles.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { loadDocument } from '../queries/documents.js';
import { refuseIfAdopted } from '../queries/frozenText.js';

/**
 * The chair or secretariat sets a clause's status. `agreed_ad_ref` locks the clause: from the commit on, the
 * collab server refuses every write to it, and only moving it to another status unlocks it.
 */
export async function setClauseStatus(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  clauseId: string,
  status: ClauseStatus,
): Promise<{ id: string; status: ClauseStatus; changed: boolean }> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const who = authorize(actor, 'clause.status', { stage: doc.stage });
    refuseIfAdopted(doc);
    const clause = await ctx.store.documents.clause(doc.id, clauseId);
    if (!clause) throw HttpError.of('clause_not_found', `No clause ${clauseId} in ${documentId}.`);
    if (clause.status === status) return { id: clauseId, status, changed: false };
    await ctx.store.documents.setClauseStatus(doc.id, clauseId, status);
    await audit(ctx, who, 'clause.status', {
      documentId: doc.id,
      subject: `clause:${clauseId}`,
      payload: { from: clause.status, to: status },
    });
    ctx.events.emit({ document: documentId }, 'clause:status', { documentId, clauseId, status, by: who.username });
    return { id: clauseId, status, changed: true };
  });
}
