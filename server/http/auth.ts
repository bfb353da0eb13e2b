import type { RequestHandler } from 'express';
import { HttpError } from './errors.js';

/**
 * 401 `not_authenticated` unless the request carries a live session, before anything else is read: an
 * anonymous caller learns nothing about its input or what exists. After it, `req.actor` is set, and the
 * handlers `on()` registers see it as an `Actor`, never `undefined`.
 */
export function auth(): RequestHandler {
  return (req, _res, next) => {
    if (!req.actor) throw HttpError.of('not_authenticated', 'Sign in to continue.');
    next();
  };
}
