import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, ERRORS, type KnownErrorId } from './errors.js';

describe('error table', () => {
  const ids = Object.keys(ERRORS) as KnownErrorId[];

  it.each(ids)('%s has an error status and a readable default message', (id) => {
    const { status, message } = ERRORS[id];
    expect(Number.isInteger(status) && status >= 400 && status <= 599).toBe(true);
    expect(message.trim()).not.toBe('');
    expect(message).toMatch(/^[A-Z].*[.!?]$/);
  });

  it('ids are snake_case, and ERROR_STATUS is the table’s statuses', () => {
    for (const id of ids) expect(id).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(ERROR_STATUS).toEqual(Object.fromEntries(ids.map((id) => [id, ERRORS[id].status])));
  });
});
