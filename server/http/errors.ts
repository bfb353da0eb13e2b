import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ERROR_STATUS, type ApiErrorBody, type KnownErrorId } from '../../shared/api/errors.js';

/** An error meant for the client: a stable id, a status and a readable message. */
export class HttpError extends Error {
  /** Fields the error body carries beside `id` and `message` (e.g. the `items` of `needs_acknowledgement`). */
  details: Record<string, unknown> = {};

  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  /** An error whose status comes from the shared table of known ids (with headers such as `Retry-After`). */
  static of(id: KnownErrorId, message: string, field?: string, headers?: Record<string, string>): HttpError {
    return new HttpError(ERROR_STATUS[id], id, message, field, headers);
  }

  /** The same error with details for its body; `id`, `message` and `field` keep their values. */
  with(details: Record<string, unknown>): this {
    this.details = { ...this.details, ...details };
    return this;
  }
}

export function errorBody(id: string, message: string, field?: string, details: Record<string, unknown> = {}): ApiErrorBody {
  return { error: { ...details, id, message, ...(field ? { field } : {}) } };
}

/** Unknown `/api` routes answer JSON 404, never the client's HTML. */
export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('not_found', `No API route ${req.method} ${req.path}`));
};

/**
 * Turns every error into the JSON error body. Body-parser's own errors (bad JSON, too large) get their
 * ids; anything unexpected is logged and answered with a bare 500 — no stack trace leaves the server.
 */
export function errorHandler(log: (message: string, error: unknown) => void): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof HttpError) {
      res.set(err.headers).status(err.status).json(errorBody(err.id, err.message, err.field, err.details));
      return;
    }
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.parse.failed') {
      res.status(400).json(errorBody('invalid_json', 'The request body is not valid JSON.'));
    } else if (e.type === 'entity.too.large') {
      res.status(413).json(errorBody('payload_too_large', 'The request body is too large.'));
    } else if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
      res.status(415).json(errorBody('unsupported_media_type', 'Send JSON encoded as UTF-8.'));
    } else if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json(errorBody('bad_request', 'The request could not be read.'));
    } else {
      log('Unhandled error', err);
      res.status(500).json(errorBody('internal', 'Something went wrong on the server. The action was not carried out.'));
    }
  };
}
