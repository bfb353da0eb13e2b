import type { AppContext } from '../context.js';
import type { VoteRow } from '../db/repositories/votes.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { HttpError } from '../http/errors.js';

/** The vote and its document, or 404 `vote_not_found`. */
export function loadVote(ctx: AppContext, voteId: string): { vote: VoteRow; doc: DocumentRow } {
  const vote = ctx.store.votes.get(voteId);
  if (!vote) throw HttpError.of('vote_not_found', `No vote ${voteId}.`);
  return { vote, doc: ctx.store.documents.get(vote.document_id)! };
}

/** Delegations registered in the document's conference: the electorate and the base of a quorum. */
export function registeredDelegations(ctx: AppContext, doc: DocumentRow): string[] {
  return ctx.store.delegations
    .list()
    .filter((d) => d.conference_id === doc.conference_id)
    .map((d) => d.code);
}
