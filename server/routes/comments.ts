import { Router } from 'express';
import { commentListQuery, createCommentRequest, markReadRequest, replyRequest, type CommentListResponse } from '../../shared/api/comments.js';
import { idSchema } from '../../shared/api/documents.js';
import type { AppContext } from '../context.js';
import type { CommentWithAuthor } from '../db/repositories/comments.js';
import { authorize } from '../policies/authorize.js';
import { HttpError } from '../http/errors.js';
import { parse } from '../http/validate.js';
import { addComment } from '../commands/addComment.js';
import { setThreadStatus } from '../commands/resolveComment.js';
import { markCommentsRead } from '../commands/markCommentsRead.js';
import { CommentPresenter, usernameLookup } from '../presenters/comment.js';
import { signedIn } from './amendments.js';
import { loadDocument } from '../queries/documents.js';

/** Comment threads on clauses: write, reply, list with filters and unread counts, mark read, resolve, reopen. */
export function commentRoutes(ctx: AppContext): Router {
  const router = Router();
  const usernameOf = usernameLookup(ctx);

  router.post('/documents/:id/comments', signedIn, async (req, res) => {
    const input = parse(createCommentRequest, req.body);
    const row = await addComment(ctx, req.actor, parse(idSchema, req.params.id), input);
    res.status(201).json({ id: row.id });
  });

  router.get('/documents/:id/comments', signedIn, async (req, res) => {
    const doc = await loadDocument(ctx, parse(idSchema, req.params.id));
    const who = authorize(req.actor, 'document.read', { stage: doc.stage });
    const filter = parse(commentListQuery, req.query);
    const rows = await ctx.store.comments.forDocument(doc.id);
    const threads = new Map<string, CommentWithAuthor[]>();
    for (const row of rows) {
      const key = row.parent_id ?? row.id;
      threads.set(key, [...(threads.get(key) ?? []), row]);
    }
    const selected = [...threads.values()].filter((thread) => {
      const root = thread[0]!;
      if (filter.clauseId && root.clause_id !== filter.clauseId) return false;
      if (filter.status && filter.status !== 'all' && root.status !== filter.status) return false;
      if (filter.mine && !thread.some((c) => c.author_id === who.userId)) return false;
      if (filter.delegation) {
        const code = filter.delegation;
        if (!thread.some((c) => c.author_delegation === code || (JSON.parse(c.mentions) as string[]).includes(code))) return false;
      }
      return true;
    });
    const presenter = new CommentPresenter((await ctx.registry.get(doc.id))!, usernameOf);
    const body: CommentListResponse = {
      comments: await Promise.all(selected.flat().map((row) => presenter.present(row))),
      unread: await ctx.store.comments.unread(who.userId, doc.id),
    };
    res.json(body);
  });

  router.post('/documents/:id/comments/read', signedIn, async (req, res) => {
    const { clauseId } = parse(markReadRequest, req.body);
    await markCommentsRead(ctx, req.actor, parse(idSchema, req.params.id), clauseId);
    res.json({ ok: true });
  });

  router.post('/comments/:id/replies', signedIn, async (req, res) => {
    const { body } = parse(replyRequest, req.body);
    const parent = await ctx.store.comments.get(parse(idSchema, req.params.id));
    if (!parent) throw HttpError.of('comment_not_found');
    const row = await addComment(ctx, req.actor, parent.document_id, { clauseId: parent.clause_id, body, parentId: parent.id });
    res.status(201).json({ id: row.id });
  });

  router.post('/comments/:id/resolve', signedIn, async (req, res) => {
    const thread = await setThreadStatus(ctx, req.actor, parse(idSchema, req.params.id), 'resolved');
    res.json({ id: thread.id, status: thread.status });
  });

  router.post('/comments/:id/reopen', signedIn, async (req, res) => {
    const thread = await setThreadStatus(ctx, req.actor, parse(idSchema, req.params.id), 'open');
    res.json({ id: thread.id, status: thread.status });
  });

  return router;
}
