import { Router } from 'express';
import { changeStageRequest, createDocumentRequest, idSchema, setClauseStatusRequest } from '../../shared/api/documents.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { parse } from '../http/validate.js';
import { loadDocument } from '../commands/loadDocument.js';
import { changeStage } from '../commands/changeStage.js';
import { openDraft } from '../commands/openDraft.js';
import { setClauseStatus } from '../commands/setClauseStatus.js';
import { documentKey, presentDocument, presentSummary } from '../presenters/document.js';
import { presentations } from '../presenters/jsonCache.js';
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

  // Presented once per version of the text and sent to every reader as the same JSON (`jsonCache.ts`).
  router.get('/documents/:id', async (req, res) => {
    const id = parse(idSchema, req.params.id);
    const row = await loadDocument(ctx, id);
    authorize(req.actor, 'document.read', { stage: row.stage });
    const withContent = req.query.include === 'content';
    if (typeof req.query.revision === 'string') {
      const revisionId = parse(idSchema, req.query.revision);
      const key = `revision|${revisionId}|${withContent}|${JSON.stringify(row)}`;
      res.type('json').send(await presentations.get(key, () => presentRevisionDocument(ctx, row, revisionId, withContent)));
      return;
    }
    const doc = (await ctx.registry.get(id))!;
    const clauses = await ctx.store.documents.clauses(id);
    res.type('json').send(await presentations.get(documentKey(row, doc, clauses, withContent), () => presentDocument(row, doc, clauses, withContent)));
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
