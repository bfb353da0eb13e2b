import type { Actor } from '../../shared/domain/roles.js';
import type { ExplanationRequest, ExplanationJson } from '../../shared/api/votes.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { presentExplanation } from '../presenters/vote.js';
import { audit } from './audit.js';
import { loadVote } from '../queries/votes.js';
import { votingDelegation } from '../queries/alternates.js';

/**
 * A delegation explains its vote, as the head or the alternate: `before` the vote is taken (while it is
 * open), or `after` it (once closed: 409 `vote_not_closed` before). A new explanation of the same timing
 * replaces the earlier one; each is a ledger row. Explanations are public statements: everyone sees them.
 */
export async function recordExplanation(
  ctx: AppContext,
  actor: Actor,
  voteId: string,
  input: ExplanationRequest,
): Promise<ExplanationJson> {
  return ctx.store.transaction(async () => {
    const { vote, doc } = await loadVote(ctx, voteId);
    const speaker = authorize(actor, 'ballot.cast', { stage: doc.stage });
    const delegation = await votingDelegation(ctx, speaker);
    if (input.when === 'before' && vote.status !== 'open') {
      throw HttpError.of('vote_closed', 'The vote is closed: explain the vote after it instead.');
    }
    if (input.when === 'after' && vote.status !== 'closed') {
      throw HttpError.of('vote_not_closed');
    }
    const row = await ctx.store.explanations.put({
      voteId: vote.id,
      delegation,
      timing: input.when,
      text: input.text,
      authorId: speaker.userId,
    });
    await audit(ctx, speaker, 'vote.explanation', {
      documentId: doc.id,
      subject: `vote:${vote.id}`,
      payload: { delegation, when: input.when, text: input.text },
    });
    const explanation = presentExplanation(row);
    ctx.events.emit({ document: doc.id }, 'vote:explanation', { documentId: doc.id, voteId, explanation });
    return explanation;
  });
}
