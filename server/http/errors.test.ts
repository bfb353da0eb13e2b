import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../shared/api/errors.js';
import { HttpError } from './errors.js';

describe('HttpError.of', () => {
  it('takes the status and, without a message of its own, the default message from the table', () => {
    const error = HttpError.of('vote_open');
    expect([error.status, error.id, error.message]).toEqual([409, 'vote_open', ERRORS.vote_open.message]);
  });

  it('keeps a message that says more, the field at fault and the headers', () => {
    const error = HttpError.of('rate_limited', 'Try again in 3 second(s).', 'body', { 'Retry-After': '3' });
    expect([error.status, error.message, error.field, error.headers]).toEqual([
      429,
      'Try again in 3 second(s).',
      'body',
      { 'Retry-After': '3' },
    ]);
  });
});
