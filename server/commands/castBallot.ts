import type { Actor } from '../../shared/domain/roles.js';
import type { BallotJson, CastBallotRequest } from '../../shared/api/votes.js';
import { countBallots } from '../../shared/domain/tally.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { presentBallot } from '../presenters/vote.js';
import { recordBallot } from '../ledger/ballotEntries.js';
import { loadVote } from '../queries/votes.js';
import { votingDelegation } from '../queries/alternates.js';

/**
 * The head of delegation (or the designated alternate) casts the delegation's ballot, or changes it while
 * the vote is open. The ballot and its ledger row commit together; a (vote, delegation) pair has one row,
 * so two ballots racing from the same delegation leave exactly one, the later. Everyone following the
 * document learns who has voted; the choice goes only to the chair (with the running tally) and to the
 * delegation's own members. A delegation registered after the vote opened is not in its electorate (403
 * `not_in_electorate`): the quorum was counted without it.
 */
export async function castBallot(
  ctx: AppContext,
  actor: Actor,
  voteId: string,
  input: CastBallotRequest,
): Promise<BallotJson> {
  return ctx.store.transaction(async () => {
    const { vote, doc } = await loadVote(ctx, voteId);
    const voter = authorize(actor, 'ballot.cast', { stage: doc.stage });
    const delegation = await votingDelegation(ctx, voter, input.delegation);
    if (vote.status !== 'open')
      throw HttpError.of(
        'vote_closed',
        vote.status === 'lapsed'
          ? 'This vote lapsed when the text was adopted.'
          : 'This vote is closed; its result is final.',
      );
    // The electorate is the one registered when the vote opened, as its quorum is.
    const registeredAt = (await ctx.store.delegations.get(delegation))?.created_at;
    if (registeredAt !== undefined && registeredAt > vote.opened_at) {
      throw HttpError.of('not_in_electorate');
    }
    const previous = await ctx.store.ballots.get(vote.id, delegation);
    const row = await ctx.store.ballots.cast(vote.id, delegation, input.choice, voter.userId);
    await recordBallot(ctx, voter, {
      voteId: vote.id,
      documentId: doc.id,
      delegation,
      choice: input.choice,
      previous: previous?.choice,
    });
    const ballots = await ctx.store.ballots.forVote(vote.id);
    const ballot = presentBallot(row);
    const counts = countBallots(ballots);
    const documentId = doc.id;
    for (const chair of await ctx.store.votes.chairIds())
      ctx.events.emit({ user: chair }, 'vote:tally', { documentId, voteId, ballot, counts });
    ctx.events.emit({ delegation: ballot.delegation }, 'vote:ballot', {
      documentId,
      voteId,
      ballot,
      by: voter.username,
    });
    ctx.events.emit({ document: documentId }, 'vote:progress', {
      documentId,
      voteId,
      voted: ballots.map((b) => b.delegation),
    });
    return ballot;
  });
}
