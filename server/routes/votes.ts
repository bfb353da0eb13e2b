import { Router } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { authorize } from '../policies/authorize.js';
import { on } from '../http/endpoint.js';
import { HttpError } from '../http/errors.js';
import { openVote } from '../commands/openVote.js';
import { castBallot } from '../commands/castBallot.js';
import { closeVote } from '../commands/closeVote.js';
import { recordExplanation } from '../commands/recordExplanation.js';
import { recordEndorsement } from '../commands/recordEndorsement.js';
import { setNowDiscussing } from '../commands/setNowDiscussing.js';
import { designateAlternate } from '../commands/designateAlternate.js';
import { presentVote } from '../presenters/vote.js';
import { readableDocument } from '../queries/documents.js';
import { loadVote } from '../queries/votes.js';
import { listEndorsements } from '../queries/endorsements.js';
import { nowDiscussing } from '../queries/nowDiscussing.js';
import { alternateOf } from '../queries/alternates.js';

/**
 * Votes, ballots, explanations of vote, endorsements, the chair's "now discussing" and the designated
 * alternate. Reads are open to everyone who may read the document; a vote's choices follow
 * `choiceVisible` (shared/domain/tally.ts).
 */
export function voteRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.votes, async (req, res) => {
    const doc = await readableDocument(ctx, req.actor, req.params.id);
    const reader = req.actor;
    const rows = await ctx.store.votes.forDocument(doc.id);
    res.json({ votes: await Promise.all(rows.map((row) => presentVote(ctx, row, reader))) });
  });

  on(router, ROUTES.openVote, async (req, res) => {
    res.status(201).json(await openVote(ctx, req.actor, req.params.id, req.body));
  });

  on(router, ROUTES.vote, async (req, res) => {
    const { vote, doc } = await loadVote(ctx, req.params.id);
    const reader = authorize(req.actor, 'document.read', { stage: doc.stage });
    res.json(await presentVote(ctx, vote, reader));
  });

  on(router, ROUTES.castBallot, async (req, res) => {
    res.json(await castBallot(ctx, req.actor, req.params.id, req.body));
  });

  // "→ the frozen result": its fields at the top level, beside the closed vote they belong to (a vote just
  // closed always has its result).
  on(router, ROUTES.closeVote, async (req, res) => {
    const vote = await closeVote(ctx, req.actor, req.params.id);
    res.json({ ...vote, ...vote.result! });
  });

  on(router, ROUTES.recordExplanation, async (req, res) => {
    res.status(201).json(await recordExplanation(ctx, req.actor, req.params.id, req.body));
  });

  on(router, ROUTES.endorsements, async (req, res) => {
    const doc = await readableDocument(ctx, req.actor, req.params.id);
    res.json(await listEndorsements(ctx, doc.id));
  });

  on(router, ROUTES.recordEndorsement, async (req, res) => {
    res.status(201).json(await recordEndorsement(ctx, req.actor, req.params.id, req.body));
  });

  on(router, ROUTES.nowDiscussing, async (req, res) => {
    const doc = await readableDocument(ctx, req.actor, req.params.id);
    res.json(await nowDiscussing(ctx, doc.id));
  });

  on(router, ROUTES.setNowDiscussing, async (req, res) => {
    res.json(await setNowDiscussing(ctx, req.actor, req.params.id, req.body.clauseId));
  });

  on(router, ROUTES.alternate, async (req, res) => {
    const { code } = req.params;
    if (!(await ctx.store.delegations.get(code))) throw HttpError.of('delegation_not_found', `No delegation ${code}.`);
    const view = await alternateOf(ctx, code);
    if (req.actor.delegation !== code) return void res.json(view);
    const candidates = (await ctx.store.users.byDelegation(code))
      .filter((u) => u.role === 'delegate')
      .map((u) => ({ username: u.username, displayName: u.display_name }));
    res.json({ ...view, candidates });
  });

  on(router, ROUTES.designateAlternate, async (req, res) => {
    res.json(await designateAlternate(ctx, req.actor, req.params.code, req.body.username));
  });

  return router;
}
