import type { AppContext } from '../context.js';
import type { VoteRow } from '../db/repositories/votes.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { HttpError } from '../http/errors.js';

/** The vote and its document, or 404 `vote_not_found`. */
export async function loadVote(ctx: AppContext, voteId: string): Promise<{ vote: VoteRow; doc: DocumentRow }> {
  const vote = await ctx.store.votes.get(voteId);
  if (!vote) throw HttpError.of('vote_not_found', `No vote ${voteId}.`);
  return { vote, doc: (await ctx.store.documents.get(vote.document_id))! };
}

/** Delegations registered in the document's conference: the electorate and the base of a quorum. */
export async function registeredDelegations(ctx: AppContext, doc: DocumentRow): Promise<string[]> {
  return (await ctx.store.delegations.list()).filter((d) => d.conference_id === doc.conference_id).map((d) => d.code);
}

/**
 * 409 `vote_open` while a vote on the whole text is open: the States are voting on the text as it stands, so
 * nothing may write into it (an amendment vote's effect) until that vote closes.
 */
export async function refuseWhileTextIsPutToVote(ctx: AppContext, doc: DocumentRow, what: string): Promise<void> {
  const open = await ctx.store.votes.openForDocument(doc.id);
  if (open.some((v) => v.subject_type === 'document')) {
    throw HttpError.of(
      'vote_open',
      `A vote on the whole text is open: ${what} would change the text the States are voting on. Close that vote first.`,
    );
  }
}
