import { Router } from 'express';
import {
  adoptionRequest,
  changeStageRequest,
  createDocumentRequest,
  idSchema,
  setClauseStatusRequest,
  type ChangeStageResponse,
} from '../../shared/api/documents.js';
import { decide } from '../../shared/domain/permissions.js';
import type { Actor } from '../../shared/domain/roles.js';
import { stageSteps, type StageStep } from '../../shared/domain/stages.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { authorize, requireActor } from '../policies/authorize.js';
import { parse } from '../http/validate.js';
import { changeStage } from '../commands/changeStage.js';
import { adoptWithoutVote } from '../commands/adoption.js';
import { openDraft } from '../commands/openDraft.js';
import { setClauseStatus } from '../commands/setClauseStatus.js';
import { presentAdoption } from '../presenters/adoption.js';
import { documentKey, presentDocument, presentSummary } from '../presenters/document.js';
import { presentations, withFields } from '../presenters/jsonCache.js';
import { presentRevisionDocument } from '../presenters/revision.js';
import { loadDocument } from '../queries/documents.js';

/**
 * The stepper's steps for `reader`: the stage machine's moves from the document's stage, with what holds each
 * up for them now (the permission first: the stage button's, or adoption's; then open votes).
 */
async function stageMovesFor(ctx: AppContext, row: DocumentRow, reader: Actor): Promise<StageStep[]> {
  const open = await ctx.store.votes.openForDocument(row.id);
  const situation = { voteOpen: open.length > 0, documentVoteOpen: open.some((v) => v.subject_type === 'document') };
  return stageSteps(row.stage, situation, (way) => {
    const decision = decide(reader, way === 'adoption' ? 'document.adopt' : 'document.stage', { stage: row.stage });
    return decision.allowed ? null : decision.reason;
  });
}

/** Documents: list, open a new draft, read (live text), stage, adoption without a vote and clause status. */
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
    const reader = authorize(req.actor, 'document.read', { stage: row.stage });
    const withContent = req.query.include === 'content';
    if (typeof req.query.revision === 'string') {
      const revisionId = parse(idSchema, req.query.revision);
      const key = `revision|${revisionId}|${withContent}|${JSON.stringify(row)}`;
      res.type('json').send(await presentations.get(key, () => presentRevisionDocument(ctx, row, revisionId, withContent)));
      return;
    }
    const doc = (await ctx.registry.get(id))!;
    const clauses = await ctx.store.documents.clauses(id);
    // The text (and, once adopted, its adoption record) is the same for everyone; the stepper's moves are the reader's.
    const shared = await presentations.get(documentKey(row, doc, clauses, withContent), async () => ({
      ...presentDocument(row, doc, clauses, withContent),
      limits: ctx.config.textLimits,
      ...(row.stage === 'adopted' ? { adoption: await presentAdoption(ctx, id) } : {}),
    }));
    res.type('json').send(withFields(shared, { stageMoves: await stageMovesFor(ctx, row, reader) }));
  });

  router.post('/documents/:id/stage', async (req, res) => {
    const id = parse(idSchema, req.params.id);
    requireActor(req.actor);
    const { stage, reason } = parse(changeStageRequest, req.body);
    const result = await changeStage(ctx, req.actor, id, stage, reason);
    res.json({ id: result.id, stage: result.stage, previous: result.previous } satisfies ChangeStageResponse);
  });

  router.post('/documents/:id/adoption', async (req, res) => {
    const id = parse(idSchema, req.params.id);
    requireActor(req.actor);
    const input = parse(adoptionRequest, req.body);
    res.json(await adoptWithoutVote(ctx, req.actor, id, input));
  });

  router.post('/documents/:id/clauses/:clauseId/status', async (req, res) => {
    const { status } = parse(setClauseStatusRequest, req.body);
    const result = await setClauseStatus(ctx, req.actor, parse(idSchema, req.params.id), parse(idSchema, req.params.clauseId), status);
    res.json({ id: result.id, status: result.status });
  });

  return router;
}
