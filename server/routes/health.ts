import { Router } from 'express';

/** `GET /api/health` → `{ ok: true }` (public contract). */
export function healthRoutes(): Router {
  return Router().get('/health', (_req, res) => {
    res.json({ ok: true });
  });
}
