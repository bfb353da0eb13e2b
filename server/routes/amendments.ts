import { Router, type RequestHandler } from 'express';
import { amendmentDecisionRequest, amendmentListQuery, isPending, proposeAmendmentRequest } from '../../shared/api/amendments.js';
import { idSchema } from '../../shared/api/documents.js';
import type { AppContext } from '../context.js';
import { authorize, requireActor } from '../policies/authorize.js';
import { parse } from '../http/validate.js';
import { loadDocument } from '../commands/loadDocument.js';
import { loadAmendment } from '../commands/amendmentLifecycle.js';
import { proposeAmendment } from '../commands/proposeAmendment.js';
import { cosponsorAmendment, leaveCosponsorship } from '../commands/cosponsorAmendment.js';
import { withdrawAmendment } from '../commands/withdrawAmendment.js';
import { decideAmendment } from '../commands/decideAmendment.js';
import { AmendmentPresenter, presentAmendment } from '../presenters/amendment.js';

/** 401 before anything else: an anonymous caller learns nothing about its input or what exists. */
export const signedIn: RequestHandler = (req, _res, next) => {
  requireActor(req.actor);
  next();
};

/** Amendments: propose, list (with diffs and staleness), co-sponsor, withdraw, decide. */
export function amendmentRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post('/documents/:id/amendments', signedIn, (req, res) => {
    const input = parse(proposeAmendmentRequest, req.body);
    const row = proposeAmendment(ctx, req.actor, parse(idSchema, req.params.id), input);
    res.status(201).json({ id: row.id, status: 'submitted' });
  });

  router.get('/documents/:id/amendments', signedIn, (req, res) => {
    const doc = loadDocument(ctx, parse(idSchema, req.params.id));
    authorize(req.actor, 'document.read', { stage: doc.stage });
    const filter = parse(amendmentListQuery, req.query);
    const rows = ctx.store.amendments.forDocument(doc.id);
    const presenter = new AmendmentPresenter(ctx, doc.id, rows);
    const amendments = rows
      .filter((row) => !filter.clauseId || row.clause_id === filter.clauseId)
      .filter((row) => !filter.status || (filter.status === 'pending' ? isPending(row.status) : row.status === filter.status))
      .map((row) => presenter.present(row))
      // A delegation's amendments: those it proposed and those it co-sponsors.
      .filter((view) => !filter.delegation || view.delegation === filter.delegation || view.cosponsors.some((c) => c.delegation === filter.delegation));
    res.json({ amendments });
  });

  router.get('/amendments/:id', signedIn, (req, res) => {
    const row = loadAmendment(ctx, parse(idSchema, req.params.id));
    authorize(req.actor, 'document.read', { stage: loadDocument(ctx, row.document_id).stage });
    res.json(presentAmendment(ctx, row));
  });

  router.post('/amendments/:id/cosponsor', signedIn, (req, res) => {
    res.json(presentAmendment(ctx, cosponsorAmendment(ctx, req.actor, parse(idSchema, req.params.id))));
  });

  router.delete('/amendments/:id/cosponsor', signedIn, (req, res) => {
    res.json(presentAmendment(ctx, leaveCosponsorship(ctx, req.actor, parse(idSchema, req.params.id))));
  });

  router.post('/amendments/:id/withdraw', signedIn, (req, res) => {
    res.json(presentAmendment(ctx, withdrawAmendment(ctx, req.actor, parse(idSchema, req.params.id))));
  });

  router.post('/amendments/:id/decision', signedIn, (req, res) => {
    const input = parse(amendmentDecisionRequest, req.body);
    res.json(presentAmendment(ctx, decideAmendment(ctx, req.actor, parse(idSchema, req.params.id), input)));
  });

  return router;
}
