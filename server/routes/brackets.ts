import { Router } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on } from '../http/endpoint.js';
import { readableDocument } from '../queries/documents.js';
import { presentBrackets, presentOneBracket } from '../presenters/bracket.js';
import { createBracket, setBracketAlternatives } from '../commands/placeBracket.js';
import { resolveBracket } from '../commands/resolveBracket.js';

/** Brackets and alternatives: place, list (open ones by default), set alternatives, resolve. */
export function bracketRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.createBracket, async (req, res) => {
    const row = await createBracket(ctx, req.actor, req.params.id, req.body);
    res.status(201).json(await presentOneBracket(ctx, row.id));
  });

  on(router, ROUTES.brackets, async (req, res) => {
    const doc = await readableDocument(ctx, req.actor, req.params.id);
    const { status = 'open', clauseId } = req.query;
    const rows = (await ctx.store.brackets.forDocument(doc.id, status !== 'open')).filter(
      (row) => (status === 'all' || row.status === status) && (!clauseId || row.clause_id === clauseId),
    );
    res.json({ brackets: await presentBrackets(ctx, doc.id, rows) });
  });

  on(router, ROUTES.setAlternatives, async (req, res) => {
    const row = await setBracketAlternatives(ctx, req.actor, req.params.id, req.body);
    res.json(await presentOneBracket(ctx, row.id));
  });

  on(router, ROUTES.resolveBracket, async (req, res) => {
    const row = await resolveBracket(ctx, req.actor, req.params.id, req.body);
    res.json(await presentOneBracket(ctx, row.id));
  });

  return router;
}
