import { Router } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on } from '../http/endpoint.js';
import { readableDocument } from '../queries/documents.js';
import { pendingSuggestions } from '../queries/suggestions.js';
import { decideAllSuggestions, decideSuggestion, withdrawSuggestion } from '../commands/decideSuggestions.js';
import { setSuggestionRequirement } from '../commands/requireSuggestions.js';

/** Suggestion mode: the pending suggestions, the requirement, decisions and withdrawals. */
export function suggestionRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.suggestions, async (req, res) => {
    const doc = await readableDocument(ctx, req.actor, req.params.id);
    const live = (await ctx.registry.get(doc.id))!;
    res.json({
      documentId: doc.id,
      required: await ctx.store.suggestionRequirements.isRequired(doc.id),
      suggestions: await pendingSuggestions(ctx, doc.id, live, req.query.clauseId),
    });
  });

  on(router, ROUTES.setSuggestionRequirement, async (req, res) => {
    res.json(await setSuggestionRequirement(ctx, req.actor, req.params.id, req.body.required));
  });

  on(router, ROUTES.decideAllSuggestions, async (req, res) => {
    res.json(await decideAllSuggestions(ctx, req.actor, req.params.id, req.body));
  });

  on(router, ROUTES.decideSuggestion, async (req, res) => {
    res.json(await decideSuggestion(ctx, req.actor, req.params.id, req.params.suggestionId, req.body.decision));
  });

  on(router, ROUTES.withdrawSuggestion, async (req, res) => {
    res.json(await withdrawSuggestion(ctx, req.actor, req.params.id, req.params.suggestionId));
  });

  return router;
}
