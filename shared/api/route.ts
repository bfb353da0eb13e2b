import type { z } from 'zod';

/** The HTTP methods the API uses. */
export type Method = 'GET' | 'POST' | 'DELETE';

/** The names of a path's parameters: `'/api/documents/:id/clauses/:clauseId'` → `'id' | 'clauseId'`. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<Rest>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** One schema per path parameter, each checked on its own (so an error names no field, as it always has). */
export type ParamSchemas<P extends string> = { readonly [K in PathParams<P>]: z.ZodType<string, string> };

/**
 * What a route reads from a request, each part checked by its zod schema at the server's edge (400
 * `invalid_input`): the path's parameters (required when the path has any), the query and the JSON body.
 */
export type RouteSchemas<P extends string> = ([PathParams<P>] extends [never]
  ? { readonly params?: undefined }
  : { readonly params: ParamSchemas<P> }) & {
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
};

/** Carries the type of a route's answer; nothing is kept in it at run time. */
export interface Answer<R> {
  readonly type?: R;
}

/**
 * One endpoint of the API: its method, its full path (`/api/…`), the schemas of what it reads, the type of
 * what it answers, and whether it is open to anyone (`open`; otherwise 401 `not_authenticated` comes before
 * anything is read). The server registers its handler by it, and the browser's and the tests' clients call it,
 * so a change of contract fails the type check on both sides.
 */
export interface Route<
  M extends Method = Method,
  P extends string = string,
  S extends RouteSchemas<P> = RouteSchemas<P>,
  R = unknown,
  O extends boolean = boolean,
> {
  readonly method: M;
  readonly path: P;
  readonly schemas: S;
  readonly open: O;
  readonly answer: Answer<R>;
}

/** Any route of the table, for code that handles them all. */
export type AnyRoute = Route<Method, string, any, any, boolean>;

/**
 * A route for signed-in people: `route('POST', '/api/votes/:id/ballots', { params: { id: idSchema }, body:
 * castBallotRequest }).returns<BallotJson>()`.
 */
export function route<M extends Method, P extends string, S extends RouteSchemas<P>>(
  method: M,
  path: P,
  schemas: S,
): { returns<R>(): Route<M, P, S, R, false> } {
  return { returns: () => ({ method, path, schemas, open: false, answer: {} }) };
}

/** A route anyone may call, signed in or not (health, sign-in, the ledger's public key). */
export function openRoute<M extends Method, P extends string, S extends RouteSchemas<P>>(
  method: M,
  path: P,
  schemas: S,
): { returns<R>(): Route<M, P, S, R, true> } {
  return { returns: () => ({ method, path, schemas, open: true, answer: {} }) };
}

/** The path parameters a caller gives, as strings: `{ id: 'vote-1' }`. */
export type ParamsOf<T extends AnyRoute> = { [K in PathParams<T['path']>]: string };

/** The query as the server's handler sees it, once parsed (empty when the route reads none). */
export type QueryOf<T extends AnyRoute> = T['schemas'] extends { query: infer Q extends z.ZodType }
  ? z.output<Q>
  : Record<string, never>;

/** The body as the server's handler sees it, once parsed (`unknown` when the route reads none). */
export type BodyOf<T extends AnyRoute> = T['schemas'] extends { body: infer B extends z.ZodType }
  ? z.output<B>
  : unknown;

/** The JSON a route answers with on success. */
export type ResponseOf<T extends AnyRoute> = T['answer'] extends Answer<infer R> ? R : never;

/** A part of a request a caller may leave out when every field of it is optional. */
type Part<K extends string, V> = Record<string, never> extends V ? { [P in K]?: V } : { [P in K]: V };

/**
 * What a caller sends: `params` when the path has any, `query` and `body` when the route reads them, each as
 * its schema accepts it (before defaults and transforms).
 */
export type RequestOf<T extends AnyRoute> = ([PathParams<T['path']>] extends [never]
  ? unknown
  : { params: ParamsOf<T> }) &
  (T['schemas'] extends { query: infer Q extends z.ZodType } ? Part<'query', z.input<Q>> : unknown) &
  (T['schemas'] extends { body: infer B extends z.ZodType } ? Part<'body', z.input<B>> : unknown);

/** Arguments after the route: the request may be left out when nothing in it is required. */
export type RequestArgs<T extends AnyRoute, Options> =
  Record<string, never> extends RequestOf<T>
    ? [request?: RequestOf<T>, options?: Options]
    : [request: RequestOf<T>, options?: Options];

/**
 * The URL path of a call: parameters filled in (URL-encoded) and the query's defined values appended, e.g.
 * `/api/documents/almaty/revisions/diff?from=r1&to=live`.
 */
export function pathOf<T extends AnyRoute>(route: T, request?: RequestOf<T>): string {
  const { params = {}, query = {} } = (request ?? {}) as {
    params?: Record<string, string>;
    query?: Record<string, unknown>;
  };
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new RangeError(`${route.method} ${route.path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) search.append(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
