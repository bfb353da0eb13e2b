import type { Actor } from '../../shared/domain/roles.js';
import type { EndorsementRequest, EndorsementJson } from '../../shared/api/votes.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { presentEndorsement } from '../presenters/vote.js';
import { audit } from './audit.js';
import { loadDocument } from '../queries/documents.js';
import { listEndorsements } from '../queries/endorsements.js';

/**
 * The head of delegation records the delegation's position on the adopted text: endorse, endorse with a
 * reservation (its statement), or not endorse. Open only once the document is adopted (403
 * `stage_not_allowed` before). A later position replaces the earlier; both stay in the ledger.
 */
export async function recordEndorsement(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  input: EndorsementRequest,
): Promise<EndorsementJson> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const head = authorize(actor, 'endorsement.record', { stage: doc.stage });
    const delegation = head.delegation!;
    const previous = await ctx.store.endorsements.get(doc.id, delegation);
    const statement = input.statement ? input.statement : null;
    const row = await ctx.store.endorsements.record({
      documentId: doc.id,
      delegation,
      kind: input.kind,
      statement,
      recordedBy: head.userId,
    });
    await audit(ctx, head, 'endorsement.record', {
      documentId: doc.id,
      subject: `document:${doc.id}`,
      payload: { delegation, kind: input.kind, statement, ...(previous ? { previous: previous.kind } : {}) },
    });
    ctx.events.emit({ document: documentId }, 'endorsements:changed', await listEndorsements(ctx, doc.id));
    return presentEndorsement(row);
  });
}
