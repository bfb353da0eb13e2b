import type { Actor } from '../../shared/domain/roles.js';
import { isLocked } from '../../shared/domain/clauses.js';
import type { AmendmentStatus } from '../../shared/api/amendments.js';
import type { AmendmentChanged } from '../../shared/protocol/events.js';
import type { AppContext } from '../context.js';
import type { AmendmentRow } from '../db/repositories/amendments.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { applyAmendmentToText } from './amendmentText.js';
import { spanStillApplies } from '../queries/amendmentSpans.js';
import { presentAmendmentChange } from '../presenters/amendment.js';
import { isInText, loadDocument } from '../queries/documents.js';
import { refuseIfAdopted } from '../queries/frozenText.js';
import { loadAmendment, requireSubmitted } from '../queries/amendments.js';

/**
 * The steps of an amendment's life that other commands drive: a vote puts it to the delegations and settles
 * it. These run inside the caller's transaction (opening or closing the vote), so the vote and the amendment
 * change together or not at all; their events go out once that transaction has committed (`ctx.events`).
 */

/**
 * The chair puts a submitted amendment to a vote (called by the command opening the vote, in its
 * transaction). 404 for an unknown amendment, 409 unless it is `submitted`, 403 `clause_locked` when its
 * clause is agreed ad referendum (the result could not be applied).
 */
export async function putAmendmentToVote(ctx: AppContext, amendmentId: string, actor?: Actor): Promise<void> {
  const row = await loadAmendment(ctx, amendmentId);
  requireSubmitted(row);
  const clause = await ctx.store.documents.clause(row.document_id, row.clause_id);
  if (clause && isLocked(clause.status)) {
    throw HttpError.of('clause_locked');
  }
  await ctx.store.amendments.setStatus(row.id, 'put_to_vote');
  announce(ctx, row, 'put_to_vote', actor?.username ?? 'chair');
}

/**
 * Records the outcome of the vote on an amendment (called by the command closing the vote, in its
 * transaction): `adopted` or `not_adopted`. An adopted amendment is applied to the live text exactly like an
 * accepted one, attributed to `actor`. If the clause has left the text meanwhile, the outcome is recorded and
 * nothing is applied (`applied` stays false); a clause locked meanwhile refuses with 403 `clause_locked`, so
 * the chair unlocks it before closing. Once the text is adopted nothing is settled (409 `text_frozen`): the
 * amendment lapsed with the adoption.
 */
export async function settleAmendmentVote(
  ctx: AppContext,
  amendmentId: string,
  adopted: boolean,
  actor: Actor,
): Promise<void> {
  const row = await loadAmendment(ctx, amendmentId);
  refuseIfAdopted(await loadDocument(ctx, row.document_id));
  if (row.status !== 'put_to_vote') {
    throw HttpError.of('amendment_decided', `This amendment is not before a vote (${row.status.replace(/_/g, ' ')}).`);
  }
  const status: AmendmentStatus = adopted ? 'adopted' : 'not_adopted';
  if (adopted) {
    const clause = await ctx.store.documents.clause(row.document_id, row.clause_id);
    if (clause && isLocked(clause.status)) {
      throw HttpError.of(
        'clause_locked',
        'The amended clause is agreed ad referendum: unlock it before closing the vote.',
      );
    }
  }
  const doc = await ctx.registry.get(row.document_id);
  // An adopted amendment on a span whose words can no longer be found is recorded, not applied: the vote
  // closes either way.
  const applied = adopted && !!doc && isInText(doc, row.clause_id) && spanStillApplies(doc, row);
  await ctx.store.amendments.decide(row.id, status, actor.userId, null);
  await audit(ctx, actor, 'amendment.vote_result', {
    documentId: row.document_id,
    subject: `amendment:${row.id}`,
    payload: { outcome: status, applied },
  });
  if (applied) {
    // The live text changes last, so nothing here can fail after memory moved on.
    const { newClauseId } = await applyAmendmentToText(ctx, row, { userId: actor.userId, delegation: null });
    await ctx.store.amendments.markApplied(row.id, newClauseId);
  }
  announce(ctx, row, status, actor.username);
}

/**
 * Tells everyone following the document that an amendment changed: the amendment as the list presents it, and
 * of its clause's other amendments only the fields the change moved (`AmendmentChanged`). A room of a
 * thousand readers keeps its list from the event rather than each asking for every amendment of the
 * document, and the event stays the size of one amendment, however many its clause has. Call inside the
 * transaction making the change: it is presented once that has committed, and nothing is announced if it
 * rolls back.
 */
export function announce(
  ctx: AppContext,
  row: AmendmentRow,
  status: AmendmentStatus,
  by: string,
  change: AmendmentChanged['change'] = status as AmendmentChanged['change'],
): void {
  const documentId = row.document_id;
  ctx.events.emit({ document: documentId }, 'amendment:changed', async () => ({
    documentId,
    clauseId: row.clause_id,
    amendmentId: row.id,
    status,
    change,
    by,
    ...(await presentAmendmentChange(ctx, documentId, row.id, change)),
  }));
}
