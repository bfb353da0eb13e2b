import { Router } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on } from '../http/endpoint.js';
import { readableDocument } from '../queries/documents.js';
import { presentSilence } from '../presenters/silence.js';
import { breakSilence, startSilence, withdrawSilence } from '../commands/silence.js';

/** The silence procedure: everyone who reads the document follows it; the chair starts and withdraws it, a head breaks it. */
export function silenceRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.silence, async (req, res) => {
    const doc = await readableDocument(ctx, req.actor, req.params.id);
    const latest = await ctx.store.silences.latest(doc.id);
    res.json({ silence: latest ? await presentSilence(ctx, latest) : null });
  });

  on(router, ROUTES.startSilence, async (req, res) => {
    res.status(201).json(await startSilence(ctx, req.actor, req.params.id, req.body));
  });

  on(router, ROUTES.breakSilence, async (req, res) => {
    res.json(await breakSilence(ctx, req.actor, req.params.id, req.body.statement));
  });

  on(router, ROUTES.withdrawSilence, async (req, res) => {
    res.json(await withdrawSilence(ctx, req.actor, req.params.id));
  });

  return router;
}
