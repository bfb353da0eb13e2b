import type { ApiErrorBody } from '../../shared/api/errors.js';
import { pathOf, type AnyRoute, type RequestArgs, type RequestOf, type ResponseOf } from '../../shared/api/route.js';

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

async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['idempotency-key'] = options.idempotencyKey ?? newIdempotencyKey();
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  // A file (an export) arrives as a Blob; an error is always JSON.
  const data: unknown = type.includes('json') ? await res.json().catch(() => null) : res.ok ? await res.blob() : null;
  if (!res.ok) {
    const error = (data as ApiErrorBody | null)?.error;
    if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') onUnauthenticated?.();
    throw new ApiError(res.status, error?.id ?? 'http_' + res.status, error?.message ?? res.statusText, error ?? {});
  }
  return data as T;
}

/**
 * Typed JSON calls to `/api`. The browser adds the Origin header that the server checks; every
 * state-changing call carries an `Idempotency-Key` (a fresh one unless the action gives its own).
 */
export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body ?? {}, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

/**
 * A call by the route table (`shared/api/routes.ts`): `call(ROUTES.castBallot, { params: { id }, body: { choice
 * } })`. The path is built from the entry, and the body and the answer have the entry's types, so a change of
 * contract fails the type check here as on the server.
 */
export function call<T extends AnyRoute>(route: T, ...[input, options]: RequestArgs<T, RequestOptions>): Promise<ResponseOf<T>> {
  const given = input as unknown as RequestOf<T> | undefined;
  const body = (given as { body?: unknown } | undefined)?.body;
  return request<ResponseOf<T>>(route.method, pathOf(route, given), route.method === 'POST' ? (body ?? {}) : body, options);
}

/** The state-changing half of `api`, as an action hands it to what it runs. */
export type Sender = Pick<typeof api, 'post' | 'put' | 'delete'>;
