import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { loadDocument, clauseOfDocument } from '../queries/documents.js';

/** The reader has seen every comment on a clause so far: its unread count drops to zero (a personal marker, not audited). */
export async function markCommentsRead(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  clauseId: string,
): Promise<void> {
  await ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const who = authorize(actor, 'document.read', { stage: doc.stage });
    const clause = await clauseOfDocument(ctx, doc.id, clauseId);
    await ctx.store.comments.markRead(who.userId, doc.id, clause.id);
  });
}
