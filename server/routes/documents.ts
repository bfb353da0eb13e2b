import { Router, type Response } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import { decide } from '../../shared/domain/permissions.js';
import type { Actor } from '../../shared/domain/roles.js';
import { stageSteps, type StageStep } from '../../shared/domain/stages.js';
import type { AppContext } from '../context.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import { authorize } from '../policies/authorize.js';
import { on, sendJson } from '../http/endpoint.js';
import { readableDocument } from '../queries/documents.js';
import { changeStage } from '../commands/changeStage.js';
import { adoptWithoutVote } from '../commands/adoption.js';
import { importDocument } from '../commands/importDocument.js';
import { openDraft } from '../commands/openDraft.js';
import { setClauseStatus } from '../commands/setClauseStatus.js';
import { presentAdoption } from '../presenters/adoption.js';
import { documentKey, presentSummary, rowKey } from '../presenters/document.js';
import { presentDocumentIn, readVersions } from '../presenters/documentVersions.js';
import { versionsKey } from '../presenters/languages.js';
import { presentations, withFields } from '../presenters/jsonCache.js';
import { presentRevisionDocument } from '../presenters/revision.js';

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

/** Documents: list, open a new draft or import one, read (live text), stage, adoption without a vote and clause status. */
export function documentRoutes(ctx: AppContext): Router {
  const router = Router();

  // Presented once per version of the text and sent to every reader as the same JSON (`jsonCache.ts`).
  const sendDocument = async (res: Response, row: DocumentRow, reader: Actor, withContent: boolean, lang?: string) => {
    const doc = (await ctx.registry.get(row.id))!;
    const clauses = await ctx.store.documents.clauses(row.id);
    const versions = await readVersions(ctx, row.id, lang);
    const key = `${lang ?? ''}|${versionsKey(versions)}|${documentKey(row, doc, clauses, withContent)}`;
    // The text (and, once adopted, its adoption record) is the same for everyone; the stepper's moves are the reader's.
    const shared = await presentations.get(key, async () => ({
      ...presentDocumentIn(row, doc, clauses, withContent, versions, lang),
      limits: ctx.config.textLimits,
      ...(row.stage === 'adopted' ? { adoption: await presentAdoption(ctx, row.id) } : {}),
    }));
    sendJson(res, withFields(shared, { stageMoves: await stageMovesFor(ctx, row, reader) }));
  };

  on(router, ROUTES.listDocuments, async (req, res) => {
    authorize(req.actor, 'document.read');
    const list = [];
    for (const row of await ctx.store.documents.list()) {
      list.push(presentSummary(row, (await ctx.registry.get(row.id))!, await ctx.store.documents.clauses(row.id)));
    }
    res.json({ documents: list });
  });

  on(router, ROUTES.openDraft, async (req, res) => {
    const row = await openDraft(ctx, req.actor, req.body);
    res
      .status(201)
      .json(presentSummary(row, (await ctx.registry.get(row.id))!, await ctx.store.documents.clauses(row.id)));
  });

  // The body is the Word file's bytes (`http/upload.ts`); a dry run shows what was read, else the new document.
  on(router, ROUTES.importDocument, async (req, res) => {
    const { id, symbol, dryRun } = req.query;
    const dry = dryRun === '1' || dryRun === 'true';
    const { preview, row } = await importDocument(ctx, req.actor, { id, symbol, dryRun: dry, body: req.body });
    if (!row) {
      res.json(preview);
      return;
    }
    res.status(201);
    await sendDocument(res, row, req.actor, false);
  });

  on(router, ROUTES.document, async (req, res) => {
    const row = await readableDocument(ctx, req.actor, req.params.id);
    const withContent = req.query.include === 'content';
    const revisionId = req.query.revision;
    if (revisionId !== undefined) {
      const key = `revision|${revisionId}|${withContent}|${rowKey(row)}`;
      sendJson(res, await presentations.get(key, () => presentRevisionDocument(ctx, row, revisionId, withContent)));
      return;
    }
    await sendDocument(res, row, req.actor, withContent, req.query.lang);
  });

  on(router, ROUTES.changeStage, async (req, res) => {
    const { stage, reason } = req.body;
    const result = await changeStage(ctx, req.actor, req.params.id, stage, reason);
    res.json({ id: result.id, stage: result.stage, previous: result.previous });
  });

  on(router, ROUTES.adoptWithoutVote, async (req, res) => {
    res.json(await adoptWithoutVote(ctx, req.actor, req.params.id, req.body));
  });

  on(router, ROUTES.setClauseStatus, async (req, res) => {
    const result = await setClauseStatus(ctx, req.actor, req.params.id, req.params.clauseId, req.body.status);
    res.json({ id: result.id, status: result.status });
  });

  return router;
}
