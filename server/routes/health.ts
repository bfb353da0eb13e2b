import { Router } from 'express';
import { ROUTES } from '../../shared/api/routes.js';
import { on } from '../http/endpoint.js';

/** `GET /api/health` → `{ ok: true }` (public contract). */
export function healthRoutes(): Router {
  const router = Router();
  on(router, ROUTES.health, (_req, res) => {
    res.json({ ok: true });
  });
  return router;
}
