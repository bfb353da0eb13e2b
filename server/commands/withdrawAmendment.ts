import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import type { AmendmentRow } from '../db/repositories/amendments.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { announce } from './amendmentLifecycle.js';
import { loadDocument } from '../queries/documents.js';
import { loadAmendment, requireSubmitted } from '../queries/amendments.js';

/**
 * The proposing delegation withdraws its amendment while it is still submitted. Any member of that
 * delegation may (403 `not_own_delegation` for anyone else); once withdrawn it can be neither decided nor
 * put to a vote.
 */
export async function withdrawAmendment(ctx: AppContext, actor: Actor, amendmentId: string): Promise<AmendmentRow> {
  return ctx.store.transaction(async () => {
    const amendment = await loadAmendment(ctx, amendmentId);
    const doc = await loadDocument(ctx, amendment.document_id);
    const who = authorize(actor, 'amendment.withdraw', { stage: doc.stage });
    if (who.delegation !== amendment.delegation) {
      throw HttpError.of('not_own_delegation', 'Only the proposing delegation can withdraw this amendment.');
    }
    requireSubmitted(amendment);
    await ctx.store.amendments.setStatus(amendment.id, 'withdrawn');
    await audit(ctx, who, 'amendment.withdraw', {
      documentId: doc.id,
      subject: `amendment:${amendment.id}`,
      payload: {},
    });
    const withdrawn = { ...amendment, status: 'withdrawn' as const };
    announce(ctx, withdrawn, withdrawn.status, who.username, 'withdrawn');
    return withdrawn;
  });
}
