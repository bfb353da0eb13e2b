import type { EndorsementList } from '../../shared/api/votes.js';
import type { AppContext } from '../context.js';
import { presentEndorsement } from '../presenters/vote.js';

/** The running list of endorsements of a document, by delegation. */
export async function listEndorsements(ctx: AppContext, documentId: string): Promise<EndorsementList> {
  return { documentId, endorsements: (await ctx.store.endorsements.forDocument(documentId)).map(presentEndorsement) };
}
