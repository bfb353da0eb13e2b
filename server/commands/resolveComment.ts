import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import type { CommentRow } from '../db/repositories/comments.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { audit } from './audit.js';
import { presentComment } from '../presenters/comment.js';
import { loadDocument } from '../queries/documents.js';

/**
 * The secretariat resolves a thread, or reopens it. Acting on a reply acts on its thread; resolving a
 * resolved thread (or reopening an open one) changes nothing and is not audited.
 */
export async function setThreadStatus(
  ctx: AppContext,
  actor: Actor,
  commentId: string,
  status: 'open' | 'resolved',
): Promise<CommentRow> {
  return ctx.store.transaction(async () => {
    const found = await ctx.store.comments.get(commentId);
    if (!found) throw HttpError.of('comment_not_found', `No comment ${commentId}.`);
    const doc = await loadDocument(ctx, found.document_id);
    const who = authorize(actor, 'comment.resolve', { stage: doc.stage });
    const thread = found.parent_id ? (await ctx.store.comments.get(found.parent_id))! : found;
    if (thread.status === status) return thread;
    if (status === 'resolved') await ctx.store.comments.resolve(thread.id, who.userId);
    else await ctx.store.comments.reopen(thread.id);
    await audit(ctx, who, status === 'resolved' ? 'comment.resolve' : 'comment.reopen', {
      documentId: doc.id,
      subject: `comment:${thread.id}`,
      payload: { clause: thread.clause_id },
    });
    ctx.events.emit({ document: thread.document_id }, 'comment:updated', async () => ({
      documentId: thread.document_id,
      clauseId: thread.clause_id,
      commentId: thread.id,
      threadId: thread.id,
      change: status === 'resolved' ? 'resolved' : 'reopened',
      by: who.username,
      comment: await presentComment(ctx, thread.id),
    }));
    return (await ctx.store.comments.get(thread.id))!;
  });
}
