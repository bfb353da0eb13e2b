import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ERRORS, type ApiErrorBody, type KnownErrorId } from '../../shared/api/errors.js';

/**
 * An error meant for the client: a stable id from `shared/api/errors.ts` (`ERRORS`), the status the table gives
 * it and a readable message. Made only through `HttpError.of`, so an id's status is written once.
 */
export class HttpError extends Error {
  /** Fields the error body carries beside `id` and `message` (e.g. the `items` of `needs_acknowledgement`). */
  details: Record<string, unknown> = {};

  private constructor(
    readonly status: number,
    readonly id: KnownErrorId,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /**
   * The error `id` with its status and, unless `message` says more, its default message from the table; `field`
   * names the input at fault, `headers` go with the answer (`Retry-After`).
   */
  static of(id: KnownErrorId, message?: string, field?: string, headers?: Record<string, string>): HttpError {
    return new HttpError(ERRORS[id].status, id, message ?? ERRORS[id].message, field, headers);
  }

  /** The same error with details for its body; `id`, `message` and `field` keep their values. */
  with(details: Record<string, unknown>): this {
    this.details = { ...this.details, ...details };
    return this;
  }
}

export function errorBody(
  id: KnownErrorId,
  message: string = ERRORS[id].message,
  field?: string,
  details: Record<string, unknown> = {},
): ApiErrorBody {
  return { error: { ...details, id, message, ...(field ? { field } : {}) } };
}

/** Unknown `/api` routes answer JSON 404, never the client's HTML. */
export const apiNotFound: RequestHandler = (req, res) => {
  res.status(ERRORS.not_found.status).json(errorBody('not_found', `No API route ${req.method} ${req.path}`));
};

/**
 * Turns every error into the JSON error body. Body-parser's own errors (bad JSON, too large) get their
 * ids; anything unexpected is logged and answered with a bare 500 — no stack trace leaves the server.
 */
export function errorHandler(log: (message: string, error: unknown) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof HttpError) {
      res
        .set(err.headers)
        .status(err.status)
        .json(errorBody(err.id, err.message, err.field, err.details));
      return;
    }
    const e = err as { type?: string; status?: number };
    const answer = (id: KnownErrorId, status: number = ERRORS[id].status) =>
      void res.status(status).json(errorBody(id));
    if (e.type === 'entity.parse.failed') {
      answer('invalid_json');
    } else if (e.type === 'entity.too.large') {
      answer('payload_too_large');
    } else if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
      answer('unsupported_media_type');
    } else if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      // Whatever else body-parser refuses keeps its own status.
      answer('bad_request', e.status);
    } else {
      log('Unhandled error', err);
      answer('internal');
    }
  };
}
