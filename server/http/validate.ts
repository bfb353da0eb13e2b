import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { HttpError } from './errors.js';

/**
 * Parses untrusted input with a shared zod schema; a failure is a 400 `invalid_input` whose message names
 * the first offending field ("stage: Invalid option: expected one of …").
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : undefined;
  const message = field ? `${field}: ${issue.message}` : issue.message;
  throw HttpError.of('invalid_input', message, field);
}

/** What `validate()` checks: one schema per path parameter, and the query and the body as wholes. */
export interface RequestSchemas {
  params?: Readonly<Record<string, z.ZodType>> | undefined;
  query?: z.ZodType | undefined;
  body?: z.ZodType | undefined;
}

/**
 * Checks a request at the edge, path parameters first, then the query, then the body, and puts the parsed
 * values (defaults filled in, codes upper-cased) where the handler reads them: `req.params`, `req.query`,
 * `req.body`. The first failure is 400 `invalid_input` and the handler never runs.
 */
export function validate(schemas: RequestSchemas): RequestHandler {
  return (req, _res, next) => {
    if (schemas.params) {
      const params: Record<string, unknown> = {};
      for (const [name, schema] of Object.entries(schemas.params)) params[name] = parse(schema, req.params[name]);
      req.params = params as typeof req.params;
    }
    // Express 5 reads `req.query` through a getter on the prototype; the parsed query shadows it on the request.
    if (schemas.query)
      Object.defineProperty(req, 'query', {
        value: parse(schemas.query, req.query),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    if (schemas.body) req.body = parse(schemas.body, req.body);
    next();
  };
}
