import { Router } from 'express';
import { idSchema } from '../../shared/api/documents.js';
import { iso3Schema } from '../../shared/api/admin.js';
import {
  alternateRequest,
  castBallotRequest,
  endorsementRequest,
  explanationRequest,
  nowDiscussingRequest,
  openVoteRequest,
} from '../../shared/api/votes.js';
import type { AppContext } from '../context.js';
import { authorize, requireActor } from '../policies/authorize.js';
import { parse } from '../http/validate.js';
import { HttpError } from '../http/errors.js';
import { openVote } from '../commands/openVote.js';
import { castBallot } from '../commands/castBallot.js';
import { closeVote } from '../commands/closeVote.js';
import { recordExplanation } from '../commands/recordExplanation.js';
import { recordEndorsement } from '../commands/recordEndorsement.js';
import { setNowDiscussing } from '../commands/setNowDiscussing.js';
import { designateAlternate } from '../commands/designateAlternate.js';
import { presentVote } from '../presenters/vote.js';
import { loadDocument } from '../queries/documents.js';
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

  router.get('/documents/:id/votes', async (req, res) => {
    requireActor(req.actor);
    const doc = await loadDocument(ctx, parse(idSchema, req.params.id));
    const reader = authorize(req.actor, 'document.read', { stage: doc.stage });
    const rows = await ctx.store.votes.forDocument(doc.id);
    res.json({ votes: await Promise.all(rows.map((row) => presentVote(ctx, row, reader))) });
  });

  router.post('/documents/:id/votes', async (req, res) => {
    const id = parse(idSchema, req.params.id);
    requireActor(req.actor);
    const input = parse(openVoteRequest, req.body);
    res.status(201).json(await openVote(ctx, req.actor, id, input));
  });

  router.get('/votes/:id', async (req, res) => {
    requireActor(req.actor);
    const { vote, doc } = await loadVote(ctx, parse(idSchema, req.params.id));
    const reader = authorize(req.actor, 'document.read', { stage: doc.stage });
    res.json(await presentVote(ctx, vote, reader));
  });

  router.post('/votes/:id/ballots', async (req, res) => {
    const id = parse(idSchema, req.params.id);
    requireActor(req.actor);
    const input = parse(castBallotRequest, req.body);
    res.json(await castBallot(ctx, req.actor, id, input));
  });

  // "→ the frozen result": its fields at the top level, beside the closed vote they belong to.
  router.post('/votes/:id/close', async (req, res) => {
    const id = parse(idSchema, req.params.id);
    const vote = await closeVote(ctx, req.actor, id);
    res.json({ ...vote, ...vote.result });
  });

  router.post('/votes/:id/explanations', async (req, res) => {
    const id = parse(idSchema, req.params.id);
    requireActor(req.actor);
    const input = parse(explanationRequest, req.body);
    res.status(201).json(await recordExplanation(ctx, req.actor, id, input));
  });

  router.get('/documents/:id/endorsements', async (req, res) => {
    requireActor(req.actor);
    const doc = await loadDocument(ctx, parse(idSchema, req.params.id));
    authorize(req.actor, 'document.read', { stage: doc.stage });
    res.json(await listEndorsements(ctx, doc.id));
  });

  router.post('/documents/:id/endorsements', async (req, res) => {
    const id = parse(idSchema, req.params.id);
    requireActor(req.actor);
    const input = parse(endorsementRequest, req.body);
    res.status(201).json(await recordEndorsement(ctx, req.actor, id, input));
  });

  router.get('/documents/:id/now-discussing', async (req, res) => {
    requireActor(req.actor);
    const doc = await loadDocument(ctx, parse(idSchema, req.params.id));
    authorize(req.actor, 'document.read', { stage: doc.stage });
    res.json(await nowDiscussing(ctx, doc.id));
  });

  router.post('/documents/:id/now-discussing', async (req, res) => {
    const id = parse(idSchema, req.params.id);
    requireActor(req.actor);
    const { clauseId } = parse(nowDiscussingRequest, req.body);
    res.json(await setNowDiscussing(ctx, req.actor, id, clauseId));
  });

  router.get('/delegations/:code/alternate', async (req, res) => {
    const reader = requireActor(req.actor);
    const code = parse(iso3Schema, req.params.code);
    if (!(await ctx.store.delegations.get(code))) throw HttpError.of('delegation_not_found', `No delegation ${code}.`);
    const view = await alternateOf(ctx, code);
    if (reader.delegation !== code) return void res.json(view);
    const candidates = (await ctx.store.users.byDelegation(code))
      .filter((u) => u.role === 'delegate')
      .map((u) => ({ username: u.username, displayName: u.display_name }));
    res.json({ ...view, candidates });
  });

  router.post('/delegations/:code/alternate', async (req, res) => {
    const code = parse(iso3Schema, req.params.code);
    requireActor(req.actor);
    const { username } = parse(alternateRequest, req.body);
    res.json(await designateAlternate(ctx, req.actor, code, username));
  });

  return router;
}
