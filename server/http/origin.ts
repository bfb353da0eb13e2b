import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin a request claims (Origin, else Referer's origin), or undefined. */
export function claimedOrigin(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  if (origin && origin !== 'null') return origin;
  const referer = req.headers.referer;
  if (!referer) return origin === 'null' ? 'null' : undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/** True when `origin` is this server as the request reached it (its Host), or an allowed origin. */
export function isSameOrigin(req: IncomingMessage, origin: string, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true;
  const host = req.headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * CSRF defence: every state-changing request must say where it comes from (Origin, or Referer when a
 * browser withholds Origin) and that must be this server. Browsers always send Origin on cross-site
 * POSTs, so a forged form or fetch from another site is refused before any handler runs.
 */
export function requireSameOrigin(allowed: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = claimedOrigin(req);
    if (!origin) return next(HttpError.of('origin_rejected', 'State-changing requests must carry an Origin header.'));
    if (!isSameOrigin(req, origin, allowed))
      return next(HttpError.of('origin_rejected', `Requests from ${origin} are not accepted.`));
    next();
  };
}
