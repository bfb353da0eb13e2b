import { Router, type RequestHandler } from 'express';
import { amendmentDecisionRequest, amendmentListQuery, isPending, proposeAmendmentRequest } from '../../shared/api/amendments.js';
import { idSchema } from '../../shared/api/documents.js';
import type { AppContext } from '../context.js';
import { authorize, requireActor } from '../policies/authorize.js';
import { parse } from '../http/validate.js';
import { proposeAmendment } from '../commands/proposeAmendment.js';
import { cosponsorAmendment, leaveCosponsorship } from '../commands/cosponsorAmendment.js';
import { withdrawAmendment } from '../commands/withdrawAmendment.js';
import { decideAmendment } from '../commands/decideAmendment.js';
import { AmendmentPresenter, presentAmendment } from '../presenters/amendment.js';
import { loadDocument } from '../queries/documents.js';
import { loadAmendment } from '../queries/amendments.js';

/** 401 before anything else: an anonymous caller learns nothing about its input or what exists. */
export const signedIn: RequestHandler = (req, _res, next) => {
  requireActor(req.actor);
  next();
};

const OPEN = Buffer.from('{"amendments":[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

/** Amendments: propose, list (with diffs and staleness), co-sponsor, withdraw, decide. */
export function amendmentRoutes(ctx: AppContext): Router {
  const router = Router();

  router.post('/documents/:id/amendments', signedIn, async (req, res) => {
    const input = parse(proposeAmendmentRequest, req.body);
    const row = await proposeAmendment(ctx, req.actor, parse(idSchema, req.params.id), input);
    res.status(201).json({ id: row.id, status: 'submitted' });
  });

  router.get('/documents/:id/amendments', signedIn, async (req, res) => {
    const doc = await loadDocument(ctx, parse(idSchema, req.params.id));
    authorize(req.actor, 'document.read', { stage: doc.stage });
    const filter = parse(amendmentListQuery, req.query);
    const rows = await ctx.store.amendments.forDocument(doc.id);
    const presenter = await AmendmentPresenter.load(ctx, doc.id, rows);
    const selected = rows
      .filter((row) => !filter.clauseId || row.clause_id === filter.clauseId)
      .filter((row) => !filter.status || (filter.status === 'pending' ? isPending(row.status) : row.status === filter.status));
    // One at a time: the presenter reads each person's name once and reuses it. Each amendment's JSON is kept
    // until something it shows changes, and a long list lets the event loop turn every few amendments.
    // A delegation's amendments: those it proposed and those it co-sponsors.
    const parts: Buffer[] = [];
    for (const row of selected) {
      if (filter.delegation && !presenter.involves(row, filter.delegation)) continue;
      parts.push(parts.length ? COMMA : OPEN, await presenter.presentJson(row));
      if (parts.length % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    res.type('json').send(Buffer.concat(parts.length ? [...parts, CLOSE] : [OPEN, CLOSE]));
  });

  router.get('/amendments/:id', signedIn, async (req, res) => {
    const row = await loadAmendment(ctx, parse(idSchema, req.params.id));
    authorize(req.actor, 'document.read', { stage: (await loadDocument(ctx, row.document_id)).stage });
    res.json(await presentAmendment(ctx, row));
  });

  router.post('/amendments/:id/cosponsor', signedIn, async (req, res) => {
    res.json(await presentAmendment(ctx, await cosponsorAmendment(ctx, req.actor, parse(idSchema, req.params.id))));
  });

  router.delete('/amendments/:id/cosponsor', signedIn, async (req, res) => {
    res.json(await presentAmendment(ctx, await leaveCosponsorship(ctx, req.actor, parse(idSchema, req.params.id))));
  });

  router.post('/amendments/:id/withdraw', signedIn, async (req, res) => {
    res.json(await presentAmendment(ctx, await withdrawAmendment(ctx, req.actor, parse(idSchema, req.params.id))));
  });

  router.post('/amendments/:id/decision', signedIn, async (req, res) => {
    const input = parse(amendmentDecisionRequest, req.body);
    res.json(await presentAmendment(ctx, await decideAmendment(ctx, req.actor, parse(idSchema, req.params.id), input)));
  });

  return router;
}
