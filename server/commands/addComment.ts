import type { Actor } from '../../shared/domain/roles.js';
import { COMMENT_MAX_LENGTH, mentionedCodes, type CommentAnchor } from '../../shared/api/comments.js';
import type { AppContext } from '../context.js';
import type { CommentRow } from '../db/repositories/comments.js';
import { newId } from '../db/ids.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { isValidAnchor, presentComment } from '../presenters/comment.js';
import { loadDocument, clauseOfDocument, isInText } from '../queries/documents.js';

export interface NewCommentInput {
  clauseId: string;
  body: string;
  anchor?: CommentAnchor;
  parentId?: string;
}

/**
 * A participant comments on a clause, or on a range of its text (`anchor`), or replies to a thread
 * (`parentId`; a reply to a reply joins the same thread). The body is plain text, at most
 * `COMMENT_MAX_LENGTH` characters (413 `comment_too_long`); `@KAZ` mentions of existing delegations are listed
 * with it.
 */
export async function addComment(
  ctx: AppContext,
  actor: Actor,
  documentId: string,
  input: NewCommentInput,
): Promise<CommentRow> {
  return ctx.store.transaction(async () => {
    const doc = await loadDocument(ctx, documentId);
    const who = authorize(actor, 'comment.create', { stage: doc.stage });
    const body = cleanBody(input.body);
    if (body.length > COMMENT_MAX_LENGTH) {
      throw HttpError.of(
        'comment_too_long',
        `A comment is limited to ${COMMENT_MAX_LENGTH} characters; this one has ${body.length}.`,
      );
    }
    let clauseId = input.clauseId;
    let parentId: string | null = null;
    if (input.parentId) {
      const parent = await ctx.store.comments.get(input.parentId);
      if (!parent || parent.document_id !== doc.id)
        throw HttpError.of('comment_not_found', `No comment ${input.parentId} on this document.`);
      parentId = parent.parent_id ?? parent.id;
      clauseId = parent.clause_id;
    }
    const clause = await clauseOfDocument(ctx, doc.id, clauseId);
    const live = (await ctx.registry.get(doc.id))!;
    if (!input.parentId && !isInText(live, clause.id)) throw HttpError.of('clause_deleted');
    if (input.anchor && !isValidAnchor(live, clause.id, input.anchor)) {
      throw HttpError.of('invalid_input', 'anchor: the positions do not point into this clause’s text', 'anchor');
    }
    const mentions: string[] = [];
    for (const code of mentionedCodes(body)) if (await ctx.store.delegations.get(code)) mentions.push(code);
    const row = await ctx.store.comments.insert({
      id: newId(),
      documentId: doc.id,
      clauseId: clause.id,
      parentId,
      authorId: who.userId,
      authorDelegation: who.delegation,
      body,
      mentions,
      anchor: input.anchor && !parentId ? input.anchor : null,
    });
    // Presented once committed, as every reader sees it.
    ctx.events.emit({ document: documentId }, 'comment:added', async () => ({
      documentId,
      clauseId: row.clause_id,
      commentId: row.id,
      threadId: row.parent_id ?? row.id,
      change: 'added',
      by: who.username,
      comment: await presentComment(ctx, row.id),
    }));
    return row;
  });
}

// eslint-disable-next-line no-control-regex -- matching control characters is the purpose of this pattern
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Plain text only: control characters other than newlines and tabs go, line endings become `\n`. */
function cleanBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '').trim();
}
