import { Router } from 'express';
import { changeStageRequest, createDocumentRequest, idSchema, setClauseStatusRequest } from '../../shared/api/documents.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { parse } from '../http/validate.js';
import { loadDocument } from '../commands/loadDocument.js';
import { changeStage } from '../commands/changeStage.js';
import { openDraft } from '../commands/openDraft.js';
import { setClauseStatus } from '../commands/setClauseStatus.js';
import { presentDocument, presentSummary } from '../presenters/document.js';
import { presentRevisionDocument } from '../presenters/revision.js';

/** Documents: list, open a new draft, read (live text), stage and clause status. */
export function documentRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/documents', async (req, res) => {
    authorize(req.actor, 'document.read');
    const list = [];
    for (const row of await ctx.store.documents.list()) {
      list.push(presentSummary(row, (await ctx.registry.get(row.id))!, await ctx.store.documents.clauses(row.id)));
    }
    res.json({ documents: list });
  });

  router.post('/documents', async (req, res) => {
    const input = parse(createDocumentRequest, req.body);
    const row = await openDraft(ctx, req.actor, input);
    res.status(201).json(presentSummary(row, (await ctx.registry.get(row.id))!, await ctx.store.documents.clauses(row.id)));
  });

  router.get('/documents/:id', async (req, res) => {
    const id = parse(idSchema, req.params.id);
    const row = await loadDocument(ctx, id);
    authorize(req.actor, 'document.read', { stage: row.stage });
    if (typeof req.query.revision === 'string') {
      res.json(await presentRevisionDocument(ctx, row, parse(idSchema, req.query.revision), req.query.include === 'content'));
      return;
    }
    const doc = (await ctx.registry.get(id))!;
    res.json({ ...presentDocument(row, doc, await ctx.store.documents.clauses(id), req.query.include === 'content'), limits: ctx.config.textLimits });
  });

  router.post('/documents/:id/stage', async (req, res) => {
    const { stage } = parse(changeStageRequest, req.body);
    const result = await changeStage(ctx, req.actor, parse(idSchema, req.params.id), stage);
    res.json({ id: result.id, stage: result.stage, previous: result.previous });
  });

  router.post('/documents/:id/clauses/:clauseId/status', async (req, res) => {
    const { status } = parse(setClauseStatusRequest, req.body);
    const result = await setClauseStatus(ctx, req.actor, parse(idSchema, req.params.id), parse(idSchema, req.params.clauseId), status);
    res.json({ id: result.id, status: result.status });
  });

  return router;
}
