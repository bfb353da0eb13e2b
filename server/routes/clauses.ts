import { Router } from 'express';
import { insertClauseRequest, moveClauseRequest } from '../../shared/api/clauses.js';
import { idSchema } from '../../shared/api/documents.js';
import type { AppContext } from '../context.js';
import { parse } from '../http/validate.js';
import { insertClause } from '../commands/insertClause.js';
import { moveClause } from '../commands/moveClause.js';
import { deleteClause } from '../commands/deleteClause.js';

/** Clause structure (secretariat): insert, move, delete. Text is edited over the collab socket. */
export function clauseRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post('/documents/:id/clauses', async (req, res) => {
    const input = parse(insertClauseRequest, req.body);
    res.status(201).json(await insertClause(ctx, req.actor, parse(idSchema, req.params.id), input));
  });

  router.post('/documents/:id/clauses/:clauseId/move', async (req, res) => {
    const { after } = parse(moveClauseRequest, req.body);
    res.json(await moveClause(ctx, req.actor, parse(idSchema, req.params.id), parse(idSchema, req.params.clauseId), after));
  });

  router.delete('/documents/:id/clauses/:clauseId', async (req, res) => {
    res.json(await deleteClause(ctx, req.actor, parse(idSchema, req.params.id), parse(idSchema, req.params.clauseId)));
  });

  return router;
}
