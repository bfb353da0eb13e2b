import { Router } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import type { AppContext } from '../context.js';
import { on } from '../http/endpoint.js';
import { readableDocument } from '../queries/documents.js';
import { presentFloor } from '../presenters/floor.js';
import { requestFloor, withdrawFloorRequest } from '../commands/requestFloor.js';
import {
  endSpeaker,
  grantFloor,
  moveFloorRequest,
  setFloorSettings,
  skipFloorRequest,
} from '../commands/chairFloor.js';

/** The floor of a meeting: everyone who reads the document sees it; delegations ask, the chair manages. */
export function floorRoutes(ctx: AppContext): Router {
  const router = Router();

  on(router, ROUTES.floor, async (req, res) => {
    const doc = await readableDocument(ctx, req.actor, req.params.id);
    res.json(await presentFloor(ctx, doc.id));
  });

  on(router, ROUTES.requestFloor, async (req, res) => {
    res.status(201).json(await requestFloor(ctx, req.actor, req.params.id, req.body));
  });

  on(router, ROUTES.withdrawFloorRequest, async (req, res) => {
    res.json(await withdrawFloorRequest(ctx, req.actor, req.params.id, req.params.requestId));
  });

  on(router, ROUTES.grantFloor, async (req, res) => {
    res.json(await grantFloor(ctx, req.actor, req.params.id, req.params.requestId));
  });

  on(router, ROUTES.skipFloorRequest, async (req, res) => {
    res.json(await skipFloorRequest(ctx, req.actor, req.params.id, req.params.requestId));
  });

  on(router, ROUTES.moveFloorRequest, async (req, res) => {
    res.json(await moveFloorRequest(ctx, req.actor, req.params.id, req.params.requestId, req.body.direction));
  });

  on(router, ROUTES.endSpeaker, async (req, res) => {
    res.json(await endSpeaker(ctx, req.actor, req.params.id));
  });

  on(router, ROUTES.floorSettings, async (req, res) => {
    res.json(await setFloorSettings(ctx, req.actor, req.params.id, req.body));
  });

  return router;
}
