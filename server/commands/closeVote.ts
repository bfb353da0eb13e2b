import type { Actor } from '../../shared/domain/roles.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { tally } from '../../shared/domain/tally.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { presentVote } from '../presenters/vote.js';
import { audit } from './audit.js';
import { settleAmendmentVote } from './amendmentLifecycle.js';
import { announceAdoption, recordAdoption, type Adoption } from './adoption.js';
import { loadVote, refuseWhileTextIsPutToVote, registeredDelegations } from '../queries/votes.js';
import { refuseIfAdopted } from '../queries/frozenText.js';

/**
 * The delegations the meeting's roll (the document's latest) records present, or null when no roll was taken:
 * "present" and the quorum then come from it (`tally`), and the frozen result keeps the list.
 */
async function meetingRoll(ctx: AppContext, documentId: string): Promise<string[] | null> {
  const roll = await ctx.store.rolls.latest(documentId);
  return roll ? (await ctx.store.rolls.entries(roll.id)).map((e) => e.delegation) : null;
}

/**
 * The chair closes a vote. The result is computed here, once, from the stored ballots, against the
 * delegations registered when the vote opened (and those present on the meeting's roll, when one was taken), and frozen with the vote; the ledger row carries it with the
 * recorded vote by State. Its effect follows in the same transaction: an adopted amendment is applied to the
 * text; an adopted clause becomes agreed ad referendum (locked); an adopted declaration is adopted
 * (`recordAdoption`: the other open votes and undecided amendments lapse, the ledger records the text's
 * fingerprint), which freezes its text for good. A lapsed vote is closed already (409 `vote_closed`). An amendment vote
 * waits while a vote on the whole text is open (409 `vote_open`): its effect would change the text being voted.
 */
export async function closeVote(ctx: AppContext, actor: Actor, voteId: string): Promise<VoteJson> {
  return ctx.store.transaction(async () => {
    const { vote, doc } = await loadVote(ctx, voteId);
    const chair = authorize(actor, 'vote.close', { stage: doc.stage });
    if (vote.status === 'lapsed')
      throw HttpError.of('vote_closed', 'This vote lapsed when the text was adopted; it has no result.');
    if (vote.status !== 'open') throw HttpError.of('vote_closed', 'This vote is already closed; its result is final.');
    // Its effect would write the clause rows or the text: neither changes once the text is adopted.
    if (vote.subject_type !== 'document') refuseIfAdopted(doc);
    if (vote.subject_type === 'amendment') await refuseWhileTextIsPutToVote(ctx, doc, 'settling an amendment');
    const ballots = await ctx.store.ballots.forVote(vote.id);
    const registered = vote.registered ?? (await registeredDelegations(ctx, doc)).length;
    const result = tally(vote.rule, ballots, { quorum: vote.quorum, registered, roll: await meetingRoll(ctx, doc.id) });
    await ctx.store.votes.close(vote.id, chair.userId, result);
    await audit(ctx, chair, 'vote.close', {
      documentId: doc.id,
      subject: `vote:${vote.id}`,
      payload: { result, ballots: ballots.map((b) => ({ delegation: b.delegation, choice: b.choice })) },
    });
    const adopted = result.outcome === 'adopted';
    let adoption: Adoption | null = null;
    let clauseLocked: string | null = null;
    if (vote.subject_type === 'document' && adopted && doc.stage === 'adoption') {
      adoption = await recordAdoption(ctx, chair, doc, { method: 'vote', vote: vote.id });
    } else if (vote.subject_type === 'clause' && adopted) {
      const clause = await ctx.store.documents.clause(doc.id, vote.subject_id);
      if (clause && clause.status !== 'agreed_ad_ref') {
        await ctx.store.documents.setClauseStatus(doc.id, clause.id, 'agreed_ad_ref');
        await audit(ctx, chair, 'clause.status', {
          documentId: doc.id,
          subject: `clause:${clause.id}`,
          payload: { from: clause.status, to: 'agreed_ad_ref', vote: vote.id },
        });
        clauseLocked = clause.id;
      }
    } else if (vote.subject_type === 'amendment') {
      await settleAmendmentVote(ctx, vote.subject_id, adopted, chair);
    }
    const view = await presentVote(ctx, (await ctx.store.votes.get(vote.id))!, null);
    const documentId = doc.id;
    ctx.events.emit({ document: documentId }, 'vote:closed', { vote: view });
    if (adoption) announceAdoption(ctx, adoption, chair.username);
    if (clauseLocked)
      ctx.events.emit({ document: documentId }, 'clause:status', {
        documentId,
        clauseId: clauseLocked,
        status: 'agreed_ad_ref',
        by: chair.username,
      });
    return view;
  });
}
