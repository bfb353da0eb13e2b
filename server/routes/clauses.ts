import { Router } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on } from '../http/endpoint.js';
import { insertClause } from '../commands/insertClause.js';
import { moveClause } from '../commands/moveClause.js';
import { deleteClause } from '../commands/deleteClause.js';
import { mergeClause } from '../commands/mergeClause.js';
import { restoreClause } from '../commands/restoreClause.js';
import { setClauseKind } from '../commands/setClauseKind.js';
import { splitClause } from '../commands/splitClause.js';

/**
 * Clause structure (secretariat): insert, move, delete and restore, kind, split and merge. Text is edited over
 * the collab socket; structure goes through these commands so rows, order and text change in one transaction.
 */
export function clauseRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.insertClause, async (req, res) => {
    res.status(201).json(await insertClause(ctx, req.actor, req.params.id, req.body));
  });

  on(router, ROUTES.moveClause, async (req, res) => {
    res.json(await moveClause(ctx, req.actor, req.params.id, req.params.clauseId, req.body.after));
  });

  on(router, ROUTES.deleteClause, async (req, res) => {
    res.json(await deleteClause(ctx, req.actor, req.params.id, req.params.clauseId));
  });

  on(router, ROUTES.restoreClause, async (req, res) => {
    res.json(await restoreClause(ctx, req.actor, req.params.id, req.params.clauseId, req.body.after));
  });

  on(router, ROUTES.setClauseKind, async (req, res) => {
    res.json(await setClauseKind(ctx, req.actor, req.params.id, req.params.clauseId, req.body.kind));
  });

  on(router, ROUTES.splitClause, async (req, res) => {
    res.status(201).json(await splitClause(ctx, req.actor, req.params.id, req.params.clauseId, req.body));
  });

  on(router, ROUTES.mergeClause, async (req, res) => {
    res.json(await mergeClause(ctx, req.actor, req.params.id, req.params.clauseId));
  });

  return router;
}
