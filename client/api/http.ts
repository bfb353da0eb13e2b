import type { ApiErrorBody } from '../../shared/api/errors.js';
import {
  pathOf,
  type AnyRoute,
  type RequestArgs,
  type RequestOf,
  type ResponseOf,
  type Route,
} from '../../shared/api/route.js';
import { ROUTES } from '../../shared/api/routes.js';
import { EVENTS_SEQ_HEADER } from '../../shared/protocol/events.js';
import { noteRead } from './eventsSeq.js';
import { takePrefetched } from './prefetch.js';

/**
 * An HTTP error with the server's stable id, for messages and translations, and the rest of the server's
 * error object (`field`, or what an answer lists, such as the unfinished items of a refused adoption vote).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/**
 * Whether the server itself answered the request that failed. Without an answer (the connection dropped, a
 * gateway gave up) the server may have carried it out all the same, so trying again must say it is the same
 * request (its `Idempotency-Key`).
 */
export function wasAnswered(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status !== 0 && error.status !== 502 && error.status !== 503 && error.status !== 504;
}

/**
 * A fresh `Idempotency-Key`: 128 random bits as hex. `crypto.getRandomValues` works on plain HTTP too (a
 * conference network), where `crypto.randomUUID` does not exist.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Called when any request answers 401, so the app can return to the login page. */
let onUnauthenticated: (() => void) | undefined;
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

export interface RequestOptions {
  /**
   * The `Idempotency-Key` of a state-changing request: the same for every try of one action (see
   * `client/api/actions.ts`), so the server carries it out once. Default: a fresh key.
   */
  idempotencyKey?: string;
}

async function request(route: AnyRoute, path: string, body: unknown, options: RequestOptions): Promise<unknown> {
  const method = route.method;
  const headers: Record<string, string> = {};
  // A file (a Word draft) goes as its bytes, under its own media type; anything else as JSON.
  if (body instanceof Blob) headers['content-type'] = body.type;
  else if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['idempotency-key'] = options.idempotencyKey ?? newIdempotencyKey();
  let res: Response;
  try {
    res = await ((method === 'GET' && takePrefetched(path)) ||
      fetch(path, {
        method,
        credentials: 'same-origin',
        headers,
        body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
      }));
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.');
  }
  // What a read of a document saw of its events, for the screens following it (`eventsSeq.ts`).
  if (method === 'GET' && res.ok) noteRead(path, res.headers.get(EVENTS_SEQ_HEADER));
  if (res.status === 204) return undefined;
  const type = res.headers.get('content-type') ?? '';
  // A file (an export) arrives as a Blob; an error is always JSON.
  const data: unknown = type.includes('json') ? await res.json().catch(() => null) : res.ok ? await res.blob() : null;
  if (!res.ok) {
    const error = (data as ApiErrorBody | null)?.error;
    // A refused sign-in, or the first question of a visitor with no session, is no session that ended.
    if (res.status === 401 && route !== ROUTES.login && route !== ROUTES.me) onUnauthenticated?.();
    throw new ApiError(res.status, error?.id ?? 'http_' + res.status, error?.message ?? res.statusText, error ?? {});
  }
  return data;
}

/**
 * Sends one request by the route table: the path built from the entry and `given`, the body as JSON (a POST
 * without one sends `{}`), and an `Idempotency-Key` on every state-changing request (a fresh one unless
 * `options` gives the action's own). The browser adds the Origin header that the server checks.
 */
export function transport<T extends AnyRoute>(
  route: T,
  given: RequestOf<T> | undefined,
  options: RequestOptions,
): Promise<ResponseOf<T>> {
  const body = (given as { body?: unknown } | undefined)?.body;
  return request(route, pathOf(route, given), route.method === 'POST' ? (body ?? {}) : body, options) as Promise<
    ResponseOf<T>
  >;
}

/** Where requests go: `transport` in the app; the tests of `Actions` give a recorder. */
export type Transport = typeof transport;

/**
 * A call by the route table (`shared/api/routes.ts`): `call(ROUTES.castBallot, { params: { id }, body: { choice
 * } })`. The path is built from the entry, and the body and the answer have the entry's types, so a change of
 * contract fails the type check here as on the server. A state-changing request goes through an action's
 * `Sender` instead (`send.call`), which keeps its `Idempotency-Key` across retries.
 */
export function call<T extends AnyRoute>(
  route: T,
  ...[input, options]: RequestArgs<T, RequestOptions>
): Promise<ResponseOf<T>> {
  return transport(route, input as RequestOf<T> | undefined, options ?? {});
}

/**
 * Sends a file as the body of a route that takes one (`ROUTES.importDocument`), under the file's media type;
 * the path is built from the entry and `given` (its query) as `call` does.
 */
export function upload<T extends AnyRoute>(route: T, given: RequestOf<T>, file: Blob): Promise<ResponseOf<T>> {
  return request(route, pathOf(route, given), file, {}) as Promise<ResponseOf<T>>;
}

/** A route that changes something on the server: what an action sends. */
export type ChangeRoute = Route<'POST' | 'DELETE', string, any, any, boolean>;

/** What a request by `route` takes after the route: nothing when nothing in it is required. */
export type RequestInput<T extends AnyRoute> =
  Record<string, never> extends RequestOf<T> ? [request?: RequestOf<T>] : [request: RequestOf<T>];

/**
 * What an action hands to what it runs (`client/api/actions.ts`): `send.call(ROUTES.closeVote, { params: { id }
 * })` sends a state-changing request by the route table under the action's `Idempotency-Key` for it.
 */
export interface Sender {
  call<T extends ChangeRoute>(route: T, ...[input]: RequestInput<T>): Promise<ResponseOf<T>>;
}
