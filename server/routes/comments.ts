import { Router } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import type { CommentWithAuthor } from '../db/repositories/comments.js';
import { on } from '../http/endpoint.js';
import { HttpError } from '../http/errors.js';
import { readableDocument } from '../queries/documents.js';
import { addComment } from '../commands/addComment.js';
import { setThreadStatus } from '../commands/resolveComment.js';
import { markCommentsRead } from '../commands/markCommentsRead.js';
import { CommentPresenter, personLookup } from '../presenters/comment.js';

/** Comment threads on clauses: write, reply, list with filters and unread counts, mark read, resolve, reopen. */
export function commentRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.addComment, async (req, res) => {
    const row = await addComment(ctx, req.actor, req.params.id, req.body);
    res.status(201).json({ id: row.id });
  });

  on(router, ROUTES.comments, async (req, res) => {
    const doc = await readableDocument(ctx, req.actor, req.params.id);
    const who = req.actor;
    const filter = req.query;
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
        if (!thread.some((c) => c.author_delegation === code || (JSON.parse(c.mentions) as string[]).includes(code)))
          return false;
      }
      return true;
    });
    const presenter = new CommentPresenter((await ctx.registry.get(doc.id))!, personLookup(ctx));
    res.json({
      comments: await Promise.all(selected.flat().map((row) => presenter.present(row))),
      unread: await ctx.store.comments.unread(who.userId, doc.id),
    });
  });

  on(router, ROUTES.markCommentsRead, async (req, res) => {
    await markCommentsRead(ctx, req.actor, req.params.id, req.body.clauseId);
    res.json({ ok: true });
  });

  on(router, ROUTES.reply, async (req, res) => {
    const parent = await ctx.store.comments.get(req.params.id);
    if (!parent) throw HttpError.of('comment_not_found', 'No such comment.');
    const row = await addComment(ctx, req.actor, parent.document_id, {
      clauseId: parent.clause_id,
      body: req.body.body,
      parentId: parent.id,
    });
    res.status(201).json({ id: row.id });
  });

  on(router, ROUTES.resolveThread, async (req, res) => {
    const thread = await setThreadStatus(ctx, req.actor, req.params.id, 'resolved');
    res.json({ id: thread.id, status: thread.status });
  });

  on(router, ROUTES.reopenThread, async (req, res) => {
    const thread = await setThreadStatus(ctx, req.actor, req.params.id, 'open');
    res.json({ id: thread.id, status: thread.status });
  });

  return router;
}
