import { Router } from 'express';
import { isPending } from '../../shared/api/amendments.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on, sendJson } from '../http/endpoint.js';
import { readableDocument } from '../queries/documents.js';
import { loadAmendment } from '../queries/amendments.js';
import { proposeAmendment } from '../commands/proposeAmendment.js';
import { cosponsorAmendment, leaveCosponsorship } from '../commands/cosponsorAmendment.js';
import { withdrawAmendment } from '../commands/withdrawAmendment.js';
import { decideAmendment } from '../commands/decideAmendment.js';
import { AmendmentPresenter, presentAmendment } from '../presenters/amendment.js';

const OPEN = Buffer.from('{"amendments":[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

/** Amendments: propose, list (with diffs and staleness), co-sponsor, withdraw, decide. */
export function amendmentRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.proposeAmendment, async (req, res) => {
    const row = await proposeAmendment(ctx, req.actor, req.params.id, req.body);
    res.status(201).json({ id: row.id, status: 'submitted' });
  });

  on(router, ROUTES.amendments, async (req, res) => {
    const doc = await readableDocument(ctx, req.actor, req.params.id);
    const filter = req.query;
    const rows = await ctx.store.amendments.forDocument(doc.id);
    const presenter = await AmendmentPresenter.load(ctx, doc.id, rows);
    const selected = rows
      .filter((row) => !filter.clauseId || row.clause_id === filter.clauseId)
      .filter(
        (row) => !filter.status || (filter.status === 'pending' ? isPending(row.status) : row.status === filter.status),
      );
    // One at a time: the presenter reads each person's name once and reuses it. Each amendment's JSON is kept
    // until something it shows changes, and a long list lets the event loop turn every few amendments.
    // A delegation's amendments: those it proposed and those it co-sponsors.
    const parts: Buffer[] = [];
    for (const row of selected) {
      if (filter.delegation && !presenter.involves(row, filter.delegation)) continue;
      parts.push(parts.length ? COMMA : OPEN, await presenter.presentJson(row));
      if (parts.length % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    sendJson(res, Buffer.concat(parts.length ? [...parts, CLOSE] : [OPEN, CLOSE]));
  });

  on(router, ROUTES.amendment, async (req, res) => {
    const row = await loadAmendment(ctx, req.params.id);
    await readableDocument(ctx, req.actor, row.document_id);
    res.json(await presentAmendment(ctx, row));
  });

  on(router, ROUTES.cosponsor, async (req, res) => {
    res.json(await presentAmendment(ctx, await cosponsorAmendment(ctx, req.actor, req.params.id)));
  });

  on(router, ROUTES.leaveCosponsorship, async (req, res) => {
    res.json(await presentAmendment(ctx, await leaveCosponsorship(ctx, req.actor, req.params.id)));
  });

  on(router, ROUTES.withdrawAmendment, async (req, res) => {
    res.json(await presentAmendment(ctx, await withdrawAmendment(ctx, req.actor, req.params.id)));
  });

  on(router, ROUTES.decideAmendment, async (req, res) => {
    res.json(await presentAmendment(ctx, await decideAmendment(ctx, req.actor, req.params.id, req.body)));
  });

  return router;
}
