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
  return (await ctx.store.delegations.list())
    .filter((d) => d.conference_id === doc.conference_id)
    .map((d) => d.code);
}
