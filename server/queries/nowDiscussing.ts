import type { NowDiscussing } from '../../shared/api/votes.js';
import type { AppContext } from '../context.js';

/** What the chair has put under discussion on a document (nothing until first set). */
export async function nowDiscussing(ctx: AppContext, documentId: string): Promise<NowDiscussing> {
  const row = await ctx.store.nowDiscussing.get(documentId);
  return { documentId, clauseId: row?.clause_id ?? null, by: row?.set_by_username ?? null, at: row?.set_at ?? null };
}
