import { Router } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on } from '../http/endpoint.js';
import { addLanguage } from '../commands/addLanguage.js';
import { setTranslationStatus } from '../commands/setTranslationStatus.js';

/** Language versions (`docs/languages.md`): the secretariat adds one; translators say where each clause stands. */
export function languageRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.addLanguage, async (req, res) => {
    res.status(201).json(await addLanguage(ctx, req.actor, req.params.id, req.body.code));
  });

  on(router, ROUTES.setTranslationStatus, async (req, res) => {
    const { id, clauseId, lang } = req.params;
    res.json(await setTranslationStatus(ctx, req.actor, { documentId: id, clauseId, lang }, req.body.status));
  });

  return router;
}
