import { Router } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on } from '../http/endpoint.js';
import { readableDocument } from '../queries/documents.js';
import { presentRoll } from '../presenters/roll.js';
import { checkIn, closeRoll, openRoll, recordPresence } from '../commands/takeRoll.js';

/** The roll of a meeting: everyone who reads the document sees it; the secretariat or chair takes it. */
export function rollRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.roll, async (req, res) => {
    const doc = await readableDocument(ctx, req.actor, req.params.id);
    const latest = await ctx.store.rolls.latest(doc.id);
    res.json({ roll: latest ? await presentRoll(ctx, latest) : null });
  });

  on(router, ROUTES.openRoll, async (req, res) => {
    res.status(201).json(await openRoll(ctx, req.actor, req.params.id, req.body.meeting ?? null));
  });

  on(router, ROUTES.recordPresence, async (req, res) => {
    res.json(await recordPresence(ctx, req.actor, req.params.id, req.body));
  });

  on(router, ROUTES.checkIn, async (req, res) => {
    res.json(await checkIn(ctx, req.actor, req.params.id));
  });

  on(router, ROUTES.closeRoll, async (req, res) => {
    res.json(await closeRoll(ctx, req.actor, req.params.id));
  });

  return router;
}
