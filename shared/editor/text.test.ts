import { describe, expect, it } from 'vitest';
import { documentTitle } from './text.js';

describe('documentTitle', () => {
  it('is the title clause as it reads, on one line', () => {
    const clauses = [
      { kind: 'title', text: 'Almaty Declaration\non  Inclusive Education ' },
      { kind: 'operative', text: 'Calls upon' },
    ];
    expect(documentTitle(clauses, 'Opened with')).toBe('Almaty Declaration on Inclusive Education');
  });

  it('falls back to the title the document was opened with when the clause is missing or empty', () => {
    expect(documentTitle([{ kind: 'operative', text: 'Calls upon' }], 'Opened with')).toBe('Opened with');
    expect(documentTitle([{ kind: 'title', text: ' \n ' }], 'Opened with')).toBe('Opened with');
  });
});
