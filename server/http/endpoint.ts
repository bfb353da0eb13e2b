import type { Request, RequestHandler, Response, Router } from 'express';
import type { ParsedQs } from 'qs';
import type { AnyRoute, BodyOf, QueryOf, ResponseOf } from '../../shared/api/route.js';
import type { Actor } from '../../shared/domain/roles.js';
import { auth } from './auth.js';
import { validate, type RequestSchemas } from './validate.js';

/** Path parameters as parsed by the route's schemas. */
type ParsedParams<T extends AnyRoute> = T['schemas'] extends { params: infer P }
  ? { -readonly [K in keyof P]: string }
  : Record<string, never>;

/** The request a route's handler sees: its parts parsed, and the `Actor` unless the route is open to anyone. */
export type RouteRequest<T extends AnyRoute> = Request<
  ParsedParams<T>,
  ResponseOf<T>,
  BodyOf<T>,
  T['schemas'] extends { query: unknown } ? QueryOf<T> : ParsedQs
> &
  (T['open'] extends true ? { actor?: Actor } : { actor: Actor });

/** A route's handler: read the parsed request, call one command, present its answer (`res.json` is typed by the table). */
export type RouteHandler<T extends AnyRoute> = (
  req: RouteRequest<T>,
  res: Response<ResponseOf<T>>,
) => void | Promise<void>;

/**
 * Registers `handler` for one entry of `ROUTES` (`shared/api/routes.ts`) on a router mounted at `/api`, behind
 * the same edge on every route: `auth()` unless the route is open, then `validate()` of its params, query and
 * body. So a handler never re-checks the session or re-parses its input, and a command gets an `Actor`.
 */
export function on<T extends AnyRoute>(router: Router, route: T, handler: RouteHandler<T>): void {
  const edge: RequestHandler[] = route.open ? [] : [auth()];
  edge.push(validate(route.schemas as RequestSchemas));
  const path = route.path.replace(/^\/api(?=\/)/, '');
  const method = route.method === 'GET' ? 'get' : route.method === 'POST' ? 'post' : 'delete';
  router[method](path, ...edge, handler as unknown as RequestHandler);
}

/**
 * Sends JSON already serialized (a presenter's bytes, or pieces of them, built once per version of what it shows, `jsonCache.ts`) as
 * a route's answer. The type checker cannot see inside the bytes: the presenter's own return type is what keeps
 * them the route's answer.
 */
export function sendJson<T>(res: Response<T>, json: Buffer | readonly Buffer[]): void {
  const out = res as Response;
  if (Buffer.isBuffer(json)) {
    out.type('json').send(json);
    return;
  }
  // Pieces (`withFields`): written one after the other, never joined into a copy.
  out.type('json').setHeader(
    'Content-Length',
    json.reduce((n, piece) => n + piece.length, 0),
  );
  for (const piece of json) out.write(piece);
  out.end();
}
