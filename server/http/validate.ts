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
