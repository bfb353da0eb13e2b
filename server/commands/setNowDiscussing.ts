import type { Actor } from '../../shared/domain/roles.js';
import type { NowDiscussing } from '../../shared/api/votes.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { loadDocument } from '../queries/documents.js';
import { nowDiscussing } from '../queries/nowDiscussing.js';

/**
 * The chair puts a clause under discussion (or clears it with null). The projector always follows it and
 * every participant's view may; it is a pointer, not a status, so the clause's own status is left alone.
 */
export async function setNowDiscussing(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  clauseId: string | null,
): Promise<NowDiscussing> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const chair = authorize(actor, 'document.nowDiscussing', { stage: doc.stage });
    if (clauseId !== null && !(await ctx.store.documents.clause(doc.id, clauseId))) {
      throw HttpError.of('clause_not_found', `No clause ${clauseId} in ${doc.id}.`);
    }
    const previous = (await ctx.store.nowDiscussing.get(doc.id))?.clause_id ?? null;
    await ctx.store.nowDiscussing.set(doc.id, clauseId, chair.userId);
    await audit(ctx, chair, 'document.nowDiscussing', {
      documentId: doc.id,
      subject: clauseId ? `clause:${clauseId}` : `document:${doc.id}`,
      payload: { clauseId, previous },
    });
    const now = await nowDiscussing(ctx, doc.id);
    ctx.events.emit({ document: documentId }, 'document:nowDiscussing', now);
    return now;
  });
}
