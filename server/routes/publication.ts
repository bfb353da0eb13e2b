import { Router } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on } from '../http/endpoint.js';
import { publishDocument } from '../commands/publishDocument.js';
import { readableDocument } from '../queries/documents.js';
import { publication } from '../queries/publication.js';

/** Whether a document is in the public gallery (anyone who reads it), and the chair's switch. */
export function publicationRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.publication, async (req, res) => {
    const doc = await readableDocument(ctx, req.actor, req.params.id);
    res.json(await publication(ctx, doc.id));
  });

  on(router, ROUTES.publish, async (req, res) => {
    res.json(await publishDocument(ctx, req.actor, req.params.id, req.body.public));
  });

  return router;
}
