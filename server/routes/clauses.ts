import { Router } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on } from '../http/endpoint.js';
import { insertClause } from '../commands/insertClause.js';
import { moveClause } from '../commands/moveClause.js';
import { deleteClause } from '../commands/deleteClause.js';

/** Clause structure (secretariat): insert, move, delete. Text is edited over the collab socket. */
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

  return router;
}
